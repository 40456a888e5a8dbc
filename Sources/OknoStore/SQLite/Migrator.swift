/// Brings a database's schema up to date with a list of migrations, each applied once.
///
/// Applied migrations are recorded in `schema_migrations` with a checksum, so an edited or
/// missing migration file is refused instead of silently diverging.
public struct Migrator: Sendable {
    /// The migrations in version order.
    public let migrations: [Migration]

    /// - Throws: `MigrationError.duplicateVersion` if two migrations share a version.
    public init(migrations: [Migration]) throws {
        self.migrations = try Migration.ordered(migrations)
    }

    /// Verifies the applied migrations, then applies each pending one in its own transaction
    /// together with its `schema_migrations` row.
    ///
    /// Migration scripts must not contain BEGIN, COMMIT or ROLLBACK.
    /// - Returns: the migrations applied now, in order; empty if the schema was up to date.
    /// - Throws: `MigrationError.changed` or `.unknownApplied` before applying anything, or
    ///   `.failed` naming a failing migration, which leaves nothing of itself behind (the migrations
    ///   before it stay applied); the `DatabaseError` of a transaction that cannot begin (busy).
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var applied: Set<Int> = []
        try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") { row in
            let version = row.int(at: 0)
            let name = row.string(at: 1) ?? ""
            guard let migration = byVersion[version] else {
                throw MigrationError.unknownApplied(version: version, name: name)
            }
            guard migration.checksum == row.string(at: 2) else {
                throw MigrationError.changed(version: version, name: name)
            }
            applied.insert(version)
        }
        let pending = migrations.filter { !applied.contains($0.version) }
        for migration in pending {
            // A database another process holds locked fails at BEGIN, with its own DatabaseError.
            try connection.transaction(kind: .immediate) {
                do {
                    try connection.execute(migration.sql)
                    try connection.run(
                        """
                        INSERT INTO schema_migrations (version, name, checksum, applied_at)
                        VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                        """,
                        [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
                } catch let error as DatabaseError {
                    throw MigrationError.failed(version: migration.version, name: migration.name, error: error)
                }
            }
        }
        return pending
    }
}
