import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// `GET /api/v1/queue`: order, filters, pagination and refusals.
@Suite struct WorkstationQueueTests {
    /// 07:30 in Moscow on 2026-11-29.
    static let now = "2026-11-29T04:30:00Z"

    /// The six messages of `withQueue`, by role in the tests.
    struct Numbers {
        /// FIRE_WATER_SUPPLY in 77: 30 days, due 2026-12-29.
        var thirtyDays: String
        /// GRASS_BURNING in 77: expedited, due 2026-12-09.
        var expedited: String
        /// FIRE_SAFETY_REGULATION from 50: DNDPR, due 2026-12-29.
        var central: String
        /// GRASS_BURNING in 50: GU-50, due 2026-12-09.
        var expeditedRegion50: String
        /// FIRE_WATER_SUPPLY in 77 registered on 2026-10-01: overdue since 2026-10-31.
        var backdated: String
        /// SNOW_ICE_REMOVAL in 77: AD, forward due 2026-12-06.
        var external: String

        /// Most urgent first.
        var ordered: [String] { [backdated, external, expedited, expeditedRegion50, thirtyDays, central] }
    }

    func withQueue(_ body: (TestServer, Officers, Numbers) throws -> Void) throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            // The 30-day message is registered before the expedited one, the same day.
            let thirtyDays = try server.register(
                Fixtures.message(topic: "FIRE_WATER_SUPPLY", text: "Пожарный гидрант у школы не работает.")
            ).number
            let expedited = try server.register(Fixtures.message(text: "Горит сухая трава у дома 5.")).number
            let central = try server.register(
                Fixtures.message(topic: "FIRE_SAFETY_REGULATION", region: "50", text: "Вопрос о нормах СП.")
            ).number
            let expeditedRegion50 = try server.register(
                Fixtures.message(region: "50", text: "Трава горит у реки, дым.")
            ).number
            let backdated = try server.register(
                Fixtures.message(topic: "FIRE_WATER_SUPPLY", text: "Старое обращение о водоёме.")
                    .setting("registered_at", to: "2026-10-01T09:00:00Z"),
                token: officers.integration
            ).number
            let external = try server.register(
                Fixtures.message(topic: "SNOW_ICE_REMOVAL", text: "Сосульки над входом в подъезд.")
            ).number
            try body(
                server, officers,
                Numbers(
                    thirtyDays: thirtyDays, expedited: expedited, central: central,
                    expeditedRegion50: expeditedRegion50, backdated: backdated, external: external))
        }
    }

    static func queue(_ server: TestServer, _ query: String = "", token: String) throws -> HTTPReply {
        try server.officer("GET", "/api/v1/queue" + (query.isEmpty ? "" : "?" + query), token: token)
    }

    static func numbers(_ reply: HTTPReply) -> [String] {
        reply.json["items"]?.arrayValue?.compactMap { $0["number"]?.stringValue } ?? []
    }

    @Test func mostUrgentComeFirstWithTheirRisk() throws {
        try withQueue { server, officers, numbers throws in
            let reply = try Self.queue(server, token: officers.registrar)
            #expect(reply.status == 200, "\(reply)")
            #expect(Self.numbers(reply) == numbers.ordered)
            #expect(reply.json["next_cursor"] == .null)
            let items = reply.json["items"]?.arrayValue ?? []
            #expect(items.map { $0["risk"]?.stringValue ?? "" } == ["overdue"] + Array(repeating: "on_track", count: 5))
            let external = try #require(items.first { $0["number"] == .string(numbers.external) })
            #expect(external["unit"] == "AD")
            #expect(external["status"] == "assigned")
            #expect(external["topic"] == "SNOW_ICE_REMOVAL")
            #expect(external["region"] == "77")
            #expect(external["registered_at"] == .string(Self.now))
            #expect(external["answer_due_at"] == "2026-12-29T21:00:00Z")
            #expect(external["forward_due_at"] == "2026-12-06T21:00:00Z")
            // No personal data in the queue.
            #expect(!reply.text.contains("Иванов"))
            #expect(!reply.text.contains("ivanov@"))
        }
    }

    @Test func filtersNarrowTheQueue() throws {
        try withQueue { server, officers, numbers throws in
            let accepted = try server.act(numbers.expedited, token: officers.executor, "accept")
            #expect(accepted.status == 200)
            let token = officers.registrar
            let cases: [(String, [String])] = [
                ("unit=GU-77", [numbers.backdated, numbers.expedited, numbers.thirtyDays]),
                ("unit=AD", [numbers.external]),
                ("status=in_progress", [numbers.expedited]),
                ("status=assigned&unit=GU-77", [numbers.backdated, numbers.thirtyDays]),
                ("topic=GRASS_BURNING", [numbers.expedited, numbers.expeditedRegion50]),
                ("region=50", [numbers.expeditedRegion50, numbers.central]),
                ("topic=FIRE_WATER_SUPPLY&region=77", [numbers.backdated, numbers.thirtyDays]),
                ("risk=overdue", [numbers.backdated]),
                ("risk=at_risk", []),
                ("risk=on_track", Array(numbers.ordered.dropFirst())),
                ("q=%D0%B3%D0%B8%D0%B4%D1%80%D0%B0%D0%BD%D1%82", [numbers.thirtyDays]),  // гидрант
                ("q=%D0%B3%D0%BE%D1%80%D0%B8%D1%82", [numbers.expedited, numbers.expeditedRegion50]),  // горит
                ("q=\(numbers.central)", [numbers.central]),
                ("q=2026-999999", []),
                ("q=%22%20OR%20*", []),
            ]
            for (query, expected) in cases {
                let reply = try Self.queue(server, query, token: token)
                #expect(reply.status == 200, "\(query): \(reply)")
                #expect(Self.numbers(reply) == expected, "\(query)")
            }
        }
    }

    @Test func cursorsWalkTheWholeQueueOnceInOrder() throws {
        try withQueue { server, officers, numbers throws in
            var seen: [String] = []
            var query = "limit=2"
            var pages = 0
            while true {
                let reply = try Self.queue(server, query, token: officers.analyst)
                #expect(reply.status == 200, "\(reply)")
                let page = Self.numbers(reply)
                #expect(page.count <= 2)
                seen += page
                pages += 1
                guard let cursor = reply.json["next_cursor"]?.stringValue, pages < 10 else { break }
                query = "limit=2&cursor=\(cursor)"
            }
            #expect(seen == numbers.ordered)
            #expect(pages == 3)

            // Filters hold across pages.
            let first = try Self.queue(server, "unit=GU-77&limit=1", token: officers.registrar)
            let cursor = try #require(first.json["next_cursor"]?.stringValue)
            let second = try Self.queue(server, "unit=GU-77&limit=5&cursor=\(cursor)", token: officers.registrar)
            #expect(
                Self.numbers(first) + Self.numbers(second) == [
                    numbers.backdated, numbers.expedited, numbers.thirtyDays,
                ])
            #expect(second.json["next_cursor"] == .null)
        }
    }

    @Test func badParametersAreListedAndATokenIsRequired() throws {
        try withQueue { server, officers, _ throws in
            let reply = try Self.queue(
                server, "unit=GU-00&status=closed&risk=soon&topic=NOPE&region=00&limit=0&cursor=%21%21",
                token: officers.registrar)
            #expect(reply.status == 422, "\(reply)")
            #expect(Set(reply.errorFields) == ["unit", "status", "risk", "topic", "region", "limit", "cursor"])
            for query in [
                "limit=-3", "limit=ten", "limit=1.5", "limit=000", "limit=-99999999999999999999999", "status=answered",
                "status=registered%27",
            ] {
                let field = String(query.prefix { $0 != "=" })
                #expect(try Self.queue(server, query, token: officers.registrar).errorFields == [field], "\(query)")
            }
            #expect(try Self.queue(server, token: "").status == 401)
            #expect(try server.get("/api/v1/queue").status == 401)
        }
    }

    @Test func limitIsClampedToFiveHundred() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let directory = server.server.services.directory
            let registeredAt = instant(Self.now)
            _ = try server.server.store.writeSync { connection in
                let timeZone = directory.timeZone(ofRegion: "77")!
                for index in 0..<502 {
                    _ = try MessageRepository.register(
                        NewMessage(
                            topic: "FIRE_WATER_SUPPLY", region: "77", channel: .portal, text: "Сообщение \(index)",
                            applicant: .init(kind: .citizen, name: "Петров Пётр", email: "petrov@example.ru"),
                            registeredAt: registeredAt, registeredDate: LocalDate.of(registeredAt, in: timeZone),
                            unit: "GU-77", expedited: false, status: .assigned,
                            answerDeadline: Deadline(
                                kind: .answer(expedited: false), from: registeredAt, in: timeZone,
                                terms: directory.deadlineDays),
                            accessTokenHash: "hash-\(index)"),
                        connection)
                }
            }
            let defaultPage = try Self.queue(server, token: officers.registrar)
            #expect(Self.numbers(defaultPage).count == 50)
            let clamped = try Self.queue(server, "limit=100000", token: officers.registrar)
            #expect(clamped.status == 200, "\(clamped)")
            #expect(Self.numbers(clamped).count == 500)
            // However large.
            let huge = try Self.queue(server, "limit=99999999999999999999999", token: officers.registrar)
            #expect(huge.status == 200, "\(huge)")
            #expect(Self.numbers(huge) == Self.numbers(clamped))
            let cursor = try #require(clamped.json["next_cursor"]?.stringValue)
            let rest = try Self.queue(server, "limit=500&cursor=\(cursor)", token: officers.registrar)
            #expect(Self.numbers(rest).count == 2)
            #expect(rest.json["next_cursor"] == .null)
            #expect(Set(Self.numbers(clamped) + Self.numbers(rest)).count == 502)
        }
    }
}
