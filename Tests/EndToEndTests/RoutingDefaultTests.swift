import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Issue 4: where messages go when no rule says otherwise, through intake and through explain.
@Suite struct RoutingDefaultTests {
    /// 07:30 in Moscow on 2026-11-29.
    static let now = "2026-11-29T04:30:00Z"

    struct Case: Sendable, CustomStringConvertible {
        let topic: String
        let region: String
        let channel: String
        let unit: String
        let suggestedAgency: String?
        let target: JSONValue
        let forwardDueDate: String?
        var description: String { "\(topic)/\(region)/\(channel)" }
    }

    static let cases = [
        Case(
            topic: "GRASS_BURNING", region: "50", channel: "portal", unit: "GU-50", suggestedAgency: nil,
            target: ["unit": "GU-50"], forwardDueDate: nil),
        Case(
            topic: "WATER_SAFETY", region: "25", channel: "mobile", unit: "GU-25", suggestedAgency: nil,
            target: ["unit": "GU-25"], forwardDueDate: nil),
        Case(
            topic: "FIRE_SAFETY_REGULATION", region: "77", channel: "portal", unit: "DNDPR", suggestedAgency: nil,
            target: ["unit": "DNDPR"], forwardDueDate: nil),
        Case(
            topic: "PENSIONS_PAYMENTS", region: "39", channel: "edms", unit: "FED", suggestedAgency: nil,
            target: ["unit": "FED"], forwardDueDate: nil),
        Case(
            topic: "SNOW_ICE_REMOVAL", region: "77", channel: "portal", unit: "AD", suggestedAgency: "LOCAL_GOV",
            target: ["agency": "LOCAL_GOV"], forwardDueDate: "2026-12-06"),
        Case(
            topic: "MEDICAL_CARE", region: "50", channel: "open311", unit: "AD", suggestedAgency: "MINZDRAV_REGION",
            target: ["agency": "MINZDRAV_REGION"], forwardDueDate: "2026-12-06"),
        Case(
            topic: "GRASS_BURNING", region: "77", channel: "social", unit: "DIP", suggestedAgency: nil,
            target: ["unit": "DIP"], forwardDueDate: nil),
        Case(
            topic: "ROADS", region: "25", channel: "social", unit: "DIP", suggestedAgency: nil,
            target: ["unit": "DIP"], forwardDueDate: nil),
    ]

    static func body(topic: String, region: String, channel: String) -> JSONValue {
        Fixtures.message(topic: topic, region: region)
            .setting("channel", to: .string(channel))
            .setting("source_url", to: channel == "social" ? "https://vk.com/wall-1_2" : nil)
    }

    @Test(arguments: cases)
    func eachCompetenceHasItsDefaultRoute(_ expected: Case) throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let reply = try server.submit(
                Self.body(topic: expected.topic, region: expected.region, channel: expected.channel))
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.json["status"] == "assigned")
            #expect(reply.json["unit"] == .string(expected.unit))
            // Regions 77 and 50 are in Moscow time: 24:00 local is 21:00 UTC.
            #expect(
                reply.json["forward_due_at"] == (expected.forwardDueDate.map { .string("\($0)T21:00:00Z") } ?? .null))
            let number = try #require(reply.json["number"]?.stringValue)
            let view = try server.show(number, token: officers.registrar).json
            #expect(view["suggested_agency"] == (expected.suggestedAgency.map(JSONValue.string) ?? .null))
            #expect(view["forward_due_date"] == (expected.forwardDueDate.map(JSONValue.string) ?? .null))
            #expect(view["route_rule_id"] == .null)

            let explain = try server.officer(
                "GET",
                "/api/v1/routing/explain?topic=\(expected.topic)&region=\(expected.region)&channel=\(expected.channel)",
                token: officers.executor)
            #expect(explain.status == 200, "\(explain)")
            #expect(explain.json["target"] == expected.target)
            #expect(explain.json["rule"] == .null)
            #expect(explain.json["beaten"] == [])
            #expect(explain.json["reason"]?.stringValue?.isEmpty == false)
            #expect(explain.json["unit"] == .string(expected.unit))
            #expect(explain.json["suggested_agency"] == (expected.suggestedAgency.map(JSONValue.string) ?? .null))
        }
    }

    /// What the directory says a message goes to without rules.
    static func defaultTarget(topic: Directory.Topic, region: String, channel: String) -> JSONValue {
        if channel == "social" { return ["unit": "DIP"] }
        switch topic.competence {
        case .territorial: return ["unit": .string("GU-\(region)")]
        case .central: return ["unit": .string(topic.unit ?? "")]
        case .external: return ["agency": .string(topic.agency ?? "")]
        }
    }

    static let regions = ["77", "25", "39"]
    static let channels = ["portal", "mobile", "social", "edms", "open311"]

    @Test func explainAgreesWithIntakeForEveryTopic() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let topics = server.server.services.directory.topics
            #expect(topics.count == 25)
            for (topicIndex, topic) in topics.enumerated() {
                for (regionIndex, region) in Self.regions.enumerated() {
                    // Every channel for every topic and region through explain…
                    var explained: [String: JSONValue] = [:]
                    for channel in Self.channels {
                        let reply = try server.officer(
                            "GET", "/api/v1/routing/explain?topic=\(topic.code)&region=\(region)&channel=\(channel)",
                            token: officers.analyst)
                        #expect(reply.status == 200, "\(reply)")
                        #expect(
                            reply.json["target"] == Self.defaultTarget(topic: topic, region: region, channel: channel),
                            "\(topic.code)/\(region)/\(channel)")
                        explained[channel] = reply.json
                    }
                    // …and one of them, in turn, through intake.
                    let channel = Self.channels[(topicIndex + regionIndex) % Self.channels.count]
                    let registered = try server.submit(Self.body(topic: topic.code, region: region, channel: channel))
                    #expect(registered.status == 201, "\(registered)")
                    let explanation = try #require(explained[channel])
                    let context = "\(topic.code)/\(region)/\(channel)"
                    #expect(registered.json["status"] == explanation["status"], "\(context)")
                    #expect(registered.json["unit"] == explanation["unit"], "\(context)")
                    #expect(
                        registered.json["suggested_agency"] ?? .null == explanation["suggested_agency"], "\(context)")
                    #expect(
                        (registered.json["forward_due_at"] != .null) == (explanation["suggested_agency"] != .null),
                        "\(context)")
                }
            }
        }
    }

    @Test func explainRefusesBadQueries() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let cases: [(String, [String])] = [
                ("", ["topic:required", "region:required"]),
                ("region=77", ["topic:required"]),
                ("topic=ALIENS&region=77", ["topic:unknown"]),
                ("topic=ROADS&region=00", ["region:unknown"]),
                ("topic=ROADS&region=77&channel=fax", ["channel:invalid"]),
                ("topic=NOPE&region=99&channel=fax", ["topic:unknown", "region:unknown", "channel:invalid"]),
            ]
            for (query, codes) in cases {
                let reply = try server.officer("GET", "/api/v1/routing/explain?\(query)", token: officers.executor)
                #expect(reply.status == 422, "\(query): \(reply)")
                #expect(reply.errorCodes == codes, "\(query)")
            }
            #expect(try server.get("/api/v1/routing/explain?topic=ROADS&region=77").status == 401)
            #expect(
                try server.officer("GET", "/api/v1/routing/explain?topic=ROADS&region=77", token: "nope").status == 401)
        }
    }
}
