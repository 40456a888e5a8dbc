import CSQLite

/// One SQLite connection, with its own cache of prepared statements.
///
/// A connection is used by one thread at a time and never shared: `DatabaseWriter` and
/// `ReaderPool` own connections and lend them to closures.
public final class Connection {
    /// At most this many prepared statements are kept for reuse. Default: 64.
    static let statementCacheCapacity = 64

    let handle: OpaquePointer
    /// Prepared statements by SQL text, looked up once per use.
    private var statementCache: [String: Statement] = [:]

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens the database file at `path`.
    ///
    /// A writable connection creates the file if needed and switches it to WAL journaling;
    /// every connection gets `synchronous=FULL` and `foreign_keys=ON`.
    ///
    /// - Parameters:
    ///   - readOnly: opens with `SQLITE_OPEN_READONLY`; the file must already exist.
    ///   - busyTimeout: how long to wait for another connection's lock. Default: 5000 ms.
    ///   - uriFileNames: `path` and the file names given to `ATTACH` may be `file:` URIs (so that
    ///     a database can be attached read-only, `?mode=ro`). Default: off.
    /// - Throws: `DatabaseError` if the file cannot be opened or configured.
    public static func open(
        path: String,
        readOnly: Bool = false,
        busyTimeout: Duration = .milliseconds(5000),
        uriFileNames: Bool = false
    ) throws -> Connection {
        let access = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let opened = try openHandle(
            path: path, flags: access | SQLITE_OPEN_NOMUTEX | (uriFileNames ? SQLITE_OPEN_URI : 0))
        let connection = Connection(handle: opened)
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, Int32(clamping: busyTimeout.milliseconds))
        if !readOnly {
            let mode = try connection.scalar("PRAGMA journal_mode = WAL")?.string
            guard mode == "wal" else {
                throw DatabaseError(
                    extendedResultCode: DatabaseError.Code.error,
                    message: "journal_mode=WAL was refused; the journal mode is \(mode ?? "unknown")")
            }
        }
        // temp_store=MEMORY keeps savepoint side journals off the disk (each group-commit item has one).
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY")
        return connection
    }

    /// SQLite's process-wide settings, made once before the first handle opens: no memory
    /// statistics (they take one global mutex on every allocation, which the writers and readers
    /// of all threads then contend for; nothing reads them).
    private static let processSettings: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    /// Opens a bare handle with `flags`, closing it again if opening fails.
    static func openHandle(path: String, flags: Int32) throws -> OpaquePointer {
        Self.processSettings
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error = DatabaseError(code: code, handle: opened)
            sqlite3_close_v2(opened)
            throw error
        }
        return opened
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Prepares one statement that the caller owns; it is not cached.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: handle, sql: sql, persistent: false)
    }

    /// Runs a script of any number of `;`-separated statements, discarding their rows.
    ///
    /// - Throws: `DatabaseError` whose SQL starts at the failing statement; earlier ones stay applied.
    public func execute(_ sql: String) throws {
        try sql.withCString { start in
            var next = start
            while next.pointee != 0 {
                var prepared: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, next, -1, &prepared, &tail)
                guard code == SQLITE_OK else {
                    throw DatabaseError(code: code, handle: handle, sql: String(cString: next))
                }
                if let prepared {
                    let statement = Statement(handle: prepared)
                    while try statement.step() {}
                }
                guard let tail, tail != next else { break }
                next = tail
            }
        }
    }

    /// Runs one statement with positional arguments.
    ///
    /// - Returns: the number of rows inserted, updated or deleted.
    @discardableResult
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try withCachedStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
        return Int(sqlite3_changes64(handle))
    }

    /// Runs a query and calls `row` for each result row.
    public func query(_ sql: String, _ arguments: [SQLValue] = [], _ row: (Row) throws -> Void) throws {
        try withCachedStatement(sql, arguments) { statement in
            while try statement.step() {
                try row(Row(statement: statement))
            }
        }
    }

    /// Runs a query and decodes its first row, if any.
    public func queryOne<T>(_ sql: String, _ arguments: [SQLValue] = [], _ row: (Row) throws -> T) throws -> T? {
        try withCachedStatement(sql, arguments) { statement in
            try statement.step() ? row(Row(statement: statement)) : nil
        }
    }

    /// Runs a query and returns the first column of its first row, or `nil` if there is no row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        try queryOne(sql, arguments) { $0.value(at: 0) }
    }

    /// Lends a cached (or newly prepared) statement with `arguments` bound, then resets it.
    ///
    /// A cached statement still lent (the same SQL used inside its own body) is left alone: a
    /// second one is prepared for the nested use.
    private func withCachedStatement<T>(
        _ sql: String, _ arguments: [SQLValue], _ body: (Statement) throws -> T
    ) throws -> T {
        let cached = statementCache[sql]
        let statement: Statement
        if let cached, !cached.isLent {
            statement = cached
        } else {
            statement = try Statement(database: handle, sql: sql, persistent: true)
            if cached == nil && statementCache.count < Self.statementCacheCapacity {
                statementCache[sql] = statement
            }
        }
        statement.isLent = true
        defer {
            statement.reset()
            statement.isLent = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }
}

@available(*, unavailable)
extension Connection: Sendable {}

extension Duration {
    /// The duration in whole milliseconds.
    fileprivate var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
