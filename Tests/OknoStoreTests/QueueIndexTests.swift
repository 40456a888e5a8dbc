import Foundation
import OknoDomain
import Testing

@testable import OknoStore

@Suite("Queue index file")
struct QueueIndexTests {
    /// The numbers a unit's queue read gives, in order.
    static func unitQueue(_ unit: String, _ store: Store) throws -> [String] {
        try StoreFixtures.queueNumbers(.init(unit: unit), store)
    }

    /// A store with three messages of GU-77, the second closed.
    static func store(in folder: TemporaryDirectory) throws -> Store {
        let store = try StoreFixtures.openStore(folder)
        try QueueRepositoryTests.register(["Горит трава.", "Дым.", "Горит лес."], store)
        try store.writeSync {
            try $0.run(
                "UPDATE messages SET status = 'closed_no_answer', close_reason = 'duplicate' WHERE number = '2026-000002'"
            )
        }
        return store
    }

    /// Opens the index file alone, with nothing attached.
    static func indexFile(_ folder: TemporaryDirectory) throws -> Connection {
        try Connection.open(path: QueueIndex.path(forDatabase: folder.path("db.sqlite")))
    }

    @Test(
        "an index file that matches its database is kept on open; a missing, damaged, foreign, older or newer one is built anew"
    )
    func rebuiltWhenItDoesNotMatch() throws {
        let folder = try TemporaryDirectory()
        try Self.store(in: folder).close()
        let path = QueueIndex.path(forDatabase: folder.path("db.sqlite"))
        /// Leaves a stray entry (id 999) in the index file: it survives an open that keeps the file.
        func markFile() throws {
            try Self.indexFile(folder).run(
                "INSERT INTO entries (id, unit, topic, region, status, open_due_at) VALUES (999, 'X', 'T', 'R', 'assigned', 1)"
            )
        }
        func reopen() throws -> (queue: [String], marked: Bool) {
            let store = try StoreFixtures.openStore(folder)
            defer { store.close() }
            try store.catchUpQueueIndexes()
            let marked = try store.read { try $0.scalar("SELECT count(*) FROM queue_index.entries WHERE id = 999") }
            return (try Self.unitQueue("GU-77", store), marked?.int64 == 1)
        }
        let expected = ["2026-000001", "2026-000003"]

        try markFile()
        #expect(try reopen() == (expected, true))

        try FileManager.default.removeItem(atPath: path)
        #expect(try reopen() == (expected, false))

        try FileManager.default.removeItem(atPath: path)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(try reopen() == (expected, false))

        // Another layout; a last message of another number; more changes followed than the database
        // has (it was restored from an older backup); fewer than the log has lost to pruning.
        for tampering in [
            "PRAGMA user_version = 0", "UPDATE state SET last_message_number = '2026-999999'",
            "UPDATE state SET last_change = 99",
        ] {
            try markFile()
            try Self.indexFile(folder).execute(tampering)
            #expect(try reopen() == (expected, false), "\(tampering)")
        }
        try markFile()
        do {
            let database = try Connection.open(path: folder.path("db.sqlite"))
            try database.run("UPDATE message_changes_pruned SET through = 1")
            try Self.indexFile(folder).execute("UPDATE state SET last_change = 0")
        }
        #expect(try reopen() == (expected, false))

        // The index file of another database (as after restoring a backup over the database).
        let other = try TemporaryDirectory()
        let otherStore = try StoreFixtures.openStore(other)
        try QueueRepositoryTests.register(["Чужое."], otherStore)
        try otherStore.catchUpQueueIndexes()
        otherStore.close()
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: QueueIndex.path(forDatabase: other.path("db.sqlite")), toPath: path)
        try markFile()
        #expect(try reopen() == (expected, false))
    }

    @Test("a database path with URI characters (?, #, %, a space, a folder named file:a) gets its index file beside it")
    func pathsAreNotReadAsURIs() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path("file:a"), withIntermediateDirectories: true)
        let path = folder.path("file:a/db ?#%41.sqlite")
        let store = try Store.open(
            path: path, migrations: Store.bundledMigrations(), defaultDirectory: StoreFixtures.directory())
        defer { store.close() }
        try QueueRepositoryTests.register(["Горит трава."], store)
        try store.catchUpQueueIndexes()
        #expect(FileManager.default.fileExists(atPath: path + "-queue-index"))
        #expect(try Self.unitQueue("GU-77", store) == ["2026-000001"])
        #expect(try StoreFixtures.queueNumbers(.init(text: "трава"), store) == ["2026-000001"])
    }

    @Test("opening the store brings the index file up to date before any read")
    func caughtUpOnOpen() throws {
        let folder = try TemporaryDirectory()
        try Self.store(in: folder).close()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let followed = try store.read { try QueueIndex.followed($0, schema: QueueIndex.schema) }
        #expect(followed == .init(lastMessageID: 3, lastChange: 1))
    }

    @Test("following goes a batch of new messages and changes at a time, and says when more is left")
    func followsInBatches() throws {
        let folder = try TemporaryDirectory()
        let store = try Self.store(in: folder)
        try QueueRepositoryTests.register(["Ещё.", "И ещё."], store)
        store.close()
        let connection = try Self.indexFile(folder)
        try connection.run("ATTACH ? AS okno", [.text(QueueIndex.fileURI(folder.path("db.sqlite"), readOnly: true))])
        try connection.run("UPDATE state SET last_message_id = 0, last_change = 0")
        try connection.run("DELETE FROM entries")
        try connection.run("INSERT INTO texts (texts) VALUES ('delete-all')")

        var steps: [QueueIndex.Followed] = []
        var more = true
        while more {
            more = try connection.transaction { try QueueIndexBuild.follow(limit: 2, connection) }
            steps.append(try QueueIndex.followed(connection))
        }
        // Five messages and one change: 2 + 1, 2, 1 (the change was of message 2, taken as it is now).
        #expect(
            steps == [
                .init(lastMessageID: 2, lastChange: 1), .init(lastMessageID: 4, lastChange: 1),
                .init(lastMessageID: 5, lastChange: 1),
            ])
        var entries: [Int64] = []
        try connection.query("SELECT id FROM entries ORDER BY id") { entries.append($0.int64(at: 0)) }
        #expect(entries == [1, 3, 4, 5])
        let texts = try connection.scalar("SELECT count(*) FROM texts WHERE texts MATCH 'ещё OR горит'")
        #expect(texts?.int64 == 4)
    }

    @Test("pruning deletes only the old changes the index file has followed; numbering goes on after it")
    func pruningTheChangeLog() throws {
        let folder = try TemporaryDirectory()
        let store = try Self.store(in: folder)
        defer { store.close() }
        func move(_ number: String, to unit: String, region: String) throws {
            try store.writeSync {
                try $0.run(
                    "UPDATE messages SET unit = ?, region = ? WHERE number = ?",
                    [.text(unit), .text(region), .text(number)])
            }
        }
        func changes() throws -> [Int64] {
            try store.read { connection in
                var seqs: [Int64] = []
                try connection.query("SELECT seq FROM message_changes ORDER BY seq") { seqs.append($0.int64(at: 0)) }
                return seqs
            }
        }
        try move("2026-000001", to: "GU-41", region: "41")
        try store.catchUpQueueIndexes()
        try move("2026-000003", to: "GU-41", region: "41")
        #expect(try changes() == [1, 2, 3])

        // The first call only notes how far the index file has followed (2); the next deletes that far.
        #expect(try store.pruneMessageChanges() == 0)
        #expect(try store.pruneMessageChanges() == 2)
        #expect(try changes() == [3])
        #expect(try Self.unitQueue("GU-41", store) == ["2026-000001", "2026-000003"])

        try store.catchUpQueueIndexes()
        #expect(try store.pruneMessageChanges() == 0)
        #expect(try store.pruneMessageChanges() == 1)
        #expect(try changes().isEmpty)
        // A new change gets a new number, so the index file follows it.
        try move("2026-000001", to: "GU-77", region: "77")
        #expect(try changes() == [4])
        #expect(try Self.unitQueue("GU-77", store) == ["2026-000001"])
        try store.catchUpQueueIndexes()
        #expect(try Self.unitQueue("GU-77", store) == ["2026-000001"])
        #expect(try Self.unitQueue("GU-41", store) == ["2026-000003"])
    }

    @Test("a message's text is never rewritten: the full-text index forgets a text only given it")
    func textNeverRewritten() throws {
        let folder = try TemporaryDirectory()
        let store = try Self.store(in: folder)
        defer { store.close() }
        #expect(throws: DatabaseError.self) {
            try store.writeSync {
                try $0.run("UPDATE messages SET text = 'Другой текст.' WHERE number = '2026-000001'")
            }
        }
        try store.writeSync {
            try $0.run("UPDATE messages SET text = text, unit = 'GU-41' WHERE number = '2026-000001'")
        }
        #expect(try Self.unitQueue("GU-41", store) == ["2026-000001"])
    }

    @Test("registrations and changes never wait for the index file: they commit while another holds its lock")
    func intakeNeverWaitsForTheIndex() throws {
        let folder = try TemporaryDirectory()
        let store = try Self.store(in: folder)
        defer { store.close() }
        try store.catchUpQueueIndexes()
        // As the index's writer holds it: the main database attached read-only, a write transaction open.
        let blocker = try Connection.open(
            path: QueueIndex.path(forDatabase: folder.path("db.sqlite")), uriFileNames: true)
        try blocker.run("ATTACH ? AS okno", [.text(QueueIndex.fileURI(folder.path("db.sqlite"), readOnly: true))])
        try blocker.run("BEGIN IMMEDIATE")
        try blocker.run("UPDATE state SET last_change = last_change")
        try QueueRepositoryTests.register(["Новое."], store)
        try store.writeSync {
            try $0.run("UPDATE messages SET unit = 'GU-41', region = '41' WHERE number = '2026-000001'")
        }
        // Reads merge in what the index file has not followed yet.
        #expect(try Self.unitQueue("GU-77", store) == ["2026-000003", "2026-000004"])
        #expect(try Self.unitQueue("GU-41", store) == ["2026-000001"])
        try blocker.run("COMMIT")
        try store.catchUpQueueIndexes()
        #expect(
            try store.read { try QueueIndex.followed($0, schema: QueueIndex.schema) }
                == .init(lastMessageID: 4, lastChange: 2))
        #expect(try Self.unitQueue("GU-77", store) == ["2026-000003", "2026-000004"])
        #expect(try Self.unitQueue("GU-41", store) == ["2026-000001"])
    }
}
