import Foundation
import OknoDomain
import Testing

@testable import OknoStore

/// A small world for the reports: Moscow (UTC+3), Kamchatka (UTC+12), Kaliningrad (UTC+2), and a
/// territorial body whose name needs CSV quoting.
enum ReportFixtures {
    static let regions: [Directory.Region] =
        StoreFixtures.regions + [
            .init(code: "39", name: "Калининградская область", timeZone: "Europe/Kaliningrad")
        ]
    static let gu39Name = "ГУ \"Калининград\", отдел\nприёма"
    static let units: [Directory.Unit] =
        StoreFixtures.units + [
            .init(code: "GU-39", name: gu39Name, kind: .territorial, region: "39", timeZone: "Europe/Kaliningrad")
        ]
    static let directory = StoreFixtures.directory(regions: regions, units: units)

    static func openStore(_ folder: TemporaryDirectory) throws -> Store {
        try StoreFixtures.openStore(folder, directory: directory)
    }

    /// Registers a message routed as the default table would, with deadlines in its region's zone.
    @discardableResult
    static func register(
        _ store: Store, region: String = "77", topic: String = "GRASS_BURNING", at registeredAt: String
    ) throws -> String {
        let zone = directory.timeZone(ofRegion: region)!
        let at = instant(registeredAt)
        let topicEntry = directory.topic(topic)!
        let external = topicEntry.competence == .external
        let unit = external ? "AD" : (topicEntry.unit ?? "GU-\(region)")
        let message = NewMessage(
            topic: topic, region: region, channel: .portal, text: "Текст",
            applicant: .init(kind: .citizen, name: "Иванов Иван Иванович", email: "ivanov@example.ru"),
            registeredAt: at, registeredDate: LocalDate.of(at, in: zone), unit: unit,
            suggestedAgency: external ? topicEntry.agency : nil, expedited: topicEntry.expedited, status: .assigned,
            answerDeadline: Deadline(
                kind: .answer(expedited: topicEntry.expedited), from: at, in: zone, terms: DeadlineDays()),
            forwardDeadline: external ? Deadline(kind: .forward, from: at, in: zone, terms: DeadlineDays()) : nil,
            accessTokenHash: SHA256.hexDigest(UUID().uuidString))
        return try store.writeSync { try MessageRepository.register(message, $0) }.message!.number
    }

    /// Sets columns of one message by SQL, as the lifecycle would have.
    static func update(_ store: Store, _ number: String, _ assignments: String, _ values: [SQLValue] = []) throws {
        try store.writeSync { connection in
            try connection.run("UPDATE messages SET \(assignments) WHERE number = ?", values + [.text(number)])
        }
    }

    static func answer(_ store: Store, _ number: String, at: String) throws {
        let done = SQLValue.integer(Int64(instant(at).timeIntervalSince1970 * 1000))
        try update(
            store, number, "status = 'answered', answer_done_at = ?, answer_text = 'Ответ', answer_sent_at = ?",
            [done, done])
    }

    static func forward(_ store: Store, _ number: String, at: String) throws {
        let done = SQLValue.integer(Int64(instant(at).timeIntervalSince1970 * 1000))
        try update(store, number, "status = 'forwarded', forwarded_to = suggested_agency, forward_done_at = ?", [done])
    }

    static func rate(_ store: Store, _ number: String, score: Int) throws {
        try store.writeSync { connection in
            try connection.run(
                """
                INSERT INTO ratings (message_id, score, rated_at, flagged)
                SELECT id, ?, answer_done_at + 1000, ? FROM messages WHERE number = ?
                """, [.integer(Int64(score)), .bool(score <= 2), .text(number)])
        }
    }
}

@Suite("Overdue report")
struct ReportsOverdueTests {
    let asOf = instant("2026-11-29T09:00:00Z")

    func overdue(_ store: Store, at asOf: Date, unit: String? = nil, includeAtRisk: Bool = false) throws
        -> [Reports.OverdueRow]
    {
        try store.read {
            try Reports.overdue(
                asOf: asOf, unit: unit, includeAtRisk: includeAtRisk, directory: ReportFixtures.directory,
                atRiskDays: AtRiskDays(), $0)
        }
    }

