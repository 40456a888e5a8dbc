import Foundation
import OknoDomain
import Synchronization
import Testing

@testable import OknoStore

/// A store with messages to watch, and what the scheduler wrote.
private struct SchedulerFixture {
    static let kaliningrad = TimeZone(identifier: "Europe/Kaliningrad")!
    static let kamchatka = TimeZone(identifier: "Asia/Kamchatka")!

    static let directory = StoreFixtures.directory(
        regions: StoreFixtures.regions + [
            .init(code: "39", name: "Калининградская область", timeZone: "Europe/Kaliningrad")
        ],
        units: StoreFixtures.units + [
            .init(
                code: "GU-39", name: "ГУ (Калининградская область)", kind: .territorial, region: "39",
                timeZone: "Europe/Kaliningrad")
        ])

    let folder: TemporaryDirectory
    var store: Store
    var scheduler = DeadlineScheduler()

    init() throws {
        folder = try TemporaryDirectory()
        store = try StoreFixtures.openStore(folder, directory: Self.directory)
    }

    /// Registers a message; 30-day `LICENSING` in Moscow unless told otherwise. Returns its id.
    @discardableResult
    func register(
        at registeredAt: Date, topic: String = "LICENSING", region: String = "77",
        zone: TimeZone = StoreFixtures.moscow
    ) throws -> Int64 {
        var message = StoreFixtures.message(registeredAt: registeredAt, topic: topic)
        message.region = region
        message.registeredDate = LocalDate.of(registeredAt, in: zone)
        message.answerDeadline = Deadline(
            kind: .answer(expedited: message.expedited), from: registeredAt, in: zone, terms: DeadlineDays())
        if message.forwardDeadline != nil {
            message.forwardDeadline = Deadline(kind: .forward, from: registeredAt, in: zone, terms: DeadlineDays())
        }
        let registration = message
        let number = try store.writeSync { try MessageRepository.register(registration, $0).message!.number }
        return try store.read { try MessageRepository.find(number: number, $0)!.id }
    }

    @discardableResult
    func tick(_ now: String) throws -> DeadlineScheduler.Report {
        try scheduler.tick(now: instant(now), store: store)
    }

    /// The `deadline.*` events, in feed order.
    func deadlineEvents() throws -> [StoredEvent] {
        try store.read { try EventRepository.list(after: 0, limit: 10_000, $0) }.filter {
            $0.type.hasPrefix("deadline.")
        }
    }

    func notices(_ id: Int64) throws -> [DeadlineNotice] {
        try store.read { try DeadlineNoticeRepository.list(messageID: id, $0) }
    }

    func nextLook(_ id: Int64) throws -> Date? {
        try store.read { try DeadlineWatchRepository.nextLook(messageID: id, $0) }
    }

    /// Whether messages wait to be enrolled.
    func hasNewMessages() throws -> Bool {
        try store.read { try DeadlineWatchRepository.hasNewMessages($0) }
    }

    /// The query plan of each statement, every parameter bound to 1 (`?1` is one parameter
    /// however often it appears).
    func plans(_ statements: [String]) throws -> [[String]] {
        try store.read { connection in
            try statements.map { sql in
                let count = sql.contains("?1") ? 1 : sql.count { $0 == "?" }
                return try StoreFixtures.queryPlan(sql, [SQLValue](repeating: 1, count: count), connection)
            }
        }
    }

    /// What another writer does when it changes a message: stamps it for the scheduler.
    func stamp(_ id: Int64, _ at: String, set assignments: String = "", _ arguments: [SQLValue] = []) throws {
        let changedAt = instant(at)
        try store.writeSync { connection in
            if !assignments.isEmpty {
                try connection.run("UPDATE messages SET \(assignments) WHERE id = ?", arguments + [.integer(id)])
            }
            try DeadlineWatchRepository.look(at: changedAt, messageID: id, connection)
        }
    }
}

@Suite("Deadline scheduler")
struct DeadlineSchedulerTests {
    // A 30-day LICENSING message registered at 12:00 Moscow time on 2 November 2026: due date
    // 2 December, due at 24:00 Moscow = 21:00Z; at risk (N = 5) from 27 November 00:00 Moscow.
    static let registered = "2026-11-02T09:00:00Z"
    static let atRiskFrom = "2026-11-26T21:00:00Z"
    static let dueAt = "2026-12-02T21:00:00Z"

