import CSQLite

/// An error reported by SQLite: its result codes, its message and the SQL that failed.
///
/// Bound values are never recorded, so the description is safe to log.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (the low 8 bits of the extended code), e.g. 19 for a constraint.
    public var resultCode: Int32 { extendedResultCode & 0xFF }
    /// The extended result code, e.g. 2067 for a UNIQUE constraint.
    public let extendedResultCode: Int32
    /// SQLite's explanation of the failure.
    public let message: String
    /// The SQL text that failed, if the failure came from a statement.
    public let sql: String?

    /// Creates an error from a result code and message.
    public init(extendedResultCode: Int32, message: String, sql: String? = nil) {
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
    }

    /// Reads the message of the last failed call on `handle`; call it right after that call.
    init(code: Int32, handle: OpaquePointer?, sql: String? = nil) {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(
            extendedResultCode: code,
            message: message ?? String(cString: sqlite3_errstr(code)),
            sql: sql
        )
    }

    public var description: String {
        var text = "SQLite error \(resultCode) (extended \(extendedResultCode)): \(message)"
        if let sql {
            text += " — while executing `\(sql)`"
        }
        return text
    }

    /// Any constraint failure: UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL or CHECK.
    public var isConstraintViolation: Bool { resultCode == Code.constraint }
    /// A UNIQUE or PRIMARY KEY constraint failure: the row already exists.
    public var isUniqueViolation: Bool {
        extendedResultCode == Code.constraintUnique || extendedResultCode == Code.constraintPrimaryKey
    }
    /// A FOREIGN KEY constraint failure: a referenced row is missing or still referenced.
    public var isForeignKeyViolation: Bool { extendedResultCode == Code.constraintForeignKey }
    /// The database stayed locked by another connection for longer than the busy timeout.
    public var isBusy: Bool { resultCode == Code.busy }
}

extension DatabaseError {
    /// The SQLite result codes this layer inspects.
    ///
    /// Extended codes are C macros (`SQLITE_CONSTRAINT | (8<<8)`) that Swift cannot import,
    /// so they are spelled out here; see <https://www.sqlite.org/rescode.html>.
    public enum Code {
        public static let error: Int32 = 1
        public static let busy: Int32 = 5
        public static let constraint: Int32 = 19
        public static let misuse: Int32 = 21
        public static let constraintCheck: Int32 = constraint | (1 << 8)
        public static let constraintForeignKey: Int32 = constraint | (3 << 8)
        public static let constraintPrimaryKey: Int32 = constraint | (6 << 8)
        public static let constraintUnique: Int32 = constraint | (8 << 8)
    }

    /// A misuse of this layer's API rather than a failure inside SQLite.
    static func misuse(_ message: String, sql: String? = nil) -> DatabaseError {
        DatabaseError(extendedResultCode: Code.misuse, message: message, sql: sql)
    }
}
