import CSQLite

/// A prepared SQL statement; finalized when released.
///
/// Belongs to the connection that prepared it and must be used on that connection's thread.
public final class Statement {
    let handle: OpaquePointer
    /// Whether the connection's statement cache has lent it out (and must not lend it again).
    var isLent = false

    /// The SQL text as prepared, without bound values.
    public var sql: String { String(cString: sqlite3_sql(handle)) }

    /// The number of columns in each result row.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Takes ownership of a prepared handle.
    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Prepares exactly one statement.
    ///
    /// - Parameter persistent: hints SQLite that the statement will be kept and reused.
    /// - Throws: `DatabaseError` if the SQL is invalid, empty, or holds more than one statement.
    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        var prepared: OpaquePointer?
        let extra: Bool = try sql.withCString { start in
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let code = sqlite3_prepare_v3(database, start, -1, flags, &prepared, &tail)
            guard code == SQLITE_OK else {
                throw DatabaseError(code: code, handle: database, sql: sql)
            }
            return tail.map { String(cString: $0).contains { !$0.isWhitespace } } ?? false
        }
        guard let prepared else {
            throw DatabaseError.misuse("no SQL statement to prepare", sql: sql)
        }
        self.handle = prepared
        guard !extra else {
            throw DatabaseError.misuse("more than one statement; use execute(_:) for scripts", sql: sql)
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    // MARK: Binding

    /// Binds `value` to the parameter at `index` (1-based, as in SQLite).
    public func bind(_ value: SQLValue, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let number):
            code = sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            code = sqlite3_bind_double(handle, position, number)
        case .text(var text):
            code = text.withUTF8 { bytes in
                // An empty buffer may have no address, and a nil pointer would bind NULL.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
                }
                let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                return sqlite3_bind_text64(
                    handle, position, characters, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, !raw.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, UInt64(raw.count), csqlite_transient())
            }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(code: code, handle: sqlite3_db_handle(handle), sql: sql)
        }
    }

    /// Binds `value` to a named parameter, spelled as in the SQL (`:name`, `@name` or `$name`).
    ///
    /// - Throws: `DatabaseError` if the statement has no parameter of that name.
    public func bind(_ value: SQLValue, name: String) throws {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw DatabaseError(
                extendedResultCode: Int32(SQLITE_RANGE), message: "no parameter named \(name)", sql: sql)
        }
        try bind(value, at: Int(index))
    }

    /// Binds `values` to parameters 1, 2, … in order.
    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    // MARK: Stepping

    /// Runs the statement to its next row.
    ///
    /// - Returns: `true` if a row is available for the column reads, `false` when done.
    /// - Throws: `DatabaseError` carrying the SQL text, never the bound values.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            throw DatabaseError(code: code, handle: sqlite3_db_handle(handle), sql: sql)
        }
    }

    /// Rewinds the statement so it can run again and clears its bindings.
    public func reset() {
        // The code returned repeats the last step's error, which `step()` already reported.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Reading the current row

    /// Whether the column at `index` (0-based) holds NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The column as an integer; NULL reads as 0.
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    /// The column as a floating-point number; NULL reads as 0.
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    /// The column as UTF-8 text, or `nil` for NULL.
    public func string(at index: Int) -> String? {
        let column = Int32(index)
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes, or `nil` for NULL.
    public func blob(at index: Int) -> [UInt8]? {
        let column = Int32(index)
        guard !isNull(at: index) else { return nil }
        guard let base = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The column with its stored type.
    public func value(at index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: .integer(int64(at: index))
        case SQLITE_FLOAT: .real(double(at: index))
        case SQLITE_TEXT: string(at: index).map(SQLValue.text) ?? .null
        case SQLITE_BLOB: .blob(blob(at: index) ?? [])
        default: .null
        }
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
