/// Why the store could not do what was asked, apart from SQLite's own errors.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no database at the path; it is not created for a backup.
    case missingDatabase(path: String)
    /// The backup target is the database itself.
    case backupOntoItself(path: String)
    /// The migrations shipped with the binary cannot be found next to it.
    case migrationsNotFound
    /// A stored value does not decode, e.g. a date column that is not `YYYY-MM-DD`.
    case corruptValue(table: String, column: String)
    /// An idempotency key was found without its message, which registration never leaves behind.
    case idempotencyKeyWithoutMessage
    /// The database has no directory; `Store.open` stores the default one.
    case directoryMissing

    public var description: String {
        switch self {
        case .missingDatabase(let path): "no database at \(path)"
        case .backupOntoItself(let path): "the backup target \(path) is the database itself"
        case .corruptValue(let table, let column): "the stored value of \(table).\(column) cannot be read"
        case .idempotencyKeyWithoutMessage: "an idempotency key names no message"
        case .directoryMissing: "the database has no directory yet; it is stored when okno first opens the database"
        case .migrationsNotFound: "the migrations bundled with okno were not found (OknoStore resource bundle missing)"
        }
    }
}
