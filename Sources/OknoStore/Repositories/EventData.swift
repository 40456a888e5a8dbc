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
    public var json: String {
        var text = "{"
        for (offset, field) in fields.enumerated() {
            if offset > 0 { text += "," }
            Self.appendString(field.key, to: &text)
            text += ":"
            switch field.value {
            case .string(let value): Self.appendString(value, to: &text)
            case .integer(let value): text += String(value)
            case .bool(let value): text += value ? "true" : "false"
            case .null: text += "null"
            }
        }
        return text + "}"
    }

    private static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
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