    @Test("lists each overdue open deadline once, most overdue first, with days overdue on Moscow dates")
    func overdueRows() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        // Due 20 Nov (10 days, expedited): 9 days overdue on 29 Nov.
        let grass = try ReportFixtures.register(store, at: "2026-11-10T10:00:00Z")
        // Due 1 Dec (30 days): at risk, 2 days left.
        let licensing = try ReportFixtures.register(store, topic: "LICENSING", at: "2026-11-01T10:00:00Z")
        // Forward due 27 Nov: 2 days overdue; its answer (due 20 Dec) is on track.
        let roads = try ReportFixtures.register(store, topic: "ROADS", at: "2026-11-20T10:00:00Z")
        // Answered, forwarded and closed ones have no open deadline.
        let answered = try ReportFixtures.register(store, at: "2026-11-05T10:00:00Z")
        try ReportFixtures.answer(store, answered, at: "2026-11-25T10:00:00Z")
        let forwarded = try ReportFixtures.register(store, topic: "ROADS", at: "2026-11-01T10:00:00Z")
        try ReportFixtures.forward(store, forwarded, at: "2026-11-12T10:00:00Z")
        let closed = try ReportFixtures.register(store, at: "2026-11-02T10:00:00Z")
        try ReportFixtures.update(store, closed, "status = 'closed_no_answer', close_reason = 'obscene'")
        try ReportFixtures.update(store, grass, "status = 'in_progress', assignee = 'Петров П. П.'")

        let rows = try overdue(store, at: asOf)
        #expect(rows.map(\.number) == [grass, roads])
        #expect(rows.map(\.deadline) == [.answer, .forward])
        #expect(rows.map(\.daysOverdue) == [9, 2])
        #expect(rows.map(\.unit) == ["GU-77", "AD"])
        #expect(rows[0].assignee == "Петров П. П.")
        #expect(rows[0].status == .inProgress)
        #expect(rows[0].dueAt == instant("2026-11-20T21:00:00Z"))

        let withRisk = try overdue(store, at: asOf, includeAtRisk: true)
        #expect(withRisk.map(\.number) == [grass, roads, licensing])
        #expect(withRisk.last?.daysOverdue == -2)
        #expect(withRisk.last?.risk == .atRisk)

        #expect(try overdue(store, at: asOf, unit: "AD").map(\.number) == [roads])
        #expect(try overdue(store, at: asOf, unit: "GU-41").isEmpty)
    }

    @Test("the report reads the main database alone, through the open statuses of messages_status")
    func reportReadsMainDatabase() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        let indexed = try ReportFixtures.register(store, at: "2026-11-10T10:00:00Z")
        try store.catchUpQueueIndexes()
        // Not followed by the queue index file yet: the report does not read that file.
        let pending = try ReportFixtures.register(store, at: "2026-11-12T10:00:00Z")
        let elsewhere = try ReportFixtures.register(store, topic: "LICENSING", at: "2026-11-01T10:00:00Z")
        #expect(try overdue(store, at: asOf, unit: "GU-77").map(\.number) == [indexed, pending])
        #expect(try overdue(store, at: asOf).map(\.number).sorted() == [indexed, pending].sorted())
        #expect(try overdue(store, at: asOf, includeAtRisk: true).map(\.number).contains(elsewhere))

        for unit in ["GU-77", nil] {
            let (sql, arguments) = Reports.overdueQuery(horizon: 1, unit: unit)
            let plan = try store.read { try StoreFixtures.queryPlan(sql, arguments, $0) }
            #expect(plan.contains { $0.hasPrefix("SEARCH m USING INDEX messages_status (status=?)") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("queue_index") }, "\(plan)")
        }
    }

    @Test("a deadline is overdue from due_at on, not a millisecond before")
    func boundaryAtDueAt() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try ReportFixtures.register(store, at: "2026-11-10T10:00:00Z")  // due_at 2026-11-20T21:00:00Z
        #expect(try overdue(store, at: instant("2026-11-20T20:59:59Z")).isEmpty)
        #expect(try overdue(store, at: instant("2026-11-20T21:00:00Z")).map(\.daysOverdue) == [1])
    }

    @Test("at the same instant, Kamchatka is a day further overdue than Kaliningrad")
    func timeZones() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        // Both registered at local noon on 18 Nov, so both are due on 28 Nov.
        let kamchatka = try ReportFixtures.register(store, region: "41", at: "2026-11-18T00:00:00Z")
        let kaliningrad = try ReportFixtures.register(store, region: "39", at: "2026-11-18T10:00:00Z")
        // 12:30Z is 00:30 on 30 Nov in Kamchatka (UTC+12) and 14:30 on 29 Nov in Kaliningrad (UTC+2).
        let rows = try overdue(store, at: instant("2026-11-29T12:30:00Z"))
        let days = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0.daysOverdue) })
        #expect(days == [kamchatka: 2, kaliningrad: 1])
        #expect(rows.map(\.number) == [kamchatka, kaliningrad])  // Kamchatka's 28 Nov ends first
    }

    @Test("CSV quotes Russian fields holding quotes, commas and newlines, and ends lines with CRLF")
    func csvEscaping() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        let number = try ReportFixtures.register(store, region: "39", at: "2026-11-10T10:00:00Z")
        try ReportFixtures.update(store, number, "assignee = ?", [.text("Иванова \"Мария\", отдел\r\nприёма")])
        let rows = try overdue(store, at: asOf)
        let table = ReportTable(columns: Reports.OverdueRow.columns, rows: rows.map(\.values))
        #expect(
            table.csv()
                == "number,unit,topic,region,status,deadline,due_at,days_overdue,assignee,risk\r\n"
                + "\(number),GU-39,GRASS_BURNING,39,assigned,answer,2026-11-20T22:00:00Z,9,"
                + "\"Иванова \"\"Мария\"\", отдел\r\nприёма\",overdue\r\n")
    }

    @Test(
        "CSV fields are quoted exactly when RFC 4180 needs it",
        arguments: [
            ("Москва", "Москва"), ("", ""), ("ГУ, отдел", "\"ГУ, отдел\""), ("«ёлка»", "«ёлка»"),
            ("say \"да\"", "\"say \"\"да\"\"\""), ("строка\nвторая", "\"строка\nвторая\""), ("a\rb", "\"a\rb\""),
            ("-3", "-3"),
        ])
    func csvField(field: String, written: String) {
        #expect(ReportTable.csvField(field) == written)
    }
}

