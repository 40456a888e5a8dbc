/// The message-framing and Host rules of RFC 9112 §6 and §3.2 that guard against smuggling.
enum FramingRules {
    static func apply(
        method: String, target: String, version: HTTPVersion, parsedTarget: RequestTarget.Parsed,
        headers: HTTPHeaders, maxBodyBytes: Int
    ) -> Result<RequestHead, HTTPParseError> {
        let fields = FramingFields(headers)
        if fields.hostCount > 1 { return .failure(.repeatedHost) }
        if version == .http1_1, fields.hostCount == 0 { return .failure(.missingHost) }
        if let host = fields.host, !isValidHost(host) { return .failure(.invalidHost) }

        let framing: BodyFraming
        if !fields.transferCodings.isEmpty {
            guard fields.lengthCount == 0 else { return .failure(.contentLengthWithTransferEncoding) }
            guard version == .http1_1 else { return .failure(.transferEncodingInHTTP10) }
            let list = fields.transferCodings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingASCIIWhitespace().lowercased() }
            guard list == ["chunked"] else { return .failure(.unsupportedTransferCoding) }
            framing = .chunked
        } else if let text = fields.length {
            guard fields.lengthCount == 1 else { return .failure(.repeatedContentLength) }
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let length = Int(text)
            else { return .failure(.invalidContentLength) }
            guard length <= maxBodyBytes else { return .failure(.bodyTooLarge) }
            framing = length == 0 ? .none : .length(length)
        } else {
            framing = .none
        }

        let keepAlive =
            version == .http1_1
            ? !fields.connectionHasClose : fields.connectionHasKeepAlive && !fields.connectionHasClose

        var expectsContinue = false
        if let expectation = fields.expect {
            guard expectation.lowercased() == "100-continue" else { return .failure(.unsupportedExpectation) }
            expectsContinue = version == .http1_1 && framing != .none
        }

        return .success(
            RequestHead(
                method: method, target: target, version: version, pathSegments: parsedTarget.pathSegments,
                query: parsedTarget.query.map { (name: $0.name, value: $0.value) }, headers: headers,
                framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue))
    }

    /// The fields the rules read, gathered in one pass over the head (names are stored lowercased).
    private struct FramingFields {
        var hostCount = 0
        var host: String?
        var lengthCount = 0
        var length: String?
        var transferCodings: [String] = []
        var connectionHasClose = false
        var connectionHasKeepAlive = false
        var expect: String?

        init(_ headers: HTTPHeaders) {
            for (name, value) in headers.fields {
                switch name {
                case "host":
                    hostCount += 1
                    if host == nil { host = value }
                case "content-length":
                    lengthCount += 1
                    if length == nil { length = value }
                case "transfer-encoding":
                    transferCodings.append(value)
                case "connection":
                    for token in value.split(separator: ",") {
                        switch token.trimmingASCIIWhitespace().lowercased() {
                        case "close": connectionHasClose = true
                        case "keep-alive": connectionHasKeepAlive = true
                        default: break
                        }
                    }
                case "expect":
                    if expect == nil { expect = value }
                default:
                    break
                }
            }
        }
    }

    /// `uri-host [ ":" port ]`, loosely: reg-name, IPv4 or bracketed IPv6 characters only.
    static func isValidHost(_ host: String) -> Bool {
        host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "-._~:[]%!$&'()*+,;=".utf8.contains(byte)
            }
        }
    }
}
