/// Splits a request target into decoded path segments and query parameters (RFC 9112 §3.2).
enum RequestTarget {
    struct Parsed: Equatable {
        var pathSegments: [String]
        var query: [Pair]
    }

    struct Pair: Equatable {
        var name: String
        var value: String
    }

    /// Parses origin-, absolute- and asterisk-form targets; nil when malformed.
    static func parse(_ target: String, method: String) -> Parsed? {
        if target == "*" {
            return method == "OPTIONS" ? Parsed(pathSegments: ["*"], query: []) : nil
        }
        var rest = Substring(target)
        if !rest.hasPrefix("/") {
            guard let afterScheme = stripScheme(rest) else { return nil }
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            guard authorityEnd > afterScheme.startIndex else { return nil }
            rest = afterScheme[authorityEnd...]
            if rest.isEmpty || rest.hasPrefix("?") { rest = "/" + rest }
        }
        // A target is visible ASCII (`RequestLine`): its bytes are its characters, and working on
        // them spares the grapheme breaking of `Character` operations.
        if rest.utf8.contains(UInt8(ascii: "#")) { return nil }
        let pathPart: Substring
        var queryPart: Substring = ""
        if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            pathPart = rest[..<mark]
            queryPart = rest[rest.utf8.index(after: mark)...]
        } else {
            pathPart = rest
        }
        var segments: [String] = []
        if pathPart.utf8.count > 1 {
            var segmentStart = pathPart.utf8.index(after: pathPart.startIndex)
            while true {
                let segmentEnd = pathPart.utf8[segmentStart...].firstIndex(of: UInt8(ascii: "/")) ?? pathPart.endIndex
                guard let decoded = percentDecode(pathPart[segmentStart..<segmentEnd], plusAsSpace: false) else {
                    return nil
                }
                segments.append(decoded)
                guard segmentEnd < pathPart.endIndex else { break }
                segmentStart = pathPart.utf8.index(after: segmentEnd)
            }
        }
        var query: [Pair] = []
        for item in queryPart.utf8.split(separator: UInt8(ascii: "&")).map(Substring.init) {
            let name: Substring
            let value: Substring
            if let equals = item.utf8.firstIndex(of: UInt8(ascii: "=")) {
                name = item[..<equals]
                value = item[item.utf8.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            guard let decodedName = percentDecode(name, plusAsSpace: true),
                let decodedValue = percentDecode(value, plusAsSpace: true)
            else { return nil }
            query.append(Pair(name: decodedName, value: decodedValue))
        }
        return Parsed(pathSegments: segments, query: query)
    }

    private static func stripScheme(_ target: Substring) -> Substring? {
        let lower = target.prefix(8).lowercased()
        if lower.hasPrefix("http://") { return target.dropFirst(7) }
        if lower.hasPrefix("https://") { return target.dropFirst(8) }
        return nil
    }

    /// Decodes `%XX` escapes; nil for a broken escape, a decoded NUL or invalid UTF-8.
    static func percentDecode(_ text: Substring, plusAsSpace: Bool) -> String? {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                let decoded = high << 4 | low
                guard decoded != 0 else { return nil }
                bytes.append(decoded)
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
