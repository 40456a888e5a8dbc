/// Compact JSON output: no whitespace, members in their stored order.
///
/// Strings escape `"`, `\` and control characters (`\n`, `\r`, `\t`, `\b`, `\f` by
/// name, the others as `\u00XX`); everything else, non-ASCII included, is written
/// as its UTF-8. Numbers are written as their `text`.
public enum JSONWriter {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `value` to `output`, so a response body can be built in one buffer.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let flag): append(flag ? "true" : "false", to: &output)
        case .number(let number): append(number.text, to: &output)
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            output.append(ASCII.openBracket)
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(ASCII.comma) }
                write(element, into: &output)
            }
            output.append(ASCII.closeBracket)
        case .object(let object):
            output.append(ASCII.openBrace)
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(ASCII.comma) }
                writeString(member.key, into: &output)
                output.append(ASCII.colon)
                write(member.value, into: &output)
            }
            output.append(ASCII.closeBrace)
        }
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(ASCII.quote)
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for position in utf8.indices {
                let byte = utf8[position]
                guard byte < ASCII.space || byte == ASCII.quote || byte == ASCII.backslash else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                appendEscape(for: byte, to: &output)
                runStart = position + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(ASCII.quote)
    }

    private static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
        let named: UInt8
        switch byte {
        case ASCII.quote, ASCII.backslash: named = byte
        case 0x08: named = ASCII.b
        case 0x0C: named = ASCII.f
        case ASCII.lineFeed: named = ASCII.n
        case ASCII.carriageReturn: named = ASCII.r
        case ASCII.tab: named = ASCII.t
        default:
            output.append(contentsOf: #"\u00"#.utf8)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
            return
        }
        output.append(ASCII.backslash)
        output.append(named)
    }
}

extension JSONValue {
    /// This value as compact JSON bytes.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        // Most bodies fit: growing from empty copied them several times over.
        output.reserveCapacity(512)
        JSONWriter.write(self, into: &output)
        return output
    }

    /// This value as compact JSON text.
    public func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
