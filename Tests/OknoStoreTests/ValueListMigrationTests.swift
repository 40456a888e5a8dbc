import Foundation
import OknoDomain
import Testing

@testable import OknoStore

/// Migration 0013 rewrites the messages table's `IN (...)` value lists as comparisons in
/// `sqlite_schema`: the table must accept and refuse exactly what it did, derive the same
/// `open_due_at`, and the migration must refuse a table whose statement it does not recognise.
@Suite("Migration 0013: constraints without value lists")
struct ValueListMigrationTests {
    /// A database at `version` or (nil) every bundled migration, with the test directory and one
    /// message, forward deadline included; a new connection to it, which reads the schema as
    /// stored (the migrating connection keeps the statements it parsed before).
    static func database(upTo version: Int?, _ folder: TemporaryDirectory) throws -> Connection {
        let path = folder.path("db-\(version ?? 0).sqlite")
        let all = try Store.bundledMigrations()
        do {
            let connection = try Connection.open(path: path)
            try Migrator(migrations: all.filter { $0.version <= (version ?? .max) }).migrate(connection)
            try connection.transaction {
                try DirectoryRepository.replace(with: StoreFixtures.directory(), connection)
                try insertMessage(connection)
            }
        }
        return try Connection.open(path: path)
    }

    /// Inserts the fixture's `ROADS` message (forward deadline included) with the columns every
    /// schema since 0001 has, as registration wrote it then.
    static func insertMessage(_ connection: Connection) throws {
        let message = StoreFixtures.message(topic: "ROADS")
        guard let forward = message.forwardDeadline else { throw StoreError.corruptValue(table: "test", column: "") }
        try connection.run(
            "INSERT INTO applicants (kind, name, email, created_at) VALUES ('citizen', 'Иванов Иван', 'ivanov@example.ru', 0)"
        )
        let registeredAt = Instant.value(message.registeredAt)
        try connection.run(
            """
            INSERT INTO messages (
                number, year, sequence, status, topic, region, channel, text, unit, suggested_agency, expedited,
                registered_at, registered_date, answer_kind, answer_due_at, answer_due_date,
                forward_due_at, forward_due_date, applicant_id, version, created_at, updated_at)
            VALUES ('2026-000001', 2026, 1, 'assigned', 'ROADS', '77', 'portal', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """,
            [
                .text(message.text), .optional(message.unit), .optional(message.suggestedAgency), registeredAt,
                .text(message.registeredDate.description), .text(message.answerDeadline.kind.rawValue),
                Instant.value(message.answerDeadline.dueAt), .text(message.answerDeadline.dueDate.description),
                Instant.value(forward.dueAt), .text(forward.dueDate.description), .integer(connection.lastInsertRowID),
                registeredAt, registeredAt,
            ])
    }

    /// Tries `assignments` on the message and undoes them: the `open_due_at` it derived, or the
    /// extended code of the refusal.
    static func outcome(_ assignments: String, _ values: [SQLValue], _ connection: Connection) throws -> String {
        try connection.execute("SAVEPOINT try")
        defer { try? connection.execute("ROLLBACK TO try; RELEASE try") }
        do {
            try connection.run("UPDATE messages SET \(assignments) WHERE id = 1", values)
        } catch let error as DatabaseError {
            return "refused \(error.extendedResultCode)"
        }
        let due = try connection.scalar("SELECT open_due_at FROM messages WHERE id = 1")
        return "open_due_at \(due?.int64.map(String.init) ?? "NULL")"
    }

    /// Every status, channel and close reason (and one unknown of each), with and without a
    /// unit, a forward deadline done or not, against the schema before and after 0013.
    static func outcomes(_ connection: Connection) throws -> [String] {
        let statuses = MessageStatus.allCases.map(\.rawValue) + ["lost"]
        let reasons = [nil, "anonymous", "obscene", "unreadable", "duplicate", "repeated", "rude"]
        var seen: [String] = []
        for status in statuses {
            for reason in reasons {
                for unit in [nil, "GU-77"] {
                    for forwardDone in [nil, Int64(1)] {
                        let values: [SQLValue] = [
                            .text(status), .optional(reason), .optional(unit),
                            forwardDone.map(SQLValue.integer) ?? .null,
                        ]
                        let assignments =
                            "status = ?, close_reason = ?, unit = ?, forward_done_at = ?, forwarded_to = 'LOCAL_GOV'"
                        let label = "\(status) \(reason ?? "-") \(unit ?? "-") \(forwardDone == nil ? "-" : "done")"
                        seen.append(label + ": " + (try outcome(assignments, values, connection)))
                    }
                }
            }
        }
        for channel in ["portal", "mobile", "social", "edms", "open311", "fax"] {
            seen.append(
                channel + ": "
                    + (try outcome("channel = ?, source_url = 'https://vk.com/1'", [.text(channel)], connection)))
        }
        return seen
    }