    @Test(
        "a level is announced at the exact instant it is reached, not a second before",
        arguments: [
            ("2026-11-26T20:59:59Z", [String](), atRiskFrom),
            (atRiskFrom, ["deadline.at_risk"], dueAt),
            ("2026-12-02T20:59:59Z", ["deadline.at_risk"], dueAt),
            (dueAt, ["deadline.at_risk", "deadline.overdue"], nil),
        ] as [(String, [String], String?)])
    func exactThresholds(now: String, announced: [String], next: String?) throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick(now)
        #expect(try fixture.deadlineEvents().map(\.type) == announced)
        #expect(try fixture.nextLook(id) == next.map(instant))
    }

    @Test("ticking step by step announces each level once, at the instant, with no lateness")
    func stepByStep() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        for now in [Self.registered, "2026-11-26T20:59:59Z", Self.atRiskFrom, "2026-12-02T20:59:59Z", Self.dueAt] {
            try fixture.tick(now)
        }
        let notices = try fixture.notices(id)
        #expect(notices.map(\.level) == [.atRisk, .overdue])
        #expect(notices.map(\.dueInstant) == [instant(Self.atRiskFrom), instant(Self.dueAt)])
        #expect(notices.map(\.lateness) == [0, 0])
        #expect(try fixture.nextLook(id) == nil)
    }

    @Test("the event carries the message number, the instant reached and the deadline, nothing personal")
    func eventContent() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick("2026-11-27T06:00:00Z")
        let event = try #require(try fixture.deadlineEvents().first)
        #expect(event.type == "deadline.at_risk")
        #expect(event.messageID == id)
        #expect(event.number == "2026-000001")
        #expect(event.at == instant(Self.atRiskFrom))
        #expect(event.actor == nil)
        #expect(
            event.data
                == #"{"deadline":"answer","kind":"answer","risk":"at_risk","due_date":"2026-12-02","#
                + #""due_at":"2026-12-02T21:00:00Z","noticed_at":"2026-11-27T06:00:00Z"}"#)
        #expect(!event.data.contains("Иванов"))
    }

    @Test("a tick with nothing due reads one index entry and writes nothing")
    func nothingToDo() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick(Self.registered)
        let commits = fixture.store.writer.statistics.commits
        let report = try fixture.tick("2026-11-20T00:00:00Z")
        #expect(report == DeadlineScheduler.Report())
        #expect(fixture.store.writer.statistics.commits == commits)
        #expect(try fixture.deadlineEvents().isEmpty)
        #expect(try fixture.nextLook(id) == instant(Self.atRiskFrom))
    }

    @Test("a message stamped by another writer with nothing changed is only rescheduled")
    func stampedWithoutChange() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick("2026-11-28T00:00:00Z")
        try fixture.stamp(id, "2026-11-29T10:00:00Z")
        let report = try fixture.tick("2026-11-29T10:00:01Z")
        #expect(report.messages == 1)
        #expect(report.notices == 0)
        #expect(try fixture.deadlineEvents().map(\.type) == ["deadline.at_risk"])
        #expect(try fixture.nextLook(id) == instant(Self.dueAt))
    }

    @Test("nothing is announced twice across a restart, even when the message is looked at again")
    func exactlyOnceAcrossRestart() throws {
        var fixture = try SchedulerFixture()
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick("2026-11-27T06:00:00Z")
        fixture.store.close()

        fixture.store = try StoreFixtures.openStore(fixture.folder, directory: SchedulerFixture.directory)
        defer { fixture.store.close() }
        try fixture.stamp(id, "2026-11-27T05:00:00Z")  // as if the scheduler had not got to it
        try fixture.tick("2026-11-27T06:00:00Z")
        try fixture.tick("2026-11-30T00:00:00Z")
        #expect(try fixture.deadlineEvents().map(\.type) == ["deadline.at_risk"])

        try fixture.tick(Self.dueAt)
        fixture.store.close()
        fixture.store = try StoreFixtures.openStore(fixture.folder, directory: SchedulerFixture.directory)
        try fixture.stamp(id, Self.dueAt)
        try fixture.tick("2026-12-05T00:00:00Z")
        #expect(try fixture.deadlineEvents().map(\.type) == ["deadline.at_risk", "deadline.overdue"])
        #expect(try fixture.notices(id).count == 2)
    }

    @Test("a tick long after a missed one announces at risk then overdue once, lateness fixed for good")
    func missedTicksCatchUp() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick("2026-12-10T08:00:00Z")

        let events = try fixture.deadlineEvents()
        #expect(events.map(\.type) == ["deadline.at_risk", "deadline.overdue"])
        #expect(events.map(\.at) == [instant(Self.atRiskFrom), instant(Self.dueAt)])
        let notices = try fixture.notices(id)
        #expect(notices.map(\.noticedAt) == [instant("2026-12-10T08:00:00Z"), instant("2026-12-10T08:00:00Z")])
        let expectedLateness: [TimeInterval] = [13 * 86_400 + 11 * 3600, 7 * 86_400 + 11 * 3600]
        #expect(notices.map(\.lateness) == expectedLateness)
        #expect(notices.map(\.eventSeq) == events.map(\.seq))

        try fixture.stamp(id, "2026-12-11T00:00:00Z")
        try fixture.tick("2026-12-20T00:00:00Z")
        #expect(try fixture.notices(id) == notices)
        #expect(try fixture.deadlineEvents() == events)
        #expect(throws: DatabaseError.self) {
            try fixture.store.writeSync { try $0.run("UPDATE deadline_notices SET noticed_at = due_instant") }
        }
        #expect(try fixture.notices(id) == notices)
    }

    @Test("an extended term is a new deadline with its own notices, due no earlier than the extension")
    func extendedTermGetsItsOwnNotices() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick("2026-11-28T00:00:00Z")
        // Extended by 2 days on 1 December 12:00Z: due 4 December, still at risk at once.
        try fixture.stamp(
            id, "2026-12-01T12:00:00Z", set: "answer_due_at = ?, answer_due_date = ?, extended = 1",
            [.integer(Instant.milliseconds(instant("2026-12-04T21:00:00Z"))), .text("2026-12-04")])
        try fixture.tick("2026-12-01T12:00:30Z")

        let notices = try fixture.notices(id)
        #expect(notices.map(\.dueAt) == [instant(Self.dueAt), instant("2026-12-04T21:00:00Z")])
        #expect(notices.map(\.level) == [.atRisk, .atRisk])
        #expect(notices.last?.dueInstant == instant("2026-12-01T12:00:00Z"))
        #expect(notices.last?.lateness == 30)
        #expect(try fixture.nextLook(id) == instant("2026-12-04T21:00:00Z"))

        try fixture.tick("2026-12-05T00:00:00Z")
        #expect(
            try fixture.deadlineEvents().map(\.type) == ["deadline.at_risk", "deadline.at_risk", "deadline.overdue"])
    }

    @Test("a finished message has no open deadline: nothing announced, never looked at again")
    func finishedMessage() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick(Self.registered)
        let answered = SQLValue.integer(Instant.milliseconds(instant("2026-11-20T10:00:00Z")))
        try fixture.stamp(
            id, "2026-11-20T10:00:00Z",
            set: "status = 'answered', answer_done_at = ?, answer_text = 'Ответ', answer_sent_at = ?",
            [answered, answered])
        let report = try fixture.tick("2026-12-30T00:00:00Z")
        #expect(report.messages == 1)
        #expect(try fixture.deadlineEvents().isEmpty)
        #expect(try fixture.nextLook(id) == nil)
    }

    @Test("a message waiting to be forwarded is watched on both deadlines, the forward one first")
    func forwardAndAnswerDeadlines() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        // Forward: due 9 November (7 days), at risk from 7 November 00:00 Moscow.
        let id = try fixture.register(at: instant(Self.registered), topic: "ROADS")
        try fixture.tick(Self.registered)
        #expect(try fixture.nextLook(id) == instant("2026-11-06T21:00:00Z"))
        try fixture.tick("2026-11-06T21:00:00Z")
        #expect(try fixture.nextLook(id) == instant("2026-11-09T21:00:00Z"))
        try fixture.tick("2026-11-27T00:00:00Z")
        let notices = try fixture.notices(id)
        #expect(notices.map(\.kind) == [.forward, .forward, .answer])
        #expect(notices.map(\.level) == [.atRisk, .overdue, .atRisk])
        let forward: [Bool] = try fixture.deadlineEvents().map { $0.data.contains(#""deadline":"forward""#) }
        #expect(forward == [true, true, false])
    }

    @Test("Kaliningrad and Kamchatka reach each level at their own local midnight")
    func timeZones() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        // 12:30Z on 1 November: 14:30 on 1 November in Kaliningrad (UTC+2), already 00:30 on
        // 2 November in Kamchatka (UTC+12). So the due dates are 1 and 2 December.
        let registered = instant("2026-11-01T12:30:00Z")
        let west = try fixture.register(at: registered, region: "39", zone: SchedulerFixture.kaliningrad)
        let east = try fixture.register(at: registered, region: "41", zone: SchedulerFixture.kamchatka)
        let steps: [(now: String, announced: [String])] = [
            ("2026-11-25T21:59:59Z", []),
            ("2026-11-25T22:00:00Z", ["39 at_risk"]),  // 26 Nov 00:00 in Kaliningrad = 1 Dec − 5
            ("2026-11-26T11:59:59Z", []),
            ("2026-11-26T12:00:00Z", ["41 at_risk"]),  // 27 Nov 00:00 in Kamchatka = 2 Dec − 5
            ("2026-12-01T21:59:59Z", []),
            ("2026-12-01T22:00:00Z", ["39 overdue"]),  // 2 Dec 00:00 in Kaliningrad
            ("2026-12-02T11:59:59Z", []),
            ("2026-12-02T12:00:00Z", ["41 overdue"]),  // 3 Dec 00:00 in Kamchatka
        ]
        var seen = 0
        for step in steps {
            try fixture.tick(step.now)
            let events = try fixture.deadlineEvents().dropFirst(seen)
            seen += events.count
            let announced = try events.map { event in
                let region = try fixture.store.read { try MessageRepository.find(id: event.messageID!, $0)!.region }
                return region + " " + event.type.dropFirst("deadline.".count)
            }
            #expect(announced == step.announced, "at \(step.now)")
        }
        #expect(try fixture.notices(west).allSatisfy { $0.lateness == 0 })
        #expect(try fixture.notices(east).allSatisfy { $0.lateness == 0 })
    }

    @Test("a large backlog is processed in batches of batchSize until caught up")
    func batches() throws {
        var fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        for _ in 0..<7 { try fixture.register(at: instant(Self.registered)) }
        fixture.scheduler = DeadlineScheduler(batchSize: 3)
        let report = try fixture.tick("2026-11-28T00:00:00Z")
        #expect(report.messages == 7)
        #expect(report.notices == 7)
        #expect(report.batches == 3)
        #expect(try fixture.tick("2026-11-28T00:00:00Z") == DeadlineScheduler.Report())
    }

    @Test("simultaneous ticks announce each level once")
    func simultaneousTicks() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        for _ in 0..<20 { try fixture.register(at: instant(Self.registered)) }
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { try fixture.tick("2026-12-10T00:00:00Z") } catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try fixture.deadlineEvents().count == 40)
        #expect(try StoreFixtures.count("deadline_notices", fixture.store) == 40)
    }

    @Test("the thresholds come from at_risk_days")
    func configuredThresholds() throws {
        var fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        fixture.scheduler = DeadlineScheduler(atRiskDays: AtRiskDays(thirtyDay: 10, short: 1))
        let id = try fixture.register(at: instant(Self.registered))
        try fixture.tick(Self.registered)
        #expect(try fixture.nextLook(id) == instant("2026-11-21T21:00:00Z"))  // 22 Nov = 2 Dec − 10
    }

    @Test("a registration writes no watch row; enrolment puts new messages under watch at their first look")
    func enrolment() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        var firstLooks: [Int64: Date] = [:]
        for day in 1...5 {
            var message = StoreFixtures.message(registeredAt: instant("2026-11-0\(day)T09:00:00Z"))
            message.firstLook = instant("2026-11-2\(day)T21:00:00Z")
            let registration = message
            let number = try fixture.store.writeSync {
                try MessageRepository.register(registration, $0).message!.number
            }
            let id = try #require(try fixture.store.read { try MessageRepository.find(number: number, $0)?.id })
            firstLooks[id] = message.firstLook
        }
        func watched() throws -> [Int64: Date] {
            var rows: [Int64: Date] = [:]
            try fixture.store.read { connection in
                try connection.query("SELECT message_id, next_change_at FROM deadline_watch") {
                    rows[$0.int64(at: 0)] = Instant.date($0.int64(at: 1))
                }
            }
            return rows
        }
        #expect(try watched().isEmpty)
        #expect(try fixture.hasNewMessages())
        for (id, look) in firstLooks { #expect(try fixture.nextLook(id) == look) }

        // Two at a time: more is left after the first two batches, not after the third.
        var more: [Bool] = []
        for _ in 1...3 { more.append(try fixture.store.writeSync { try DeadlineWatchRepository.enrol(limit: 2, $0) }) }
        #expect(more == [true, true, false])
        #expect(try watched() == firstLooks)
        #expect(try !fixture.hasNewMessages())
        #expect(try !fixture.store.writeSync { try DeadlineWatchRepository.enrol(limit: 2, $0) })
        #expect(try watched() == firstLooks)
    }

    @Test("enrolment passes over a message finished before it, and keeps the look a writer set meanwhile")
    func enrolmentAfterChanges() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let finished = try fixture.register(at: instant(Self.registered))
        let changed = try fixture.register(at: instant(Self.registered))
        let untouched = try fixture.register(at: instant(Self.registered))
        try fixture.stamp(finished, "2026-11-03T10:00:00Z", set: "status = 'closed', answer_done_at = 1")
        try fixture.store.writeSync { try DeadlineWatchRepository.look(at: nil, messageID: finished, $0) }
        try fixture.stamp(changed, "2026-11-03T11:00:00Z")
        #expect(try fixture.nextLook(finished) == nil)

        try fixture.scheduler.enrolNewMessages(store: fixture.store)
        #expect(try fixture.nextLook(finished) == nil)
        #expect(try fixture.nextLook(changed) == instant("2026-11-03T11:00:00Z"))
        #expect(try fixture.nextLook(untouched) == instant(Self.registered))
        #expect(try !fixture.hasNewMessages())
    }

    @Test("a tick enrols what was registered since the last enrolment before it looks")
    func tickEnrolsFirst() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let id = try fixture.register(at: instant(Self.registered))
        #expect(try fixture.hasNewMessages())
        let report = try fixture.tick(Self.atRiskFrom)
        #expect(report.messages == 1 && report.notices == 1)
        #expect(try fixture.nextLook(id) == instant(Self.dueAt))
        #expect(try !fixture.hasNewMessages())
    }

    @Test("enrolment and the look of a message not enrolled yet read messages by id, never a scan")
    func enrolmentPlans() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let plans = try fixture.plans([
            DeadlineWatchRepository.enrolmentInsert, DeadlineWatchRepository.newMessagesProbe,
            DeadlineWatchRepository.nextLookQuery,
        ])
        #expect(plans[0].contains("SEARCH m USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), "\(plans[0])")
        for plan in plans {
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        }
    }

    @Test("the scheduler's queries use the deadline_watch index, never a scan of messages")
    func queryPlans() throws {
        let fixture = try SchedulerFixture()
        defer { fixture.store.close() }
        let plans = try fixture.plans([DeadlineScheduler.dueProbe, DeadlineScheduler.dueMessages]).map {
            $0.joined(separator: "; ")
        }
        for plan in plans {
            #expect(
                plan.contains("USING INDEX deadline_watch_due")
                    || plan.contains("USING COVERING INDEX deadline_watch_due"), "\(plan)")
            #expect(!plan.contains("SCAN m") && !plan.contains("SCAN messages"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}
