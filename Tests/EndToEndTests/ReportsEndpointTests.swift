import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// `/api/v1/reports/*` and `/api/v1/stats/public` over a real socket, with messages registered
/// through the API (backdated by a registrar) and their outcomes set by SQL.
@Suite("Reports over HTTP")
struct ReportsEndpointTests {
    static let now = "2026-11-29T09:00:00Z"

    /// Registers a message with `registered_at` as a registrar; returns its number.
    func register(_ server: TestServer, _ token: String, region: String, topic: String, at: String) throws -> String {
        let reply = try server.submit(
            Fixtures.message(topic: topic, region: region).setting("registered_at", to: .string(at)),
            headers: [("Authorization", "Bearer \(token)")])
        guard reply.status == 201, let number = reply.json["number"]?.stringValue else {
            Issue.record("registration failed: \(reply)")
            throw ClientError("registration failed")
        }
        return number
    }

    func sql(_ server: TestServer, _ statement: String, _ values: [SQLValue]) throws {
        try server.server.store.writeSync { try $0.run(statement, values) }
    }

    func milliseconds(_ text: String) -> SQLValue { .integer(Int64(instant(text).timeIntervalSince1970 * 1000)) }

    func get(_ server: TestServer, _ path: String, _ token: String?) throws -> HTTPReply {
        try server.get(path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    @Test("registrars and analysts read reports; no token is 401, an executor 403")
    func refusals() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let executor = try server.token(role: .executor, unit: "GU-77")
            let analyst = try server.token(role: .analyst)
            let admin = try server.token(role: .admin)
            for kind in ["overdue", "kpi", "daily"] {
                #expect(try get(server, "/api/v1/reports/\(kind)", nil).status == 401)
                #expect(try get(server, "/api/v1/reports/\(kind)", "not-a-token").status == 401)
                #expect(try get(server, "/api/v1/reports/\(kind)", executor).status == 403)
                #expect(try get(server, "/api/v1/reports/\(kind)", admin).status == 403)
                #expect(try get(server, "/api/v1/reports/\(kind)", analyst).status == 200)
            }
        }
    }

