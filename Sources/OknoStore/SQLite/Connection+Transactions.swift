/// How a transaction takes its locks; see <https://www.sqlite.org/lang_transaction.html>.
public enum TransactionKind: String, Sendable {
    /// Takes locks on first read or write.
    case deferred = "DEFERRED"
    /// Takes the write lock at once, so the transaction cannot fail later with SQLITE_BUSY.
    case immediate = "IMMEDIATE"
    /// Takes the write lock at once and, outside WAL mode, keeps readers out.
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// Transactions do not nest; inside one, use `savepoint(_:_:)`.
    /// - Parameter kind: default `.immediate`.
    /// - Throws: the error of `body`, or `DatabaseError` if BEGIN or COMMIT fails.
    @discardableResult
    public func transaction<T>(kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try run("BEGIN \(kind.rawValue)")
        do {
            let value = try body()
            try run("COMMIT")
            return value
        } catch {
            rollbackIfNeeded()
            throw error
        }
    }

    /// Runs `body` inside `SAVEPOINT name`: released if it returns, rolled back to and released if
    /// it throws, leaving the enclosing transaction (if any) as it was before.
    @discardableResult
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let identifier = "\"" + name.replacing("\"", with: "\"\"") + "\""
        try run("SAVEPOINT \(identifier)")
        do {
            let value = try body()
            try run("RELEASE \(identifier)")
            return value
        } catch {
            // After some failures (disk full, I/O error) SQLite has already rolled everything back.
            if isInTransaction {
                _ = try? run("ROLLBACK TO \(identifier)")
                _ = try? run("RELEASE \(identifier)")
            }
            throw error
        }
    }

    /// Rolls back the open transaction, if any, keeping the caller's error as the one reported.
    func rollbackIfNeeded() {
        if isInTransaction {
            _ = try? run("ROLLBACK")
        }
    }
}
