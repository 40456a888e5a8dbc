import Foundation
import OknoDomain
import Testing

@testable import OknoStore

/// Migration 0018 drops the per-year number counters: registrations number from `messages`. It
/// refuses a database where a counter is ahead of the messages of its year.
@Suite("Numbers from messages (0018)")
struct NumberMigrationTests {
    /// A database under 0017 with the test directory, and messages numbered `numbers` (year,
    /// sequence) with `counters` (year, last) in `number_sequences`.
    static func database(
        _ folder: TemporaryDirectory, numbers: [(Int, Int)], counters: [(Int, Int)]
    ) throws -> Connection {
        let connection = try Connection.open(path: folder.path("db.sqlite"))
        try Migrator(migrations: try Store.bundledMigrations().filter { $0.version <= 17 }).migrate(connection)
        try connection.transaction {
            try DirectoryRepository.replace(with: StoreFixtures.directory(), connection)
            for (year, sequence) in numbers {
                try connection.run(
                    """
                    INSERT INTO applicants (kind, name, email, created_at)
                    VALUES ('citizen', 'Иванов Иван', 'ivanov@example.ru', 0)
                    """)
                try connection.run(
                    """
                    INSERT INTO messages (
                        number, year, sequence, status, topic, region, channel, text, unit, expedited,
                        registered_at, registered_date, answer_kind, answer_due_at, answer_due_date,
                        applicant_id, created_at, updated_at)
                    VALUES (printf('%04d-%06d', ?1, ?2), ?1, ?2, 'assigned', 'GRASS_BURNING', '77', 'portal',
                        'Горит трава', 'GU-77', 1, 0, '2026-11-29', 'expedited_answer', 1000, '2026-12-09', ?3, 0, 0)
                    """, [.integer(Int64(year)), .integer(Int64(sequence)), .integer(connection.lastInsertRowID)])
            }
            for (year, last) in counters {
                try connection.run(
                    "INSERT INTO number_sequences (year, last) VALUES (?, ?)",
                    [.integer(Int64(year)), .integer(Int64(last))])
            }
        }
        return connection
    }

    static func hasCounters(_ connection: Connection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'number_sequences'")?.int64 == 1
    }

    @Test(
        "counters not ahead of their messages go, and numbering goes on from the messages of each year",
        arguments: [
            [(2025, 2), (2026, 3)],  // as registration left them
            [(2025, 1), (2026, 3)],  // behind: the old counter would have repeated 2025-000002
            [(2026, 3)],  // none for 2025
            [(2025, 2), (2026, 3), (2024, 0)],  // a year that never numbered a message
        ])
    func countersNotAheadGo(counters: [(Int, Int)]) throws {
        let folder = try TemporaryDirectory()
        let connection = try Self.database(
            folder, numbers: [(2025, 1), (2025, 2), (2026, 1), (2026, 2), (2026, 3)], counters: counters)
        let applied = try Migrator(migrations: try Store.bundledMigrations()).migrate(connection)
        #expect(applied.map(\.version).contains(18))
        #expect(try !Self.hasCounters(connection))

        var numbers: [String] = []
        for registeredAt in [instant("2026-11-29T09:30:00Z"), instant("2025-12-30T09:30:00Z")] {
            let outcome = try connection.transaction {
                try MessageRepository.register(StoreFixtures.message(registeredAt: registeredAt), connection)
            }
            guard case .created(let message) = outcome else {
                Issue.record("not created: \(outcome)")
                continue
            }
            numbers.append(message.number)
        }
        #expect(numbers == ["2026-000004", "2025-000003"])
    }

    @Test(
        "a counter ahead of its year's messages is refused: those numbers would be given out again",
        arguments: [
            [(2025, 2), (2026, 5)],
            [(2025, 2), (2026, 3), (2027, 1)],  // a year without messages
        ])
    func countersAheadRefused(counters: [(Int, Int)]) throws {
        let folder = try TemporaryDirectory()
        let connection = try Self.database(
            folder, numbers: [(2025, 1), (2025, 2), (2026, 1), (2026, 2), (2026, 3)], counters: counters)
        let failure = try #require(throws: MigrationError.self) {
            try Migrator(migrations: try Store.bundledMigrations()).migrate(connection)
        }
        #expect(failure.description.hasPrefix("migration 0018_numbers_from_messages.sql failed and was rolled back"))
        let error = try #require(failure.databaseError)
        #expect(error.isConstraintViolation)
        #expect(error.message.contains("number_sequences_not_ahead_of_messages"))
        #expect(try Self.hasCounters(connection))
        #expect(try connection.scalar("SELECT max(version) FROM schema_migrations")?.int64 == 17)
    }
}
