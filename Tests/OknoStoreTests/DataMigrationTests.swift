import Foundation
import OknoDomain
import Testing

@testable import OknoStore

/// Migrations 0008, 0009, 0011 and 0012 move data: a database filled under 0007 keeps every look
/// instant and access token, gets a full-text index of its open, already indexed messages only, and
/// its messages not yet indexed wait for the queue's filter indexes too. 0014 moves those indexes
/// to the queue index file, which is built from the messages on the next open; 0015 counts every
/// message before it as enrolled in the deadline watch; 0018 drops the year's number counter.
@Suite("Data-moving migrations")
struct DataMigrationTests {
    /// Inserts a message straight into the 0007 schema.
    static func insert(
        sequence: Int, status: String, text: String, nextLook: Int64?, _ connection: Connection
    ) throws {
        try connection.run(
            """
            INSERT INTO applicants (kind, name, email, created_at)
            VALUES ('citizen', 'Иванов Иван', 'ivanov@example.ru', 0)
            """)
        let applicant = connection.lastInsertRowID
        let answered = status == "answered"
        try connection.run(
            """
            INSERT INTO messages (
                number, year, sequence, status, topic, region, channel, text, unit, expedited,
                registered_at, registered_date, answer_kind, answer_due_at, answer_due_date, answer_done_at,
                answer_text, answer_sent_at, applicant_id, version, created_at, updated_at, next_risk_change_at)
            VALUES (printf('2026-%06d', ?1), 2026, ?1, ?2, 'GRASS_BURNING', '77', 'portal', ?3, 'GU-77', 1,
                0, '2026-11-29', 'expedited_answer', 1000, '2026-12-09', ?4, ?5, ?4, ?6, 1, 0, 0, ?7)
            """,
            [
                .integer(Int64(sequence)), .text(status), .text(text), answered ? .integer(500) : .null,
                answered ? .text("Ответ") : .null, .integer(applicant), nextLook.map(SQLValue.integer) ?? .null,
            ])
        // Registration raised the year's counter with the message (until 0018).
        try connection.run(
            "INSERT INTO number_sequences (year, last) VALUES (2026, ?1) ON CONFLICT (year) DO UPDATE SET last = ?1",
            [.integer(Int64(sequence))])
    }

    @Test func lookInstantsAndOpenIndexedTextsAreCarriedOver() throws {
        let folder = try TemporaryDirectory()
        let all = try Store.bundledMigrations()
        let connection = try Connection.open(path: folder.path("db.sqlite"))
        try Migrator(migrations: all.filter { $0.version <= 7 }).migrate(connection)
        try connection.transaction {
            try DirectoryRepository.replace(with: StoreFixtures.directory(), connection)
            try Self.insert(sequence: 1, status: "in_progress", text: "Горит трава у школы.", nextLook: 111, connection)
            try Self.insert(sequence: 2, status: "answered", text: "Горит трава у реки.", nextLook: nil, connection)
            try Self.insert(sequence: 3, status: "assigned", text: "Горит трава у дома.", nextLook: 333, connection)
            try connection.run(
                "INSERT INTO message_access_tokens (hash, message_id, created_at) VALUES ('cafe', 2, 7), ('beef', 2, 8)"
            )
            // Indexed up to message 2 (as the batch after intake leaves it); 3 waits for the next batch.
            try connection.run("INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id <= 2")
            try connection.run("UPDATE search_index_state SET last_message_id = 2")
        }

        let applied = try Migrator(migrations: all.filter { $0.version <= 13 }).migrate(connection)
        #expect(applied.map(\.version) == Array(8...13))

        var looks: [Int64: Int64] = [:]
        try connection.query("SELECT message_id, next_change_at FROM deadline_watch") {
            looks[$0.int64(at: 0)] = $0.int64(at: 1)
        }
        #expect(looks == [1: 111, 3: 333])
        var indexed: [Int64] = []
        try connection.query("SELECT rowid FROM queue_fts WHERE queue_fts MATCH 'трава' ORDER BY rowid") {
            indexed.append($0.int64(at: 0))
        }
        #expect(indexed == [1])
        let columns = try connection.scalar(
            "SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'next_risk_change_at'")
        #expect(columns?.int64 == 0)

        // Access tokens are kept, now keyed by message (0011).
        var tokens: [String] = []
        try connection.query("SELECT message_id, hash, created_at FROM message_access_tokens ORDER BY hash") {
            tokens.append("\($0.int64(at: 0)) \($0.text(at: 1)) \($0.int64(at: 2))")
        }
        #expect(tokens == ["2 beef 8", "2 cafe 7"])
        #expect(try RatingRepository.messageID(number: "2026-000002", accessTokenHash: "cafe", connection) == 2)
        #expect(try RatingRepository.messageID(number: "2026-000001", accessTokenHash: "cafe", connection) == nil)

        func pending() throws -> [Int64] {
            var ids: [Int64] = []
            try connection.query("SELECT id FROM messages WHERE queue_pending = 1") { ids.append($0.int64(at: 0)) }
            return ids
        }
        #expect(try pending() == [3])

        // 0014 drops the main database's queue indexes; the index file takes in every open message.
        #expect(
            try Migrator(migrations: all).migrate(connection).map(\.version)
                == all.filter { $0.version > 13 }.map(\.version))
        for table in ["queue_fts", "search_index_state"] {
            #expect(
                try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = ?", [.text(table)])?.int64 == 0)
        }
        // 0015: the messages before it got their watch rows at registration; none is enrolled again.
        #expect(try connection.scalar("SELECT through FROM deadline_watch_enrolment")?.int64 == 3)
        #expect(try !DeadlineWatchRepository.hasNewMessages(connection))
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        for filter in [QueueRepository.Filter(text: "трава"), QueueRepository.Filter(unit: "GU-77")] {
            #expect(try StoreFixtures.queueNumbers(filter, store) == ["2026-000001", "2026-000003"], "\(filter)")
        }
    }
}