    @Test("the rewritten table accepts, refuses and derives exactly as before")
    func sameOutcomes() throws {
        let folder = try TemporaryDirectory()
        let before = try Self.database(upTo: 12, folder)
        let after = try Self.database(upTo: nil, folder)
        let expected = try Self.outcomes(before)
        let actual = try Self.outcomes(after)
        #expect(actual.count == expected.count)
        #expect(zip(expected, actual).filter { $0 != $1 }.map { "\($0) became \($1)" } == [])
        // The comparison is not empty on either side: both kinds of outcome occur.
        #expect(expected.contains { $0.hasSuffix("refused \(DatabaseError.Code.constraintCheck)") })
        #expect(expected.contains { $0.contains("open_due_at NULL") })
        #expect(expected.contains { $0.contains("open_due_at 1") })

        let sql = try after.scalar("SELECT sql FROM sqlite_schema WHERE name = 'messages'")?.string ?? ""
        for list in ["CHECK (status IN (", "CHECK (channel IN (", "CHECK (close_reason IN (", "status NOT IN ("] {
            #expect(!sql.contains(list))
        }
        #expect(try after.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try after.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'migration_%'")?.int64 == 0)
    }

    @Test(
        "a messages table not as 0001 created it is refused, and nothing changes",
        arguments: [
            ("'closed', 'forwarded'", "'forwarded', 'closed'"),  // the status list
            ("'edms', 'open311'", "'open311', 'edms'"),  // the channel list
            ("'duplicate', 'repeated'", "'repeated', 'duplicate'"),  // the close reasons
            ("'answer_drafted', 'on_approval') THEN", "'on_approval', 'answer_drafted') THEN"),  // open_due_at
        ])
    func unknownStatementRefused(list: String, reordered: String) throws {
        let folder = try TemporaryDirectory()
        let connection = try Self.database(upTo: 12, folder)
        try connection.execute("PRAGMA writable_schema = ON")
        try connection.run(
            "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = 'messages'",
            [.text(list), .text(reordered)])
        try connection.execute("PRAGMA writable_schema = RESET")
        #expect(
            try connection.scalar(
                "SELECT instr(sql, ?) > 0 FROM sqlite_schema WHERE name = 'messages'", [.text(reordered)])?
                .int64 == 1)
        let statement = try connection.scalar("SELECT sql FROM sqlite_schema WHERE name = 'messages'")?.string

        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: Store.bundledMigrations()).migrate(connection)
        }?.databaseError
        #expect(error?.extendedResultCode == DatabaseError.Code.constraintCheck)
        #expect(error?.message.contains("messages_schema_as_created_by_0001") == true)
        #expect(try connection.scalar("SELECT max(version) FROM schema_migrations")?.int64 == 12)
        #expect(try connection.scalar("SELECT sql FROM sqlite_schema WHERE name = 'messages'")?.string == statement)
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'migration_%'")?.int64 == 0)
    }

    @Test("a rewrite SQLite cannot parse is rolled back before it is committed")
    func unparsableRewriteRolledBack() throws {
        let folder = try TemporaryDirectory()
        let connection = try Self.database(upTo: 12, folder)
        let statement = try connection.scalar("SELECT sql FROM sqlite_schema WHERE name = 'messages'")?.string
        let migrations = try Store.bundledMigrations()
        let original = try #require(migrations.first { $0.version == 13 })
        let broken = Migration(
            version: 13, name: original.name,
            sql: original.sql.replacingOccurrences(
                of: "''on_approval'' THEN NULL')", with: "''on_approval'' THEN NULL))')"))
        #expect(broken.sql != original.sql)

        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: migrations.filter { $0.version < 13 } + [broken]).migrate(connection)
        }?.databaseError
        #expect(error?.message.contains("malformed database schema") == true)
        #expect(try connection.scalar("SELECT max(version) FROM schema_migrations")?.int64 == 12)
        // A new connection still reads the table as before.
        let reopened = try Connection.open(path: folder.path("db-12.sqlite"))
        #expect(try reopened.scalar("SELECT sql FROM sqlite_schema WHERE name = 'messages'")?.string == statement)
        #expect(try reopened.scalar("SELECT count(*) FROM messages")?.int64 == 1)
    }
}
