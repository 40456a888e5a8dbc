extension Parser {
    /// Parses a string starting at its opening quote.
    ///
    /// Strings without escapes, the common case, become a `String` straight from the
    /// input; the others are unescaped into `scratch` first.
    mutating func parseString() throws(JSONError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return string
            }
            if byte == ASCII.backslash {
                return try parseEscapedString(from: start)
            }
            try skipCharacter(byte)
        }
        throw syntaxError("unterminated string")
    }

    /// Continues a string at its first backslash; `start` is just after the opening quote.
    private mutating func parseEscapedString(from start: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote || byte == ASCII.backslash {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                if byte == ASCII.quote {
                    return String(decoding: scratch, as: UTF8.self)
                }
                try parseEscape()
                runStart = index
            } else {
                try skipCharacter(byte)
            }
        }
        throw syntaxError("unterminated string")
    }

    /// Steps over one unescaped character, refusing control characters and malformed UTF-8.
    private mutating func skipCharacter(_ byte: UInt8) throws(JSONError) {
        if byte < ASCII.space {
            throw syntaxError("control character in string")
        }
        if byte < 0x80 {
            index += 1
        } else if let length = UTF8Validation.sequenceLength(in: bytes, at: index) {
            index += length
        } else {
            throw JSONError(.invalidUTF8, at: index, "malformed UTF-8 in string")
        }
    }

    /// Appends the character an escape stands for to `scratch`; `index` is just after the backslash.
    private mutating func parseEscape() throws(JSONError) {
        guard let letter = peek() else { throw syntaxError("unterminated string") }
        let unescaped: UInt8
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash: unescaped = letter
        case ASCII.b: unescaped = 0x08
        case ASCII.f: unescaped = 0x0C
        case ASCII.n: unescaped = ASCII.lineFeed
        case ASCII.r: unescaped = ASCII.carriageReturn
        case ASCII.t: unescaped = ASCII.tab
        case ASCII.u:
            try parseUnicodeEscape()
            return
        default:
            throw syntaxError("invalid escape sequence")
        }
        scratch.append(unescaped)
        index += 1
    }

    /// Parses `uXXXX`, or a surrogate pair `uD8xx\uDCxx`, and appends its UTF-8.
    private mutating func parseUnicodeEscape() throws(JSONError) {
        let escapeStart = index - 1
        index += 1
        let unit = try parseHexQuad()
        var scalar: UInt32
        switch unit {
        case 0xD800...0xDBFF:
            guard peek() == ASCII.backslash, index + 1 < bytes.count, bytes[index + 1] == ASCII.u else {
                throw JSONError(.syntax, at: escapeStart, "high surrogate escape without a low one")
            }
            index += 2
            let low = try parseHexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONError(.syntax, at: escapeStart, "high surrogate escape without a low one")
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONError(.syntax, at: escapeStart, "low surrogate escape without a high one")
        default:
            scalar = unit
        }
        appendUTF8(of: scalar)
    }

    private mutating func parseHexQuad() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw syntaxError("unterminated string") }
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case ASCII.upperA...ASCII.upperF: digit = byte - ASCII.upperA + 10
            case ASCII.lowerA...ASCII.f: digit = byte - ASCII.lowerA + 10
            default: throw syntaxError("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(of scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