@Suite("KPI report and public statistics")
struct ReportsKPITests {
    /// In November: GU-77 got 3 (1 open, 1 answered on time and rated 5, 1 answered late and rated 2),
    /// DNDPR 1 (open), AD 3 external (1 open, 1 forwarded on time, 1 late). One GU-77 message of
    /// October is outside the range.
    func fixture(_ store: Store) throws {
        try ReportFixtures.register(store, at: "2026-11-10T10:00:00Z")
        let onTime = try ReportFixtures.register(store, at: "2026-11-05T10:00:00Z")  // due 15 Nov
        try ReportFixtures.answer(store, onTime, at: "2026-11-14T10:00:00Z")
        try ReportFixtures.rate(store, onTime, score: 5)
        let late = try ReportFixtures.register(store, at: "2026-11-02T10:00:00Z")  // due 12 Nov, 21:00Z
        try ReportFixtures.answer(store, late, at: "2026-11-12T21:00:00Z")
        try ReportFixtures.rate(store, late, score: 2)
        try ReportFixtures.register(store, topic: "LICENSING", at: "2026-11-01T10:00:00Z")
        try ReportFixtures.register(store, topic: "ROADS", at: "2026-11-20T10:00:00Z")
        let forwardedOnTime = try ReportFixtures.register(store, topic: "ROADS", at: "2026-11-03T10:00:00Z")
        try ReportFixtures.forward(store, forwardedOnTime, at: "2026-11-05T10:00:00Z")
        let forwardedLate = try ReportFixtures.register(store, topic: "ROADS", at: "2026-11-03T10:00:00Z")
        try ReportFixtures.forward(store, forwardedLate, at: "2026-11-10T21:00:00Z")  // due_at exactly
        let october = try ReportFixtures.register(store, at: "2026-10-25T10:00:00Z")
        try ReportFixtures.answer(store, october, at: "2026-10-26T10:00:00Z")
    }

    func kpi(_ store: Store, _ groupBy: Reports.Grouping) throws -> Reports.KPIReport {
        try store.read {
            try Reports.kpi(
                from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!, groupBy: groupBy,
                directory: ReportFixtures.directory, $0)
        }
    }

