/// The message-framing and Host rules of RFC 9112 §6 and §3.2 that guard against smuggling.
enum FramingRules {
    static func apply(
        method: String, target: String, version: HTTPVersion, parsedTarget: RequestTarget.Parsed,
        headers: HTTPHeaders, maxBodyBytes: Int
    ) -> Result<RequestHead, HTTPParseError> {
        let hosts = headers.values("host")
        if hosts.count > 1 { return .failure(.repeatedHost) }
        if version == .http1_1, hosts.isEmpty { return .failure(.missingHost) }
        if let host = hosts.first, !isValidHost(host) { return .failure(.invalidHost) }

        let framing: BodyFraming
        let lengths = headers.values("content-length")
        let codings = headers.values("transfer-encoding")
        if !codings.isEmpty {
            guard lengths.isEmpty else { return .failure(.contentLengthWithTransferEncoding) }
            guard version == .http1_1 else { return .failure(.transferEncodingInHTTP10) }
            let list = codings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingASCIIWhitespace().lowercased() }
            guard list == ["chunked"] else { return .failure(.unsupportedTransferCoding) }
            framing = .chunked
        } else if !lengths.isEmpty {
            guard lengths.count == 1 else { return .failure(.repeatedContentLength) }
            let text = lengths[0]
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
            ? !headers.hasToken("close", in: "connection")
            : headers.hasToken("keep-alive", in: "connection") && !headers.hasToken("close", in: "connection")

        var expectsContinue = false
        if let expectation = headers["expect"] {
            guard expectation.lowercased() == "100-continue" else { return .failure(.unsupportedExpectation) }
            expectsContinue = version == .http1_1 && framing != .none
        }

        return .success(
            RequestHead(
                method: method, target: target, version: version, pathSegments: parsedTarget.pathSegments,
                query: parsedTarget.query.map { (name: $0.name, value: $0.value) }, headers: headers,
                framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue))
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
