import CSQLite

extension Connection {
    /// Copies this connection's database into a new file at `path`, replacing its content.
    ///
    /// The copy is made in one step, so it is a consistent snapshot of committed data (plus this
    /// connection's own uncommitted changes, if called inside a transaction). From a `ReaderPool`
    /// connection it does not hold up the writer.
    /// - Throws: `DatabaseError` if the target cannot be opened or written.
    public func backup(toPath path: String) throws {
        let target = try Connection.openHandle(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        defer { sqlite3_close_v2(target) }
        guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
            throw DatabaseError(code: sqlite3_extended_errcode(target), handle: target)
        }
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            let code = stepCode == SQLITE_DONE ? finishCode : stepCode
            throw DatabaseError(code: code, handle: target)
        }
    }
}