    @Test("per unit: received, answered on time, forwarded on time, ratings, in directory order")
    func byUnit() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try fixture(store)
        let report = try kpi(store, .unit)
        #expect(report.rows.map(\.group) == ["AD", "DNDPR", "GU-77"])
        let ad = report.rows[0]
        #expect([ad.received, ad.answered, ad.forwarded, ad.forwardedOnTime, ad.ratings] == [3, 0, 2, 1, 0] as [Int])
        #expect(ad.timelinessPercent == nil)
        let gu77 = report.rows[2]
        #expect(
            [gu77.received, gu77.answered, gu77.answeredOnTime, gu77.ratings, gu77.satisfied] == [3, 2, 1, 2, 1]
                as [Int])
        #expect(gu77.timelinessPercent == 50)
        #expect(gu77.averageScore == 3.5)
        #expect(gu77.satisfiedPercent == 50)
        #expect(report.total.received == 7)
        #expect(report.total.answered == 2)

        let table = report.table(groupBy: .unit, directory: ReportFixtures.directory, parameters: [])
        #expect(
            table.rows[2] == [
                .text("GU-77"), .text("ГУ (г. Москва)"), .integer(3), .integer(2), .integer(1), .decimal(50),
                .integer(0), .integer(0), .integer(2), .decimal(3.5), .decimal(50),
            ])
    }

    @Test("per topic and per region, the same messages add up the same")
    func byTopicAndRegion() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try fixture(store)
        let topics = try kpi(store, .topic)
        #expect(topics.rows.map(\.group) == ["GRASS_BURNING", "LICENSING", "ROADS"])
        #expect(topics.rows.map(\.received) == [3, 1, 3])
        let regions = try kpi(store, .region)
        #expect(regions.rows.map(\.group) == ["77"])
        #expect(regions.total == topics.total)
    }

    @Test("without a ratings table the report has 0 ratings and no averages")
    func withoutRatingsTable() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try fixture(store)
        try store.writeSync { try $0.execute("DROP TABLE ratings") }
        let gu77 = try kpi(store, .unit).rows[2]
        #expect(gu77.ratings == 0)
        #expect(gu77.averageScore == nil)
        #expect(gu77.satisfiedPercent == nil)
        #expect(gu77.answeredOnTime == 1)
    }

    @Test("public statistics count by topic and by region in the range")
    func publicStats() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try fixture(store)
        try ReportFixtures.register(store, region: "41", at: "2026-11-29T20:00:00Z")  // 30 Nov in Kamchatka
        try ReportFixtures.register(store, region: "39", at: "2026-11-30T22:30:00Z")  // 1 Dec in Kaliningrad
        let stats = try store.read {
            try Reports.publicStats(
                from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!, directory: ReportFixtures.directory, $0)
        }
        #expect(stats.total == 8)
        #expect(stats.byTopic.map(\.code) == ["GRASS_BURNING", "LICENSING", "ROADS"])
        #expect(stats.byTopic.map(\.count) == [4, 1, 3])
        #expect(stats.byRegion.map(\.code) == ["77", "41"])
        #expect(stats.byRegion.map(\.count) == [7, 1])
    }
}

@Suite("Daily report")
struct ReportsDailyTests {
    @Test("per unit on 20 Nov: new, in work at its end, at risk, overdue, answered that day")
    func daily() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        defer { store.close() }
        try ReportFixtures.register(store, at: "2026-11-20T08:00:00Z")  // new, on track (due 30 Nov)
        let answeredThatDay = try ReportFixtures.register(store, at: "2026-11-12T08:00:00Z")
        try ReportFixtures.answer(store, answeredThatDay, at: "2026-11-20T10:00:00Z")
        try ReportFixtures.register(store, at: "2026-11-10T08:00:00Z")  // due 20 Nov: at risk that day
        let answeredLater = try ReportFixtures.register(store, at: "2026-11-05T08:00:00Z")  // due 15 Nov
        try ReportFixtures.answer(store, answeredLater, at: "2026-11-25T10:00:00Z")  // overdue on 20 Nov
        let answeredBefore = try ReportFixtures.register(store, at: "2026-11-04T08:00:00Z")
        try ReportFixtures.answer(store, answeredBefore, at: "2026-11-19T20:59:00Z")  // 19 Nov, 23:59 Moscow
        let closedBefore = try ReportFixtures.register(store, at: "2026-11-06T08:00:00Z")
        try ReportFixtures.update(
            store, closedBefore, "status = 'closed_no_answer', close_reason = 'duplicate', updated_at = ?",
            [.integer(Int64(instant("2026-11-08T08:00:00Z").timeIntervalSince1970 * 1000))])
        try ReportFixtures.register(store, region: "41", at: "2026-11-19T13:00:00Z")  // 20 Nov, 01:00 in Kamchatka
        try ReportFixtures.register(store, at: "2026-11-21T08:00:00Z")  // after the date