    @Test("bad parameters are one 422 listing every bad field")
    func invalidParameters() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let analyst = try server.token(role: .analyst)
            let overdue = try get(
                server, "/api/v1/reports/overdue?as_of=yesterday&unit=NOPE&include_at_risk=yes&format=xml", analyst)
            #expect(overdue.status == 422)
            #expect(overdue.header("content-type") == "application/problem+json")
            #expect(
                Set(overdue.errorCodes) == [
                    "as_of:invalid", "unit:unknown", "include_at_risk:invalid", "format:invalid",
                ])
            let kpi = try get(server, "/api/v1/reports/kpi?from=2026-02-30&to=2026-13-01&group_by=agency", analyst)
            #expect(Set(kpi.errorCodes) == ["from:invalid", "to:invalid", "group_by:invalid"])
            let reversed = try get(server, "/api/v1/reports/kpi?from=2026-11-30&to=2026-11-01", analyst)
            #expect(reversed.errorCodes == ["to:before_from"])
            let daily = try get(server, "/api/v1/reports/daily?date=29.11.2026", analyst)
            #expect(daily.errorCodes == ["date:invalid"])
            let stats = try get(server, "/api/v1/stats/public?from=2025-01-01&to=2026-11-29", nil)
            #expect(stats.errorCodes == ["to:range_too_long"])
        }
    }

    @Test("overdue report as JSON and as RFC 4180 CSV, with days overdue per region's dates")
    func overdue() throws {
        try withServer(now: fixedClock("2026-11-29T12:30:00Z")) { server in
            let registrar = try server.token(role: .registrar, name: "registrar")
            // Local noon on 18 Nov in both: due 28 Nov. At 12:30Z it is 30 Nov in Kamchatka, 29 Nov in Kaliningrad.
            let kamchatka = try register(
                server, registrar, region: "41", topic: "GRASS_BURNING", at: "2026-11-18T00:00:00Z")
            let kaliningrad = try register(
                server, registrar, region: "39", topic: "GRASS_BURNING", at: "2026-11-18T10:00:00Z")
            // Due 2 Dec in Moscow: 3 days left, beyond the expedited N = 2, so on track.
            _ = try register(server, registrar, region: "77", topic: "GRASS_BURNING", at: "2026-11-22T10:00:00Z")
            // Due 30 Nov (30 days from 31 Oct): 1 day left, at risk.
            let atRisk = try register(
                server, registrar, region: "77", topic: "FIRE_WATER_SUPPLY", at: "2026-10-31T10:00:00Z")
            try sql(
                server, "UPDATE messages SET status = 'in_progress', assignee = ? WHERE number = ?",
                [.text("Сидоров \"С. С.\", смена 2"), .text(kaliningrad)])

            let json = try get(server, "/api/v1/reports/overdue", registrar)
            #expect(json.status == 200)
            #expect(json.header("content-type") == "application/json")
            #expect(json.json["as_of"]?.stringValue == "2026-11-29T12:30:00Z")
            let items = json.json["items"]?.arrayValue ?? []
            #expect(items.compactMap { $0["number"]?.stringValue } == [kamchatka, kaliningrad])
            #expect(items.compactMap { $0["days_overdue"]?.numberValue?.int64 } == [2, 1])
            #expect(items.compactMap { $0["unit"]?.stringValue } == ["GU-41", "GU-39"])
            #expect(items.compactMap { $0["deadline"]?.stringValue } == ["answer", "answer"])
            #expect(items.compactMap { $0["due_at"]?.stringValue } == ["2026-11-28T12:00:00Z", "2026-11-28T22:00:00Z"])
            #expect(items.first?["assignee"]?.isNull == true)
            // No personal data in a report.
            #expect(!json.text.contains("Иванов"))

            let withRisk = try get(server, "/api/v1/reports/overdue?include_at_risk=true&unit=GU-77", registrar)
            let riskItems = withRisk.json["items"]?.arrayValue ?? []
            #expect(riskItems.compactMap { $0["number"]?.stringValue } == [atRisk])
            #expect(riskItems.first?["days_overdue"]?.numberValue?.int64 == -1)

            let csv = try get(server, "/api/v1/reports/overdue?format=csv", registrar)
            #expect(csv.status == 200)
            #expect(csv.header("content-type") == "text/csv; charset=utf-8")
            #expect(
                csv.text
                    == "number,unit,topic,region,status,deadline,due_at,days_overdue,assignee,risk\r\n"
                    + "\(kamchatka),GU-41,GRASS_BURNING,41,assigned,answer,2026-11-28T12:00:00Z,2,,overdue\r\n"
                    + "\(kaliningrad),GU-39,GRASS_BURNING,39,in_progress,answer,2026-11-28T22:00:00Z,1,"
                    + "\"Сидоров \"\"С. С.\"\", смена 2\",overdue\r\n")

            // as_of moves the clock back: on 27 Nov, 12:00Z nothing was overdue yet.
            let earlier = try get(server, "/api/v1/reports/overdue?as_of=2026-11-27T12:00:00Z", registrar)
            #expect(earlier.json["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test("KPI per unit and daily report figures, CSV and JSON alike")
    func kpiAndDaily() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let registrar = try server.token(role: .registrar)
            let analyst = try server.token(role: .analyst)
            let open = try register(server, registrar, region: "77", topic: "GRASS_BURNING", at: "2026-11-10T10:00:00Z")
            let onTime = try register(
                server, registrar, region: "77", topic: "GRASS_BURNING", at: "2026-11-05T10:00:00Z")
            let late = try register(server, registrar, region: "77", topic: "GRASS_BURNING", at: "2026-11-02T10:00:00Z")
            let roads = try register(server, registrar, region: "77", topic: "ROADS", at: "2026-11-03T10:00:00Z")
            _ = open
            for (number, done) in [(onTime, "2026-11-14T10:00:00Z"), (late, "2026-11-20T10:00:00Z")] {
                try sql(
                    server,
                    "UPDATE messages SET status = 'answered', answer_done_at = ?1, answer_text = 'Ответ', answer_sent_at = ?1 WHERE number = ?2",
                    [milliseconds(done), .text(number)])
            }
            try sql(
                server,
                "UPDATE messages SET status = 'forwarded', forwarded_to = suggested_agency, forward_done_at = ? WHERE number = ?",
                [milliseconds("2026-11-05T10:00:00Z"), .text(roads)])
            try sql(
                server,
                "INSERT INTO ratings (message_id, score, rated_at, flagged) SELECT id, 4, answer_done_at, 0 FROM messages WHERE number = ?",
                [.text(onTime)])

            let kpi = try get(server, "/api/v1/reports/kpi?from=2026-11-01&to=2026-11-30&group_by=unit", analyst)
            #expect(kpi.status == 200)
            #expect(kpi.json["group_by"]?.stringValue == "unit")
            let rows = kpi.json["items"]?.arrayValue ?? []
            #expect(rows.compactMap { $0["group"]?.stringValue } == ["AD", "GU-77"])
            let gu77 = rows.last
            #expect(gu77?["received"]?.numberValue?.int64 == 3)
            #expect(gu77?["answered"]?.numberValue?.int64 == 2)
            #expect(gu77?["answered_on_time"]?.numberValue?.int64 == 1)
            #expect(gu77?["timeliness_pct"]?.numberValue?.double == 50)
            #expect(gu77?["ratings"]?.numberValue?.int64 == 1)
            #expect(gu77?["avg_score"]?.numberValue?.double == 4)
            #expect(gu77?["satisfied_pct"]?.numberValue?.double == 100)
            let ad = rows.first
            #expect(ad?["forwarded"]?.numberValue?.int64 == 1)
            #expect(ad?["forwarded_on_time"]?.numberValue?.int64 == 1)
            #expect(ad?["avg_score"]?.isNull == true)
            #expect(kpi.json["total"]?["received"]?.numberValue?.int64 == 4)

            let kpiCSV = try get(server, "/api/v1/reports/kpi?from=2026-11-01&to=2026-11-30&format=csv", analyst)
            let lines = kpiCSV.text.components(separatedBy: "\r\n")
            #expect(
                lines == [
                    Reports.KPIReport.columns.joined(separator: ","), "AD,Административный департамент,1,0,0,,1,1,0,,",
                    "GU-77,Главное управление МЧС России (г. Москва),3,2,1,50,0,0,1,4,100", "",
                ])

            // 20 Nov in Moscow: the late one was answered that day; the open one (due 20 Nov) was at risk.
            let daily = try get(server, "/api/v1/reports/daily?date=2026-11-20", analyst)
            #expect(daily.status == 200)
            let units = daily.json["items"]?.arrayValue ?? []
            #expect(units.compactMap { $0["unit"]?.stringValue } == ["GU-77"])
            let day = units.first
            #expect(day?["new"]?.numberValue?.int64 == 0)
            #expect(day?["in_work"]?.numberValue?.int64 == 1)
            #expect(day?["at_risk"]?.numberValue?.int64 == 1)
            #expect(day?["overdue"]?.numberValue?.int64 == 0)
            #expect(day?["answered"]?.numberValue?.int64 == 1)
        }
    }

    @Test("public statistics need no token, count by topic and region, and hold no personal data")
    func publicStats() throws {
        try withServer(now: fixedClock(Self.now)) { server in
            let registrar = try server.token(role: .registrar)
            _ = try register(server, registrar, region: "77", topic: "GRASS_BURNING", at: "2026-11-10T10:00:00Z")
            _ = try register(server, registrar, region: "41", topic: "GRASS_BURNING", at: "2026-11-11T10:00:00Z")
            _ = try register(server, registrar, region: "77", topic: "ROADS", at: "2026-11-12T10:00:00Z")
            _ = try register(server, registrar, region: "77", topic: "ROADS", at: "2026-10-01T10:00:00Z")
            let reply = try get(server, "/api/v1/stats/public?from=2026-11-01&to=2026-11-30", nil)
            #expect(reply.status == 200)
            #expect(reply.json["total"]?.numberValue?.int64 == 3)
            let topics = reply.json["by_topic"]?.arrayValue ?? []
            #expect(topics.compactMap { $0["topic"]?.stringValue } == ["GRASS_BURNING", "ROADS"])
            #expect(topics.compactMap { $0["count"]?.numberValue?.int64 } == [2, 1])
            let regions = reply.json["by_region"]?.arrayValue ?? []
            #expect(regions.compactMap { $0["region"]?.stringValue } == ["41", "77"])  // directory order
            #expect(regions.compactMap { $0["count"]?.numberValue?.int64 } == [1, 2])
            #expect(!reply.text.contains("Иванов"))
            #expect(!reply.text.contains("@"))
            // Defaults: the 30 days ending today in Moscow.
            let defaults = try get(server, "/api/v1/stats/public", nil)
            #expect(defaults.json["from"]?.stringValue == "2026-10-31")
            #expect(defaults.json["to"]?.stringValue == "2026-11-29")
        }
    }
}
