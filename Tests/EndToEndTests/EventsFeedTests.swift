import Foundation
import OknoApp
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// `GET /api/v1/events`: the EDMS's ordered, gap-free change feed, with the scheduler's notices.
@Suite("Events feed")
struct EventsFeedTests {
    static let now = "2026-12-20T10:00:00Z"

    /// `GET /api/v1/events` with a query and a bearer token.
    private func feed(_ server: TestServer, _ query: String = "", token: String?) throws -> HTTPReply {
        try server.get(
            "/api/v1/events" + (query.isEmpty ? "" : "?" + query),
            headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    private func seqs(_ reply: HTTPReply) -> [Int64] {
        reply.json["items"]?.arrayValue?.compactMap { $0["seq"]?.int64Value } ?? []
    }

    /// Appends `count` events straight to the store, quicker than registering messages.
    private func appendEvents(_ count: Int, _ server: TestServer) throws {
        let at = instant(Self.now)
        try server.server.store.writeSync { connection in
            for index in 0..<count {
                try EventRepository.append(
                    type: "test.filler", messageID: nil, number: nil, at: at, actor: nil,
                    data: ["index": .integer(Int64(index))], connection)
            }
        }
    }

    @Test("registrations appear in order with seq, type, number, at and data; next_after is the last seq")
    func orderedFeed() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let token = try server.token(role: .integration)
            var numbers: [String] = []
            for _ in 0..<3 {
                let reply = try server.submit(Fixtures.message())
                #expect(reply.status == 201, "\(reply)")
                numbers.append(reply.json["number"]?.stringValue ?? "")
            }
            let reply = try feed(server, token: token)
            #expect(reply.status == 200, "\(reply)")
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            let items = reply.json["items"]?.arrayValue ?? []
            #expect(seqs(reply) == [1, 2, 3, 4, 5, 6])
            #expect(
                items.compactMap { $0["type"]?.stringValue }
                    == Array(repeating: ["message.registered", "message.assigned"], count: 3).flatMap { $0 })
            #expect(items.compactMap { $0["number"]?.stringValue } == numbers.flatMap { [$0, $0] })
            #expect(items.allSatisfy { $0["at"]?.stringValue == Self.now })
            #expect(items.first?["data"]?["status"]?.stringValue == "registered")
            #expect(items.first?["data"]?["topic"]?.stringValue == "GRASS_BURNING")
            #expect(!reply.text.contains("Иванов") && !reply.text.contains("ivanov@example.ru"))
            #expect(reply.json["next_after"]?.int64Value == 6)
        }
    }

    @Test("paging with after and limit visits every event once, in order, without gaps")
    func paging() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let token = try server.token(role: .registrar)
            try appendEvents(11, server)
            var after: Int64 = 0
            var seen: [Int64] = []
            var pages = 0
            while true {
                let reply = try feed(server, "after=\(after)&limit=4", token: token)
                #expect(reply.status == 200, "\(reply)")
                let page = seqs(reply)
                let next = try #require(reply.json["next_after"]?.int64Value)
                pages += 1
                if page.isEmpty {
                    #expect(next == after)
                    break
                }
                #expect(page.count <= 4)
                #expect(next == page.last)
                seen += page
                after = next
            }
            #expect(seen == Array(1...11))
            #expect(pages == 4)
            #expect(seqs(try feed(server, "after=9", token: token)) == [10, 11])
            #expect(try feed(server, "after=1000", token: token).json["next_after"]?.int64Value == 1000)
        }
    }

    @Test(
        "limit defaults to 50 and is clamped to 500",
        arguments: [("", 50), ("limit=1", 1), ("limit=500", 500), ("limit=501", 500), ("limit=100000", 500)])
    func limits(query: String, expected: Int) throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let token = try server.token(role: .integration)
            try appendEvents(600, server)
            let reply = try feed(server, query, token: token)
            #expect(reply.status == 200, "\(reply)")
            #expect(seqs(reply) == Array(1...Int64(expected)))
            #expect(reply.json["next_after"]?.int64Value == Int64(expected))
        }
    }

    @Test(
        "bad parameters are a 422 listing every bad field",
        arguments: [
            ("after=-1", ["after"]), ("after=x", ["after"]), ("limit=0", ["limit"]), ("limit=-5", ["limit"]),
            ("limit=ten", ["limit"]), ("after=1.5&limit=2.5", ["after", "limit"]),
            ("after=&limit=", ["after", "limit"]),
        ])
    func badParameters(query: String, fields: [String]) throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let token = try server.token(role: .integration)
            let reply = try feed(server, query, token: token)
            #expect(reply.status == 422, "\(reply)")
            #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect(reply.errorFields == fields)
        }
    }

    @Test("only integration and registrar tokens may read the feed")
    func refusals() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            #expect(try feed(server, token: nil).status == 401)
            #expect(try feed(server, token: "not-a-token").status == 401)
            #expect(try feed(server, "after=x", token: nil).status == 401)
            let executor = try server.token(role: .executor, unit: "GU-77")
            #expect(try feed(server, token: executor).status == 403)
            #expect(try feed(server, token: try server.token(role: .approver, unit: "GU-77")).status == 403)
            #expect(try feed(server, token: try server.token(role: .analyst)).status == 403)
            #expect(try feed(server, token: try server.token(role: .admin)).status == 403)
            #expect(try feed(server, token: try server.token(role: .registrar)).status == 200)
            #expect(try feed(server, token: try server.token(role: .integration)).status == 200)
            #expect(try server.request("POST", "/api/v1/events").status == 405)
        }
    }

    @Test("a message registered elsewhere long ago gets at_risk then overdue in the feed once, however often ticked")
    func schedulerNoticesInTheFeed() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let token = try server.token(role: .integration)
            // A 30-day topic in Moscow registered on 2 November: due 2 December, at risk from 27 November.
            let body = Fixtures.message(topic: "FIRE_WATER_SUPPLY").setting("registered_at", to: "2026-11-02T09:00:00Z")
            let registered = try server.submit(body, headers: [("Authorization", "Bearer \(token)")])
            #expect(registered.status == 201, "\(registered)")
            let number = try #require(registered.json["number"]?.stringValue)

            try server.server.tick(now: instant(Self.now))
            try server.server.tick(now: instant(Self.now))
            try server.server.tick(now: instant("2026-12-30T00:00:00Z"))

            let items = try feed(server, token: token).json["items"]?.arrayValue ?? []
            let notices = items.filter { $0["type"]?.stringValue?.hasPrefix("deadline.") == true }
            #expect(notices.compactMap { $0["type"]?.stringValue } == ["deadline.at_risk", "deadline.overdue"])
            #expect(notices.allSatisfy { $0["number"]?.stringValue == number })
            #expect(notices.compactMap { $0["at"]?.stringValue } == ["2026-11-26T21:00:00Z", "2026-12-02T21:00:00Z"])
            #expect(notices.first?["data"]?["deadline"]?.stringValue == "answer")
            #expect(notices.first?["data"]?["due_date"]?.stringValue == "2026-12-02")
            #expect(notices.first?["data"]?["due_at"]?.stringValue == "2026-12-02T21:00:00Z")
            #expect(notices.first?["data"]?["noticed_at"]?.stringValue == Self.now)
            let seqs = items.compactMap { $0["seq"]?.int64Value }
            #expect(seqs == Array(1...Int64(seqs.count)))
        }
    }

    @Test(
        "a new message is first looked at when a risk first changes, as the scheduler would set it",
        arguments: [
            ("FIRE_WATER_SUPPLY", nil, AtRiskDays(), 0),  // 30 days
            ("GRASS_BURNING", nil, AtRiskDays(), 0),  // expedited, 10 days
            ("ROADS", nil, AtRiskDays(), 0),  // out of competence: the 7-day forward deadline comes first
            ("FIRE_WATER_SUPPLY", nil, AtRiskDays(thirtyDay: 12, short: 4), 0),
            ("ROADS", nil, AtRiskDays(thirtyDay: 12, short: 4), 0),
            // Registered elsewhere: at risk on arrival (due 2 December), then overdue (due 1 November).
            ("FIRE_WATER_SUPPLY", "2026-11-02T09:00:00Z", AtRiskDays(), 1),
            ("FIRE_WATER_SUPPLY", "2026-10-02T09:00:00Z", AtRiskDays(), 2),
        ] as [(String, String?, AtRiskDays, Int)])
    func firstLookAtIntake(topic: String, registeredAt: String?, atRiskDays: AtRiskDays, notices: Int) throws {
        let clock = TestClock("2026-11-29T09:00:00Z")
        try withServer(configure: { $0.api.atRiskDays = atRiskDays }, now: clock.now) { server in
            var body = Fixtures.message(topic: topic)
            var token: String?
            if let registeredAt {
                body = body.setting("registered_at", to: .string(registeredAt))
                token = try server.token(role: .integration)
            }
            let (number, _) = try server.register(body, token: token)
            let id = try #require(
                try server.server.store.read { try MessageRepository.find(number: number, $0)?.id })
            func nextLook() throws -> Date? {
                try server.server.store.read { try DeadlineWatchRepository.nextLook(messageID: id, $0) }
            }
            let atIntake = try #require(try nextLook())

            // The scheduler's own first look at that message, as before intake set it: a look at once.
            let registered = instant(registeredAt ?? "2026-11-29T09:00:00Z")
            try DeadlineScheduler().enrolNewMessages(store: server.server.store)
            try server.server.store.writeSync {
                try $0.run(
                    "UPDATE deadline_watch SET next_change_at = ? WHERE message_id = ?",
                    [.integer(Int64(registered.timeIntervalSince1970 * 1000)), .integer(id)])
            }
            let report = try #require(try server.server.tick(now: clock.now()))
            #expect(report.messages == 1)
            #expect(report.notices == notices)
            switch notices {
            case 0:
                #expect(atIntake > clock.now())
                #expect(try nextLook() == atIntake)
                // Left alone by the scheduler until then.
                #expect(try server.server.tick(now: atIntake.addingTimeInterval(-1))?.messages == 0)
            default:
                // A risk reached on arrival: looked at once, so the next pass announces it.
                #expect(atIntake == registered)
                if notices == 2 { #expect(try nextLook() == nil) }  // overdue: nothing left to watch
            }
        }
    }

    @Test("the server puts new messages under the scheduler's watch in the background, at their first look")
    func backgroundEnrolment() throws {
        let clock = TestClock("2026-11-29T09:00:00Z")
        try withServer(now: clock.now) { server in
            var ids: [Int64] = []
            for _ in 1...3 {
                let (number, _) = try server.register(Fixtures.message(topic: "FIRE_WATER_SUPPLY"))
                ids.append(
                    try #require(try server.server.store.read { try MessageRepository.find(number: number, $0)?.id }))
            }
            func watched() throws -> [Int64: Int64] {
                var rows: [Int64: Int64] = [:]
                try server.server.store.read { connection in
                    try connection.query("SELECT message_id, next_change_at FROM deadline_watch") {
                        rows[$0.int64(at: 0)] = $0.int64(at: 1)
                    }
                }
                return rows
            }
            let deadline = Date().addingTimeInterval(10)
            while try watched().count < ids.count, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            // Due 29 December, Moscow: at risk (N = 5) from 24 December 00:00 Moscow.
            let atRisk = Int64(instant("2026-12-23T21:00:00Z").timeIntervalSince1970 * 1000)
            #expect(try watched() == Dictionary(uniqueKeysWithValues: ids.map { ($0, atRisk) }))
        }
    }

    @Test("a transition puts an open message back under the scheduler's watch; a finished one leaves it")
    func transitionsMoveTheWatch() throws {
        let clock = TestClock("2026-11-29T09:00:00Z")
        try withServer(now: clock.now) { server in
            let officers = try Officers(server)
            let (number, _) = try server.register(Fixtures.message(topic: "FIRE_WATER_SUPPLY"))
            let id = try #require(
                try server.server.store.read { try MessageRepository.find(number: number, $0)?.id })
            func nextLook() throws -> Date? {
                try server.server.store.read { try DeadlineWatchRepository.nextLook(messageID: id, $0) }
            }
            try server.server.tick(now: instant("2026-11-29T09:00:00Z"))
            // Due 29 December, Moscow: at risk (N = 5) from 24 December 00:00 Moscow.
            #expect(try nextLook() == instant("2026-12-23T21:00:00Z"))

            clock.set("2026-11-30T06:00:00Z")
            #expect(try server.act(number, token: officers.executor, "accept").status == 200)
            #expect(try nextLook() == instant("2026-11-30T06:00:00Z"))

            clock.set("2026-11-30T07:00:00Z")
            let closed = try server.act(
                number, token: officers.approver, "close_no_answer", [("reason", "duplicate")])
            #expect(closed.status == 200, "\(closed)")
            #expect(try nextLook() == nil)
            #expect(try server.server.tick(now: instant("2026-12-30T00:00:00Z"))?.messages == 0)
        }
    }

    @Test("the scheduler stops with the server: a tick after stop does nothing")
    func tickAfterStop() throws {
        let server = try TestServer(now: fixedClock(Self.now))
        server.stop()
        #expect(try server.server.tick(now: instant(Self.now)) == nil)
    }
}
