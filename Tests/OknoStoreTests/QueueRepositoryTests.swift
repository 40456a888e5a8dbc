import Foundation
import OknoDomain
import Testing

@testable import OknoStore

@Suite("Queue reads")
struct QueueRepositoryTests {
    /// Every combination of the queue's filters, with and without a deadline range and a cursor.
    static var filters: [(QueueRepository.Filter, QueueRepository.Position?)] {
        var all: [(QueueRepository.Filter, QueueRepository.Position?)] = []
        for mask in 0..<(1 << 7) {
            var filter = QueueRepository.Filter()
            if mask & 1 != 0 { filter.unit = "GU-77" }
            if mask & 2 != 0 { filter.status = .inProgress }
            if mask & 4 != 0 { filter.topic = "GRASS_BURNING" }
            if mask & 8 != 0 { filter.region = "77" }
            if mask & 16 != 0 {
                filter.dueAfter = instant("2026-11-29T00:00:00Z")
                filter.dueBefore = instant("2026-12-09T00:00:00Z")
            }
            if mask & 32 != 0 { filter.text = "трава" }
            all.append((filter, mask & 64 != 0 ? QueueRepository.Position(dueAt: 1, id: 1) : nil))
        }
        return all
    }

    /// Registers a message per text, numbered 2026-000001 on.
    static func register(_ texts: [String], _ store: Store) throws {
        for text in texts {
            var message = StoreFixtures.message()
            message.text = text
            let registration = message
            _ = try store.writeSync { try MessageRepository.register(registration, $0) }
        }
    }

