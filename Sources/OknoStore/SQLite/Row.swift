/// The current row of a query, valid only inside the closure it is passed to.
public struct Row {
    let statement: Statement

    /// The number of columns.
    public var count: Int { statement.columnCount }

    /// Whether the column at `index` (0-based) holds NULL.
    public func isNull(at index: Int) -> Bool { statement.isNull(at: index) }
    /// The column as an integer; NULL reads as 0.
    public func int64(at index: Int) -> Int64 { statement.int64(at: index) }
    /// The column as an `Int`; NULL reads as 0.
    public func int(at index: Int) -> Int { Int(statement.int64(at: index)) }
    /// The column as a floating-point number; NULL reads as 0.
    public func double(at index: Int) -> Double { statement.double(at: index) }
    /// The column as UTF-8 text, or `nil` for NULL.
    public func string(at index: Int) -> String? { statement.string(at: index) }
    /// The column as bytes, or `nil` for NULL.
    public func blob(at index: Int) -> [UInt8]? { statement.blob(at: index) }
    /// The column with its stored type.
    public func value(at index: Int) -> SQLValue { statement.value(at: index) }
}

@available(*, unavailable)
extension Row: Sendable {}
