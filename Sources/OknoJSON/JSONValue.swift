/// One JSON value (RFC 8259), as parsed or as built for a response.
///
/// Two values are equal when they serialize identically: object key order and the
/// written form of numbers (`1` versus `1.0`) both count.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The member named `key` when this is an object that has it; otherwise `nil`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The string when this is `.string`; otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The Boolean when this is `.bool`; otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The number when this is `.number`; otherwise `nil`.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The number's `int64` when this is an integral `.number` that fits; otherwise `nil`.
    public var int64Value: Int64? {
        numberValue?.int64
    }

    /// The number's `double` when this is `.number`; otherwise `nil`.
    public var doubleValue: Double? {
        numberValue?.double
    }

    /// The elements when this is `.array`; otherwise `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members when this is `.object`; otherwise `nil`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { value } else { nil }
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
