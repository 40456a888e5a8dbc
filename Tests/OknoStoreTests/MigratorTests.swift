import Foundation
import Testing

@testable import OknoStore

@Suite("Migrator")
struct MigratorTests {
    static let initial = "CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT NOT NULL);\n"
    static let second =
        "ALTER TABLE messages ADD COLUMN region TEXT;\nCREATE INDEX messages_region ON messages (region);\n"

    /// A directory holding the two migrations above and some files to ignore.
    func migrationsDirectory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write(Self.initial, to: "0001_initial.sql")
        try directory.write(Self.second, to: "0002_region.sql")
        try directory.write("not a migration", to: "README.md")
        try directory.write("SELECT 1;", to: "3_short_version.sql")
        try directory.write("SELECT 1;", to: "0003.sql")
        return directory
    }

    func appliedVersions(_ connection: Connection) throws -> [Int] {
        var versions: [Int] = []
        try connection.query("SELECT version FROM schema_migrations ORDER BY version") {
            versions.append($0.int(at: 0))
        }
        return versions
    }

    @Test("loading reads NNNN_name.sql files in version order and ignores the rest")
    func loadsInOrder() throws {
        let directory = try migrationsDirectory()
        let migrations = try Migration.load(directory: directory.url)
        #expect(migrations.map(\.fileName) == ["0001_initial.sql", "0002_region.sql"])
        #expect(migrations.map(\.name) == ["initial", "region"])
        #expect(migrations[0].sql == Self.initial)
        #expect(migrations[0].checksum.hasPrefix("fnv1a64:") && migrations[0].checksum.count == 24)
    }

    @Test("loading refuses two files with the same version")
    func refusesDuplicateVersions() throws {
        let directory = try migrationsDirectory()
        try directory.write("SELECT 1;", to: "0002_other.sql")
        #expect(throws: MigrationError.duplicateVersion(2)) { try Migration.load(directory: directory.url) }
    }

    @Test("loading refuses a file that is not UTF-8")
    func refusesInvalidEncoding() throws {
        let directory = try migrationsDirectory()
        try Data([0x2D, 0x2D, 0xFF, 0xFE]).write(to: directory.url.appendingPathComponent("0003_bad.sql"))
        #expect(throws: MigrationError.invalidEncoding(file: "0003_bad.sql")) {
            try Migration.load(directory: directory.url)
        }
    }

    @Test("migrations apply in order, are recorded, and a re-run applies nothing")
    func appliesThenNoOp() throws {
        let files = try migrationsDirectory()
        let database = try TemporaryDirectory()
        let connection = try Connection.open(path: database.path("db.sqlite"))
        let migrator = try Migrator(migrations: Migration.load(directory: files.url))
        #expect(try migrator.migrate(connection).map(\.version) == [1, 2])
        try connection.run("INSERT INTO messages (text, region) VALUES (?, ?)", ["Жалоба", "77"])
        #expect(try appliedVersions(connection) == [1, 2])
        #expect(try migrator.migrate(connection).isEmpty)
        #expect(try connection.scalar("SELECT count(*) FROM messages") == 1)
    }

    @Test("a later migration applies on top of earlier ones")
    func appliesPendingOnly() throws {
        let database = try TemporaryDirectory()
        let connection = try Connection.open(path: database.path("db.sqlite"))
        let first = Migration(version: 1, name: "initial", sql: Self.initial)
        try Migrator(migrations: [first]).migrate(connection)
        let both = try Migrator(migrations: [Migration(version: 2, name: "region", sql: Self.second), first])
        #expect(try both.migrate(connection).map(\.version) == [2])
        #expect(try appliedVersions(connection) == [1, 2])
    }

    @Test("an applied migration that was edited is refused with a clear message")
    func refusesChangedMigration() throws {
        let database = try TemporaryDirectory()
        let connection = try Connection.open(path: database.path("db.sqlite"))
        try Migrator(migrations: [Migration(version: 1, name: "initial", sql: Self.initial)]).migrate(connection)
        let edited = Migration(version: 1, name: "initial", sql: Self.initial + " ")
        let later = Migration(version: 2, name: "region", sql: Self.second)
        let error = try #require(throws: MigrationError.self) {
            try Migrator(migrations: [edited, later]).migrate(connection)
        }
        #expect(error == .changed(version: 1, name: "initial"))
        #expect(
            error.description
                == "migration 0001_initial.sql was changed after it was applied; restore the original file")
        #expect(try appliedVersions(connection) == [1])
    }

    @Test("a database with a migration the files lack is refused")
    func refusesUnknownApplied() throws {
        let database = try TemporaryDirectory()
        let connection = try Connection.open(path: database.path("db.sqlite"))
        let first = Migration(version: 1, name: "initial", sql: Self.initial)
        try Migrator(migrations: [first, Migration(version: 2, name: "region", sql: Self.second)]).migrate(connection)
        let error = try #require(throws: MigrationError.self) { try Migrator(migrations: [first]).migrate(connection) }
        #expect(error == .unknownApplied(version: 2, name: "region"))
        #expect(error.description.contains("0002_region.sql"))
    }

    @Test("a database locked by another writer is busy, not a failed migration, and nothing is applied")
    func lockedDatabaseIsBusy() throws {
        let database = try TemporaryDirectory()
        let path = database.path("db.sqlite")
        let connection = try Connection.open(path: path, busyTimeout: .milliseconds(50))
        let first = Migration(version: 1, name: "initial", sql: Self.initial)
        try Migrator(migrations: [first]).migrate(connection)
        let holder = try Connection.open(path: path)
        try holder.run("BEGIN IMMEDIATE")
        let migrator = try Migrator(migrations: [first, Migration(version: 2, name: "region", sql: Self.second)])
        let error = try #require(throws: DatabaseError.self) { try migrator.migrate(connection) }
        #expect(error.isBusy)
        #expect(error.sql == "BEGIN IMMEDIATE")
        #expect(try appliedVersions(connection) == [1])
        try holder.run("ROLLBACK")
        #expect(try migrator.migrate(connection).map(\.version) == [2])
    }

    @Test("a failing migration leaves nothing of itself behind and keeps earlier ones")
    func failingMigrationRollsBack() throws {
        let database = try TemporaryDirectory()
        let connection = try Connection.open(path: database.path("db.sqlite"))
        let broken = Migration(
            version: 2, name: "broken", sql: "CREATE TABLE half (v); INSERT INTO missing VALUES (1);")
        let migrator = try Migrator(migrations: [Migration(version: 1, name: "initial", sql: Self.initial), broken])
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(connection) }
        #expect(error.databaseError?.sql?.contains("missing") == true)
        #expect(error.description.hasPrefix("migration 0002_broken.sql failed and was rolled back: SQLite error 1"))
        #expect(try appliedVersions(connection) == [1])
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == 0)
        #expect(!connection.isInTransaction)
    }
}
