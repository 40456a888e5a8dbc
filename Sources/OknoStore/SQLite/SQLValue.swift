/// One SQLite value, as bound to a statement or read from a column.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The integer, if this is `.integer`.
    public var int64: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The text, if this is `.text`.
    public var string: String? {
        if case .text(let value) = self { value } else { nil }
    }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// SQLite has no boolean type: `true` is stored as 1 and `false` as 0.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
