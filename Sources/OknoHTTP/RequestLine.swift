/// The request line: `method SP request-target SP HTTP-version` (RFC 9112 §3).
struct RequestLine: Equatable {
    var method: String
    var target: String
    var version: HTTPVersion

    static func parse(_ line: UnsafeBufferPointer<UInt8>, maxTargetLength: Int) -> Result<RequestLine, HTTPParseError> {
        guard let firstSpace = line.firstIndex(of: .space),
            let lastSpace = line.lastIndex(of: .space),
            firstSpace < lastSpace
        else { return .failure(.malformedRequestLine) }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        let targetBytes = UnsafeBufferPointer(rebasing: line[(firstSpace + 1)..<lastSpace])
        let versionBytes = UnsafeBufferPointer(rebasing: line[(lastSpace + 1)...])

        guard !methodBytes.isEmpty, methodBytes.allSatisfy(\.isTokenCharacter) else {
            return .failure(.malformedRequestLine)
        }
        guard let version = parseVersion(versionBytes) else { return .failure(.malformedRequestLine) }
        guard version.major == 1 else { return .failure(.unsupportedVersion) }
        guard !targetBytes.isEmpty else { return .failure(.malformedRequestLine) }
        guard targetBytes.count <= maxTargetLength else { return .failure(.targetTooLong) }
        // Visible ASCII only: a space here means extra separators, anything else is not a URI.
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(.invalidTarget) }
        return .success(
            RequestLine(
                method: String(decoding: methodBytes, as: UTF8.self),
                target: String(decoding: targetBytes, as: UTF8.self),
                version: HTTPVersion(major: 1, minor: min(version.minor, 1))))
    }

    /// `HTTP/` DIGIT `.` DIGIT, case-sensitive.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPVersion? {
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
            let major = digit(bytes[5]), let minor = digit(bytes[7])
        else { return nil }
        return HTTPVersion(major: major, minor: minor)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}

/// One `field-name ":" OWS field-value OWS` line (RFC 9112 §5).
enum FieldLine {
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<(name: String, value: String), HTTPParseError> {
        guard let first = line.first else { return .failure(.malformedHeader) }
        if first == .space || first == .tab { return .failure(.obsoleteLineFolding) }
        guard let colon = line.firstIndex(of: .colon), colon > 0 else { return .failure(.malformedHeader) }
        let name = UnsafeBufferPointer(rebasing: line[..<colon])
        if let last = name.last, last == .space || last == .tab { return .failure(.whitespaceBeforeColon) }
        guard name.allSatisfy(\.isTokenCharacter) else { return .failure(.malformedHeader) }
        var start = colon + 1
        var end = line.count
        while start < end, line[start] == .space || line[start] == .tab { start += 1 }
        while end > start, line[end - 1] == .space || line[end - 1] == .tab { end -= 1 }
        let value = UnsafeBufferPointer(rebasing: line[start..<end])
        // field-vchar, SP, HTAB and obs-text; NUL, CR, LF, DEL and other controls are refused.
        guard value.allSatisfy({ $0 == .tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(.invalidFieldValue)
        }
        return .success((name: asciiLowercased(name), value: String(decoding: value, as: UTF8.self)))
    }

    private static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() {
                buffer[offset] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            }
            return bytes.count
        }
    }
}

/// `chunk-size [ chunk-ext ]` (RFC 9112 §7.1).
enum ChunkLine {
    /// The chunk size, or nil when the line breaks the grammar; extensions are checked and ignored.
    static func size(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var size = 0
        while index < line.count, let digit = RequestTarget.hexValue(line[index]) {
            guard size <= (Int.max >> 4) else { return nil }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > 0 else { return nil }
        while index < line.count {
            skipWhitespace(line, &index)
            guard index < line.count, line[index] == UInt8(ascii: ";") else { return nil }
            index += 1
            skipWhitespace(line, &index)
            guard skipToken(line, &index) else { return nil }
            skipWhitespace(line, &index)
            if index < line.count, line[index] == UInt8(ascii: "=") {
                index += 1
                skipWhitespace(line, &index)
                guard skipToken(line, &index) || skipQuotedString(line, &index) else { return nil }
                skipWhitespace(line, &index)
            }
        }
        return size
    }

    private static func skipWhitespace(_ line: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < line.count, line[index] == .space || line[index] == .tab { index += 1 }
    }

    private static func skipToken(_ line: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        let start = index
        while index < line.count, line[index].isTokenCharacter { index += 1 }
        return index > start
    }

    private static func skipQuotedString(_ line: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Bool {
        guard index < line.count, line[index] == UInt8(ascii: "\"") else { return false }
        index += 1
        while index < line.count {
            switch line[index] {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                index += 2
            case let byte where byte == .tab || (byte >= 0x20 && byte != 0x7F):
                index += 1
            default:
                return false
            }
        }
        return false
    }
}
