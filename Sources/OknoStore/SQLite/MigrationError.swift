/// Why migrations could not be loaded or applied.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's file no longer matches what was applied.
    case changed(version: Int, name: String)
    /// The database records a migration that no file provides.
    case unknownApplied(version: Int, name: String)
    /// Two migrations share a version.
    case duplicateVersion(Int)
    /// A migration file is not valid UTF-8.
    case invalidEncoding(file: String)
    /// A migration's SQL failed; its transaction was rolled back, so nothing of it is left.
    case failed(version: Int, name: String, error: DatabaseError)

    /// SQLite's error, when a migration failed.
    public var databaseError: DatabaseError? {
        guard case .failed(_, _, let error) = self else { return nil }
        return error
    }

    public var description: String {
        switch self {
        case .changed(let version, let name):
            "migration \(Migration.fileName(version: version, name: name)) was changed after it was applied; "
                + "restore the original file"
        case .unknownApplied(let version, let name):
            "the database has migration \(Migration.fileName(version: version, name: name)) applied, "
                + "but no such file exists; is this binary older than the database?"
        case .duplicateVersion(let version):
            "more than one migration has version \(version)"
        case .invalidEncoding(let file):
            "migration \(file) is not valid UTF-8"
        case .failed(let version, let name, let error):
            "migration \(Migration.fileName(version: version, name: name)) failed and was rolled back: \(error)"
        }
    }
}
