/// The JSON object stored with an event: keys in the order given, scalar values.
///
/// Written by the store itself so that the feed's `data` has a stable, compact form; no personal
/// data belongs here (the feed goes to other systems).
public struct EventData: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// A JSON scalar.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case null
    }

    public private(set) var fields: [(key: String, value: Value)]

    public init(dictionaryLiteral elements: (String, Value)...) {
        fields = elements.map { (key: $0.0, value: $0.1) }
    }

    public init(_ fields: [(String, Value)]) {
        self.fields = fields.map { (key: $0.0, value: $0.1) }
    }

    /// Sets `key`, replacing an earlier value in place.
    public mutating func set(_ key: String, _ value: Value) {
        if let index = fields.firstIndex(where: { $0.key == key }) {
            fields[index].value = value
        } else {
            fields.append((key: key, value: value))
        }
    }

    public subscript(key: String) -> Value? {
        fields.first { $0.key == key }?.value
    }

    public static func == (lhs: EventData, rhs: EventData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }

    /// The object as compact JSON text.
    ///
    /// Built as UTF-8 bytes and turned into a string once: several times faster than appending to
    /// a `String` piece by piece, which matters to the deadline scheduler writing thousands of
    /// events in one batch.
    public var json: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + fields.count * 32)
        bytes.append(UInt8(ascii: "{"))
        for (offset, field) in fields.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendString(field.key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            switch field.value {
            case .string(let value): Self.appendString(value, to: &bytes)
            case .integer(let value): bytes.append(contentsOf: String(value).utf8)
            case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
            case .null: bytes.append(contentsOf: "null".utf8)
            }
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\r`,
    /// `\t` or `\u00XX`, everything else (UTF-8 included) as it is.
    private static func appendString(_ value: String, to bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        bytes.append(quote)
        var value = value
        value.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for (position, byte) in utf8.enumerated() where byte < 0x20 || byte == quote || byte == backslash {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                switch byte {
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
                case quote, backslash: bytes.append(contentsOf: [backslash, byte])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
                runStart = position + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(quote)
    }
}

extension EventData.Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