    @Test(
        "every filter combination walks an index of the index file in deadline order (unless searching), never a table")
    func queryPlans() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        for (filter, position) in Self.filters {
            #expect(QueueRepository.readsIndexFile(filter), "\(filter)")
            let (sql, arguments) = QueueRepository.query(
                filter, after: position, followed: .init(lastMessageID: 0, lastChange: 0))
            let plan = try store.read { try StoreFixtures.queryPlan(sql, arguments, $0).joined(separator: "; ") }
            let scansTable = plan.components(separatedBy: "; ").contains { step in
                (["SCAN m", "SCAN q"].contains(step) || step.hasPrefix("SCAN m ") || step.hasPrefix("SCAN q "))
                    && !step.contains(" INDEX ")
            }
            #expect(!scansTable, "\(filter): \(plan)")
            // The index file's entries, then the messages it has not followed yet, looked up by id.
            let parts = plan.components(separatedBy: "; RIGHT; ")
            #expect(parts.count == 2 && parts[0].hasPrefix("MERGE (UNION ALL)"), "\(filter): \(plan)")
            #expect(
                parts.last?.hasPrefix("SCAN c; SEARCH m USING INTEGER PRIMARY KEY (rowid=?)") == true,
                "\(filter): \(plan)")
            let narrower = [
                filter.unit.map { _ in "entries_by_unit" }, filter.topic.map { _ in "entries_by_topic" },
                filter.region.map { _ in "entries_by_region" },
            ].compactMap { $0 }
            let walked = narrower.isEmpty ? [filter.status == nil ? "entries_by_due" : "entries_by_status"] : narrower
            if filter.text != nil {
                #expect(plan.contains("queue_index.texts VIRTUAL TABLE"), "\(filter): \(plan)")
                // A search alone (or with a status) may look its matches up by id and sort them.
                if narrower.isEmpty { continue }
            }
            #expect(walked.contains { parts[0].contains(" q USING COVERING INDEX \($0)") }, "\(filter): \(plan)")
            #expect(!parts[0].contains("TEMP B-TREE FOR ORDER BY"), "\(filter): \(plan)")
        }
    }

    @Test("a registration number is looked up in the main database by its unique index")
    func numberPlan() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let filter = QueueRepository.Filter(status: .assigned, text: "2026-000001")
        #expect(!QueueRepository.readsIndexFile(filter))
        let (sql, arguments) = QueueRepository.query(filter, after: nil)
        let plan = try store.read { try StoreFixtures.queryPlan(sql, arguments, $0) }
        #expect(plan.first?.hasPrefix("SEARCH m USING INDEX sqlite_autoindex_messages_") == true, "\(plan)")
        #expect(plan.first?.hasSuffix("(number=?)") == true, "\(plan)")
    }

    @Test(
        "the index file is built from the open statuses, follows new messages by id range and changes by sequence, never scanning messages"
    )
    func followPlans() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["трава", "дым"], store)
        let connection = try Connection.open(path: store.queueIndex.path)
        try connection.run("ATTACH ? AS okno", [.text(QueueIndex.fileURI(store.path, readOnly: true))])
        let new = "\(QueueIndexBuild.insertEntries) \(QueueIndexBuild.newMessages)"
        #expect(
            try StoreFixtures.queryPlan(new, [0, 2], connection)
                == ["SEARCH m USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"])
        let build = "\(QueueIndexBuild.insertEntries) \(QueueIndexBuild.openMessages)"
        let buildPlan = try StoreFixtures.queryPlan(build, [2], connection)
        #expect(
            buildPlan.allSatisfy { $0.hasPrefix("SEARCH m USING INDEX messages_status (status=?") }, "\(buildPlan)")
        let changed = "\(QueueIndexBuild.insertEntries) \(QueueIndexBuild.changedMessages)"
        let plan = try StoreFixtures.queryPlan(changed, [0, 2, 2], connection).joined(separator: "; ")
        #expect(plan.contains("SEARCH okno.message_changes USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), "\(plan)")
        #expect(!plan.contains("SCAN"), "\(plan)")
    }

    @Test("filtered reads merge the messages the index file has not followed yet, in deadline order, page by page")
    func pendingMessagesAreMerged() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let topics = ["GRASS_BURNING", "LICENSING", "ROADS"]
        func register(_ range: Range<Int>) throws {
            for k in range {
                // Registered over 12 days in a shuffled order, so old and new deadlines interleave.
                let day = instant("2026-11-01T09:00:00Z").addingTimeInterval(Double(k * 7 % 12) * 86_400)
                var message = StoreFixtures.message(registeredAt: day, topic: topics[k % 3])
                if k % 2 == 1 && message.unit == "GU-77" {
                    message.region = "41"
                    message.unit = "GU-41"
                }
                let registration = message
                _ = try store.writeSync { try MessageRepository.register(registration, $0) }
            }
        }
        try register(0..<6)
        try store.catchUpQueueIndexes()
        try register(6..<12)

        func read(_ filter: QueueRepository.Filter, pageSize: Int) throws -> [String] {
            var numbers: [String] = []
            var position: QueueRepository.Position?
            while true {
                var page: [QueueRepository.Item] = []
                try store.read { connection in
                    try QueueRepository.scan(filter, after: position, connection) { item in
                        page.append(item)
                        return page.count < pageSize
                    }
                }
                numbers += page.map(\.number)
                guard page.count == pageSize, let last = page.last else { return numbers }
                position = last.position
            }
        }
        let filters: [QueueRepository.Filter] = [
            .init(), .init(status: .assigned), .init(unit: "GU-77"), .init(unit: "AD", status: .assigned),
            .init(topic: "GRASS_BURNING"),
            .init(region: "41"), .init(region: "77", dueBefore: instant("2026-11-20T00:00:00Z")),
            // A number search is no full-text search: it reads the main database.
            .init(unit: "AD", text: "2026-000009"),
        ]
        // The reference: the main database's open messages in deadline order, read by SQL alone
        // (every queue read but a number's goes through the index file under test).
        struct Open {
            var number: String, unit: String?, status: String, topic: String, region: String, dueAt: Int64
        }
        func checkEveryFilter() throws {
            let whole = try store.read { connection in
                var rows: [Open] = []
                try connection.query(
                    """
                    SELECT number, unit, status, topic, region, open_due_at FROM messages
                    WHERE open_due_at IS NOT NULL ORDER BY open_due_at, id
                    """
                ) {
                    rows.append(
                        Open(
                            number: $0.text(at: 0), unit: $0.string(at: 1), status: $0.text(at: 2),
                            topic: $0.text(at: 3), region: $0.text(at: 4), dueAt: $0.int64(at: 5)))
                }
                return rows
            }
            for filter in filters {
                let expected = whole.filter { row in
                    filter.unit.map { row.unit == $0 } ?? true
                        && filter.status.map { row.status == $0.rawValue } ?? true
                        && filter.topic.map { row.topic == $0 } ?? true
                        && filter.region.map { row.region == $0 } ?? true
                        && filter.dueBefore.map { row.dueAt <= Instant.milliseconds($0) } ?? true
                        && filter.text.map { row.number == $0 } ?? true
                }.map(\.number)
                #expect(!expected.isEmpty, "\(filter)")
                #expect(try read(filter, pageSize: 2) == expected, "\(filter)")
            }
        }
        func followed() throws -> Int64? {
            try store.read { try $0.scalar("SELECT last_message_id FROM queue_index.state")?.int64 }
        }

        #expect(try followed() == 6)
        try checkEveryFilter()
        // Pending messages change too: one closes, one moves to another unit and region.
        try store.writeSync {
            try $0.run(
                "UPDATE messages SET status = 'closed_no_answer', close_reason = 'duplicate' WHERE number = '2026-000007'"
            )
            try $0.run("UPDATE messages SET unit = 'GU-41', region = '41' WHERE number = '2026-000011'")
        }
        try checkEveryFilter()
        try store.catchUpQueueIndexes()
        #expect(try followed() == 12)
        try checkEveryFilter()
        // Changes of messages the index file has followed are merged in until it follows them.
        try store.writeSync {
            try $0.run("UPDATE messages SET unit = 'GU-77', region = '77' WHERE number = '2026-000010'")
            try $0.run(
                "UPDATE messages SET status = 'closed_no_answer', close_reason = 'duplicate' WHERE number = '2026-000004'"
            )
        }
        try checkEveryFilter()
        try store.catchUpQueueIndexes()
        try checkEveryFilter()
    }

    @Test("the full-text index holds open messages only: closed ones leave it, reopened ones return")
    func searchFollowsStatus() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["Горит сухая трава у дома.", "Трава горит у реки."], store)
        func found(_ word: String) throws -> [String] {
            try StoreFixtures.queueNumbers(.init(text: word), store)
        }
        func setStatus(_ number: String, _ status: String, answered: Bool) throws {
            try store.writeSync {
                try $0.run(
                    """
                    UPDATE messages SET status = ?, answer_text = ?, answer_sent_at = ?, answer_done_at = ?
                    WHERE number = ?
                    """,
                    [
                        .text(status), answered ? .text("Ответ") : .null, answered ? .integer(1) : .null,
                        answered ? .integer(1) : .null, .text(number),
                    ])
            }
        }
        // Not in the full-text index until the index file has followed them (a search catches up first).
        #expect(try found("трава").isEmpty)
        try store.catchUpQueueIndexes()
        #expect(try found("трава") == ["2026-000001", "2026-000002"])

        // A change shows at once (the message is read from the main database until followed) and after.
        try setStatus("2026-000001", "answered", answered: true)
        #expect(try found("трава") == ["2026-000002"])
        try store.catchUpQueueIndexes()
        #expect(try found("трава") == ["2026-000002"])
        #expect(try found("сухая").isEmpty)
        try setStatus("2026-000001", "in_progress", answered: false)
        try store.catchUpQueueIndexes()
        #expect(try found("сухая") == ["2026-000001"])
        try setStatus("2026-000001", "on_approval", answered: false)
        #expect(try found("трава") == ["2026-000001", "2026-000002"])
        try store.catchUpQueueIndexes()
        #expect(try found("трава") == ["2026-000001", "2026-000002"])
    }

    @Test(
        "a status change takes a message's text out of the index file or back, as the status is open or not",
        arguments: MessageStatus.allCases)
    func searchFollowsEveryStatus(_ status: MessageStatus) throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["Горит сухая трава у дома."], store)
        try store.catchUpQueueIndexes()
        /// Whether the index file holds the text, once it has followed the change.
        func isFound() throws -> Bool {
            try store.catchUpQueueIndexes()
            return try store.read {
                try $0.scalar("SELECT count(*) FROM queue_index.texts WHERE texts MATCH 'трава'")
            }?.int64 == 1
        }
        /// Sets `status` with the columns its CHECK constraints ask for.
        func set(_ status: MessageStatus) throws {
            let answered = status == .answered || status == .closed
            try store.writeSync {
                try $0.run(
                    """
                    UPDATE messages SET status = ?1,
                        unit = CASE WHEN ?1 = 'registered' THEN NULL ELSE 'GU-77' END,
                        answer_text = ?2, answer_sent_at = ?3, answer_done_at = ?3,
                        forwarded_to = CASE WHEN ?1 = 'forwarded' THEN 'LOCAL_GOV' END,
                        close_reason = CASE WHEN ?1 = 'closed_no_answer' THEN 'duplicate' END
                    WHERE number = '2026-000001'
                    """,
                    [.text(status.rawValue), answered ? .text("Ответ") : .null, answered ? .integer(1) : .null])
            }
        }
        try set(.inProgress)
        try set(status)
        #expect(try isFound() == status.isOpen)
        try set(.inProgress)
        #expect(try isFound())
    }

    @Test("a message closed before the index file followed it is never indexed")
    func closedBeforeIndexing() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["Горит сухая трава у дома."], store)
        try store.writeSync {
            try $0.run(
                """
                UPDATE messages SET status = 'closed_no_answer', close_reason = 'duplicate' WHERE number = '2026-000001'
                """)
        }
        try store.catchUpQueueIndexes()
        let rows = try store.read {
            try $0.scalar("SELECT count(*) FROM queue_index.texts WHERE texts MATCH 'трава'")
        }
        #expect(rows?.int64 == 0)
    }
}