        let report = try store.read {
            try Reports.daily(
                date: LocalDate("2026-11-20")!, directory: ReportFixtures.directory, atRiskDays: AtRiskDays(), $0)
        }
        #expect(report.rows.map(\.unit) == ["GU-77", "GU-41"])
        let moscow = report.rows[0]
        #expect(
            [moscow.new, moscow.inWork, moscow.atRisk, moscow.overdue, moscow.answered] == [1, 3, 1, 1, 1] as [Int])
        let kamchatka = report.rows[1]
        #expect(
            [kamchatka.new, kamchatka.inWork, kamchatka.atRisk, kamchatka.overdue, kamchatka.answered] == [
                1, 1, 0, 0, 0,
            ] as [Int])
        #expect(report.total.new == 2)
        #expect(report.total.inWork == 4)
    }
}

@Suite("Synthetic data")
struct SynthTests {
    @Test("synth adds N messages that satisfy the schema, spread over states, regions and channels")
    func synth() throws {
        let folder = try TemporaryDirectory()
        let store = try ReportFixtures.openStore(folder)
        store.close()
        let now = instant("2026-11-29T09:00:00Z")
        let summary = try Synth.fill(
            path: folder.path("db.sqlite"), directory: ReportFixtures.directory,
            options: Synth.Options(messages: 3000, seed: 42, now: now, batchSize: 1000))
        #expect(summary.messages == 3000)
        let connection = try Connection.open(path: folder.path("db.sqlite"), readOnly: true)
        func count(_ sql: String) throws -> Int { Int(try connection.scalar(sql)?.int64 ?? -1) }
        #expect(try count("SELECT count(*) FROM messages") == 3000)
        #expect(try connection.scalar("PRAGMA integrity_check")?.string == "ok")
        #expect(try count("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        #expect(try count("SELECT count(DISTINCT status) FROM messages") >= 8)
        #expect(try count("SELECT count(DISTINCT region) FROM messages") == 3)
        #expect(try count("SELECT count(DISTINCT topic) FROM messages") == 3)
        #expect(try count("SELECT count(DISTINCT channel) FROM messages") == 5)
        #expect(try count("SELECT count(*) FROM events WHERE type = 'message.registered'") == 3000)
        #expect(
            try count("SELECT count(*) FROM messages WHERE registered_at >= \(Int64(now.timeIntervalSince1970 * 1000))")
                == 0)
        // The lifecycle's own invariants, beyond the table CHECKs.
        #expect(
            try count(
                "SELECT count(*) FROM messages WHERE status IN ('answered', 'closed') AND (answer_done_at IS NULL OR answer_text IS NULL)"
            ) == 0)
        #expect(try count("SELECT count(*) FROM messages WHERE status = 'forwarded' AND forward_done_at IS NULL") == 0)
        #expect(
            try count(
                "SELECT count(*) FROM messages WHERE status IN ('registered','assigned','in_progress','answer_drafted','on_approval') AND answer_done_at IS NOT NULL"
            ) == 0)
        #expect(try count("SELECT count(*) FROM messages WHERE (topic = 'ROADS') <> (forward_due_at IS NOT NULL)") == 0)
        #expect(try count("SELECT count(*) FROM messages m JOIN applicants a ON a.id = m.applicant_id") == 3000)
        // Events come in time order and numbers grow with registration time, per year.
        #expect(try count("SELECT count(*) FROM events e JOIN events f ON f.seq = e.seq + 1 WHERE f.at < e.at") == 0)
        #expect(
            try count(
                "SELECT count(*) FROM messages a JOIN messages b ON b.id = a.id + 1 AND b.year = a.year WHERE b.sequence <> a.sequence + 1"
            ) == 0)

        // Deadlines are the domain's, in the region's zone.
        try connection.query(
            "SELECT registered_at, region, answer_kind, answer_due_date, answer_due_at FROM messages LIMIT 200"
        ) { row in
            let zone = ReportFixtures.directory.timeZone(ofRegion: row.text(at: 1))!
            let deadline = Deadline(
                kind: DeadlineKind(rawValue: row.text(at: 2))!, from: Instant.date(row.int64(at: 0)), in: zone,
                terms: DeadlineDays())
            #expect(deadline.dueDate.description == row.text(at: 3))
            #expect(Instant.milliseconds(deadline.dueAt) == row.int64(at: 4))
        }

        let again = try TemporaryDirectory()
        try ReportFixtures.openStore(again).close()
        let repeated = try Synth.fill(
            path: again.path("db.sqlite"), directory: ReportFixtures.directory,
            options: Synth.Options(messages: 3000, seed: 42, now: now, batchSize: 1000))
        #expect(repeated == summary)
    }
}
