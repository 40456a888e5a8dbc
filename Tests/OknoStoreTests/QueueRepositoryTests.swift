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

    @Test("every filter combination reads a queue index (in order unless only searching) and never scans messages")
    func queryPlans() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        for (filter, position) in Self.filters {
            let (sql, arguments) = QueueRepository.query(filter, after: position)
            let plan = try store.read { try StoreFixtures.queryPlan(sql, arguments, $0).joined(separator: "; ") }
            // A filtered read is two parts merged: the indexed messages, then the pending ones.
            let parts = plan.components(separatedBy: "; RIGHT; ")
            let indexed = parts[0]
            let walked = indexed.split(separator: ";").map(String.init).first { $0.contains("SEARCH m") } ?? ""
            // Any index of a unit, topic or region given holds the other filter columns too.
            let narrower = [
                filter.unit.map { _ in "messages_queue_by_unit" }, filter.topic.map { _ in "messages_queue_by_topic" },
                filter.region.map { _ in "messages_queue_by_region" },
            ].compactMap { $0 }
            // Pending messages are in no index yet, the full-text one included: a search skips them.
            let mergesPending = !narrower.isEmpty && filter.text == nil
            if mergesPending {
                #expect(indexed.hasPrefix("MERGE (UNION ALL)"), "\(filter): \(plan)")
                #expect(
                    parts.last?.hasPrefix("SEARCH m USING INTEGER PRIMARY KEY (rowid>?)") == true, "\(filter): \(plan)")
            }
            let walksAnIndex: Bool
            if !narrower.isEmpty {
                walksAnIndex = narrower.contains { walked.contains("SEARCH m USING INDEX \($0) ") }
            } else if filter.status != nil {
                walksAnIndex = walked.contains("SEARCH m USING INDEX messages_queue_by_status ")
            } else if filter.text != nil {
                // The matches (open messages only) looked up by id, or the queue walked in order.
                walksAnIndex =
                    walked.contains("SEARCH m USING INTEGER PRIMARY KEY")
                    || walked.contains("SEARCH m USING INDEX messages_queue ")
            } else {
                walksAnIndex = walked.contains("SEARCH m USING INDEX messages_queue ")
            }
            #expect(mergesPending == (parts.count == 2), "\(filter): \(plan)")
            #expect(walksAnIndex, "\(filter): \(plan)")
            #expect(!plan.contains("SCAN m"), "\(filter): \(plan)")
            if narrower.isEmpty && filter.status == nil && filter.text != nil {
                #expect(plan.contains("LIST SUBQUERY") && plan.contains("queue_fts"), "\(filter): \(plan)")
            } else {
                // Only the pending messages, few, are sorted.
                #expect(!indexed.contains("TEMP B-TREE"), "\(filter): \(plan)")
            }
        }
    }

    @Test("the batches after intake read their messages by id range, not through a status index")
    func indexingBatchPlans() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["трава", "дым"], store)
        let range: [SQLValue] = [.integer(0), .integer(2)]
        for sql in [QueueIndexRepository.indexTextsSQL, QueueIndexRepository.takeIntoFilterIndexesSQL] {
            let plan = try store.read { try StoreFixtures.queryPlan(sql, range, $0) }
            #expect(plan == ["SEARCH messages USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"], "\(sql)")
        }
    }

    @Test("filtered reads merge the messages not yet in the filter indexes, in deadline order, page by page")
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
            .init(unit: "GU-77"), .init(unit: "AD", status: .assigned), .init(topic: "GRASS_BURNING"),
            .init(region: "41"), .init(region: "77", dueBefore: instant("2026-11-20T00:00:00Z")),
            // A number search is no full-text search: it merges too.
            .init(unit: "AD", text: "2026-000009"),
        ]
        func checkEveryFilter() throws {
            let whole = try store.read { connection in
                var items: [QueueRepository.Item] = []
                try QueueRepository.scan(.init(), after: nil, connection) {
                    items.append($0)
                    return true
                }
                return items
            }
            for filter in filters {
                let expected = whole.filter { item in
                    filter.unit.map { item.unit == $0 } ?? true && filter.status.map { item.status == $0 } ?? true
                        && filter.topic.map { item.topic == $0 } ?? true
                        && filter.region.map { item.region == $0 } ?? true
                        && filter.dueBefore.map { item.position.dueAt <= Instant.milliseconds($0) } ?? true
                        && filter.text.map { item.number == $0 } ?? true
                }.map(\.number)
                #expect(!expected.isEmpty, "\(filter)")
                #expect(try read(filter, pageSize: 2) == expected, "\(filter)")
            }
        }
        func pending() throws -> Int64? {
            try store.read { try $0.scalar("SELECT count(*) FROM messages WHERE queue_pending = 1")?.int64 }
        }

        #expect(try pending() == 6)
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
        #expect(try pending() == 0)
        try checkEveryFilter()
    }

    @Test("the full-text index holds open messages only: closed ones leave it, reopened ones return")
    func searchFollowsStatus() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["Горит сухая трава у дома.", "Трава горит у реки."], store)
        func found(_ word: String) throws -> [String] {
            try store.read { connection in
                var numbers: [String] = []
                try QueueRepository.scan(.init(text: word), after: nil, connection) {
                    numbers.append($0.number)
                    return true
                }
                return numbers
            }
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
        // Not indexed until the batch after intake has run.
        #expect(try found("трава").isEmpty)
        try store.catchUpQueueIndexes()
        #expect(try found("трава") == ["2026-000001", "2026-000002"])

        try setStatus("2026-000001", "answered", answered: true)
        #expect(try found("трава") == ["2026-000002"])
        #expect(try found("сухая").isEmpty)
        try setStatus("2026-000001", "in_progress", answered: false)
        #expect(try found("сухая") == ["2026-000001"])
        // A status change among open statuses changes nothing in the index.
        try setStatus("2026-000001", "on_approval", answered: false)
        #expect(try found("трава") == ["2026-000001", "2026-000002"])
    }

    @Test(
        "a status change moves an indexed message out of the search or back, as the status is open or not",
        arguments: MessageStatus.allCases)
    func searchFollowsEveryStatus(_ status: MessageStatus) throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try Self.register(["Горит сухая трава у дома."], store)
        try store.catchUpQueueIndexes()
        func isFound() throws -> Bool {
            try store.read { try $0.scalar("SELECT count(*) FROM queue_fts WHERE queue_fts MATCH 'трава'") }?.int64
                == 1
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

    @Test("a message closed before the indexing batch ran is never indexed")
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
        let rows = try store.read { try $0.scalar("SELECT count(*) FROM queue_fts WHERE queue_fts MATCH 'трава'") }
        #expect(rows?.int64 == 0)
    }
}
