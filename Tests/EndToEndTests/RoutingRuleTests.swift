import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Issue 4: administrators' routing rules over the API, how they resolve, and their audit trail.
@Suite struct RoutingRuleTests {
    static func rule(
        topic: String? = nil, region: String? = nil, channel: String? = nil, unit: String? = nil,
        agency: String? = nil, priority: Int? = nil
    ) -> JSONValue {
        var match: [JSONObject.Member] = []
        if let topic { match.append(("topic", .string(topic))) }
        if let region { match.append(("region", .string(region))) }
        if let channel { match.append(("channel", .string(channel))) }
        var target: [JSONObject.Member] = []
        if let unit { target.append(("unit", .string(unit))) }
        if let agency { target.append(("agency", .string(agency))) }
        var members: [JSONObject.Member] = [
            ("match", .object(JSONObject(match))), ("target", .object(JSONObject(target))),
        ]
        if let priority { members.insert(("priority", .number(JSONNumber(Int64(priority)))), at: 0) }
        return .object(JSONObject(members))
    }

    /// Creates a rule as admin; returns its id.
    static func create(_ server: TestServer, _ officers: Officers, _ rule: JSONValue) throws -> Int64 {
        let reply = try server.officer("POST", "/api/v1/routing/rules", token: officers.admin, body: rule)
        guard reply.status == 201, let id = reply.json["id"]?.int64Value else {
            throw ClientError("rule refused: \(reply)")
        }
        return id
    }

    static func explain(_ server: TestServer, _ officers: Officers, _ query: String) throws -> JSONValue {
        let reply = try server.officer("GET", "/api/v1/routing/explain?\(query)", token: officers.registrar)
        guard reply.status == 200 else { throw ClientError("explain: \(reply)") }
        return reply.json
    }

    @Test func aRuleRoutesLaterMessagesAndExplainNamesIt() throws {
        let clock = TestClock("2026-11-29T04:30:00Z")
        try withServer(now: clock.now) { server throws in
            let officers = try Officers(server)
            let before = try server.register()
            #expect(try server.show(before.number, token: officers.registrar).json["unit"] == "GU-77")

            clock.set("2026-11-29T05:00:00Z")
            let reply = try server.officer(
                "POST", "/api/v1/routing/rules", token: officers.admin,
                body: Self.rule(topic: "GRASS_BURNING", region: "77", unit: "GU-50", priority: 3))
            #expect(reply.status == 201, "\(reply)")
            let id = try #require(reply.json["id"]?.int64Value)
            #expect(reply.header("Location") == "/api/v1/routing/rules/\(id)")
            #expect(reply.json["priority"] == 3)
            #expect(reply.json["match"] == ["topic": "GRASS_BURNING", "region": "77"])
            #expect(reply.json["target"] == ["unit": "GU-50"])

            let listed = try server.officer("GET", "/api/v1/routing/rules", token: officers.registrar)
            #expect(listed.status == 200, "\(listed)")
            #expect(listed.json["items"]?.arrayValue?.count == 1)
            #expect(listed.json["items"]?[0]?["id"] == .number(JSONNumber(id)))

            let after = try server.submit(Fixtures.message())
            #expect(after.json["unit"] == "GU-50", "\(after)")
            let number = try #require(after.json["number"]?.stringValue)
            let view = try server.show(number, token: officers.registrar).json
            #expect(view["route_rule_id"] == .number(JSONNumber(id)))
            let newVersion = try #require(view["rule_set_version"]?.int64Value)

            let explanation = try Self.explain(server, officers, "topic=GRASS_BURNING&region=77")
            #expect(explanation["target"] == ["unit": "GU-50"])
            #expect(explanation["rule"]?["id"] == .number(JSONNumber(id)))
            #expect(explanation["beaten"] == [])
            #expect(explanation["rule_set_version"] == .number(JSONNumber(newVersion)))
            #expect(explanation["reason"]?.stringValue?.contains("#\(id)") == true)
            // Other messages keep their default route.
            #expect(try Self.explain(server, officers, "topic=GRASS_BURNING&region=50")["target"] == ["unit": "GU-50"])
            #expect(
                try Self.explain(server, officers, "topic=FIRE_WATER_SUPPLY&region=77")["target"] == ["unit": "GU-77"])

            // The earlier message keeps its unit and the rule-set version it was routed with.
            let earlier = try server.show(before.number, token: officers.registrar).json
            #expect(earlier["unit"] == "GU-77")
            #expect(earlier["route_rule_id"] == .null)
            let oldVersion = try #require(earlier["rule_set_version"]?.int64Value)
            #expect(oldVersion < newVersion)

            // Deleting the rule restores the default for later messages only.
            clock.set("2026-11-29T06:00:00Z")
            let deleted = try server.officer("DELETE", "/api/v1/routing/rules/\(id)", token: officers.admin)
            #expect(deleted.status == 204, "\(deleted)")
            #expect(try server.officer("DELETE", "/api/v1/routing/rules/\(id)", token: officers.admin).status == 404)
            let restored = try server.submit(Fixtures.message())
            #expect(restored.json["unit"] == "GU-77")
            #expect(try Self.explain(server, officers, "topic=GRASS_BURNING&region=77")["rule"] == .null)
            let routed = try server.show(number, token: officers.registrar).json
            #expect(routed["unit"] == "GU-50")
            #expect(routed["rule_set_version"] == .number(JSONNumber(newVersion)))
            #expect(try server.officer("GET", "/api/v1/routing/rules", token: officers.admin).json["items"] == [])

            // The audit trail: who, when, before and after.
            let changes = try server.server.store.read { try RoutingRuleRepository.changes($0) }
            #expect(changes.map(\.change) == ["created", "deleted"])
            #expect(changes.allSatisfy { $0.ruleID == id && $0.actor == "admin-GU-77" })
            #expect(changes.map(\.at) == [instant("2026-11-29T05:00:00Z"), instant("2026-11-29T06:00:00Z")])
            #expect(changes[0].before == nil)
            #expect(changes[1].after == nil)
            let created = try #require(changes[0].after.flatMap { try? JSONParser.parse(Array($0.utf8)) })
            #expect(created["target"]?["unit"] == "GU-50")
            #expect(created["match"]?["topic"] == "GRASS_BURNING")
            #expect(created["priority"] == 3)
            #expect(changes[1].before == changes[0].after)
            #expect(changes[0].version < changes[1].version)
            #expect(changes[1].version == restored.json["rule_set_version"]?.int64Value ?? changes[1].version)
        }
    }

    @Test func theMoreSpecificRuleWins() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let broad = try Self.create(
                server, officers, Self.rule(topic: "GRASS_BURNING", unit: "GU-01", priority: 100))
            let narrow = try Self.create(
                server, officers, Self.rule(topic: "GRASS_BURNING", region: "77", unit: "GU-50"))
            let catchAll = try Self.create(server, officers, Self.rule(unit: "GU-02", priority: 1000))

            #expect(try server.submit(Fixtures.message()).json["unit"] == "GU-50")
            #expect(try server.submit(Fixtures.message(region: "25")).json["unit"] == "GU-01")
            #expect(try server.submit(Fixtures.message(topic: "ROADS")).json["unit"] == "GU-02")

            let explanation = try Self.explain(server, officers, "topic=GRASS_BURNING&region=77")
            #expect(explanation["rule"]?["id"] == .number(JSONNumber(narrow)))
            let beaten = explanation["beaten"]?.arrayValue ?? []
            #expect(beaten.map { $0["rule"]?["id"]?.int64Value } == [broad, catchAll])
            #expect(beaten.map { $0["cause"]?.stringValue } == ["less_specific", "less_specific"])
        }
    }

    @Test func higherPriorityWinsAtEqualSpecificity() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let low = try Self.create(server, officers, Self.rule(topic: "GRASS_BURNING", unit: "GU-01", priority: 1))
            let high = try Self.create(server, officers, Self.rule(region: "77", unit: "GU-02", priority: 5))
            #expect(try server.submit(Fixtures.message()).json["unit"] == "GU-02")
            let explanation = try Self.explain(server, officers, "topic=GRASS_BURNING&region=77")
            #expect(explanation["rule"]?["id"] == .number(JSONNumber(high)))
            #expect(explanation["beaten"]?[0]?["rule"]?["id"] == .number(JSONNumber(low)))
            #expect(explanation["beaten"]?[0]?["cause"] == "lower_priority")
        }
    }

    @Test func olderWinsAtEqualPriority() throws {
        let clock = TestClock("2026-11-29T04:30:00Z")
        try withServer(now: clock.now) { server throws in
            let officers = try Officers(server)
            let older = try Self.create(server, officers, Self.rule(region: "77", unit: "GU-02"))
            clock.advance(seconds: 60)
            let newer = try Self.create(server, officers, Self.rule(topic: "GRASS_BURNING", unit: "GU-01"))
            #expect(try server.submit(Fixtures.message()).json["unit"] == "GU-02")
            let explanation = try Self.explain(server, officers, "topic=GRASS_BURNING&region=77")
            #expect(explanation["rule"]?["id"] == .number(JSONNumber(older)))
            #expect(explanation["beaten"]?[0]?["rule"]?["id"] == .number(JSONNumber(newer)))
            #expect(explanation["beaten"]?[0]?["cause"] == "newer")
            // Deleting the older rule hands the match to the newer one.
            #expect(try server.officer("DELETE", "/api/v1/routing/rules/\(older)", token: officers.admin).status == 204)
            #expect(try server.submit(Fixtures.message()).json["unit"] == "GU-01")
        }
    }

    @Test func anAgencyRuleSendsTheMessageToTheAdministrativeDepartment() throws {
        try withServer(now: fixedClock("2026-11-29T04:30:00Z")) { server throws in
            let officers = try Officers(server)
            _ = try Self.create(server, officers, Self.rule(topic: "GRASS_BURNING", region: "50", agency: "REGION_GOV"))
            let reply = try server.submit(Fixtures.message(region: "50"))
            #expect(reply.json["unit"] == "AD", "\(reply)")
            #expect(reply.json["forward_due_at"] == "2026-12-06T21:00:00Z")
            let explanation = try Self.explain(server, officers, "topic=GRASS_BURNING&region=50")
            #expect(explanation["target"] == ["agency": "REGION_GOV"])
            #expect(explanation["suggested_agency"] == "REGION_GOV")
        }
    }

    @Test func invalidRulesAreRefusedListingEveryField() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let post = { (body: JSONValue) in
                try server.officer("POST", "/api/v1/routing/rules", token: officers.admin, body: body)
            }
            var reply = try post(Self.rule(topic: "ALIENS", region: "00", channel: "fax", unit: "GU-00"))
            #expect(reply.status == 422, "\(reply)")
            #expect(
                reply.errorCodes == [
                    "match.topic:unknown", "match.region:unknown", "match.channel:unknown", "target.unit:unknown",
                ])
            reply = try post(Self.rule(topic: "ROADS", agency: "NASA"))
            #expect(reply.status == 422)
            #expect(reply.errorCodes == ["target.agency:unknown"])
            reply = try post(Self.rule(topic: "ROADS"))
            #expect(reply.errorFields == ["target"])
            reply = try post(Self.rule(topic: "ROADS", unit: "GU-01", agency: "MVD"))
            #expect(reply.errorFields == ["target"])
            reply = try post(["priority": "high", "match": ["topic": 5], "target": ["unit": "GU-01"]])
            #expect(reply.status == 422)
            #expect(Set(reply.errorFields) == ["priority", "match.topic"])
            #expect(try server.server.store.read { try RoutingRuleRepository.changes($0) }.isEmpty)

            // An exact duplicate of a match is a conflict, whatever the priority or target.
            _ = try Self.create(server, officers, Self.rule(topic: "ROADS", region: "77", unit: "GU-77"))
            reply = try post(Self.rule(topic: "ROADS", region: "77", unit: "GU-50", priority: 9))
            #expect(reply.status == 409, "\(reply)")
            // A duplicate that is also invalid is a 422 listing both.
            reply = try post(Self.rule(topic: "ROADS", region: "77", unit: "GU-00"))
            #expect(reply.status == 422, "\(reply)")
            #expect(Set(reply.errorFields) == ["match", "target.unit"])
            #expect(
                try server.officer("GET", "/api/v1/routing/rules", token: officers.admin).json["items"]?.arrayValue?
                    .count == 1)
        }
    }

    @Test func onlyAdminsChangeRulesAndOnlyAdminsAndRegistrarsListThem() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let id = try Self.create(server, officers, Self.rule(topic: "ROADS", unit: "GU-77"))
            for role in OfficerRole.allCases where role != .admin {
                let token = officers[role]
                let post = try server.officer(
                    "POST", "/api/v1/routing/rules", token: token, body: Self.rule(topic: "MEDICAL_CARE", unit: "GU-77")
                )
                #expect(post.status == 403, "\(role.rawValue): \(post)")
                #expect(try server.officer("DELETE", "/api/v1/routing/rules/\(id)", token: token).status == 403)
                let list = try server.officer("GET", "/api/v1/routing/rules", token: token)
                #expect(list.status == (role == .registrar ? 200 : 403), "\(role.rawValue): \(list)")
                // Any officer may ask why.
                #expect(
                    try server.officer("GET", "/api/v1/routing/explain?topic=ROADS&region=77", token: token).status
                        == 200)
            }
            #expect(
                try server.officer("GET", "/api/v1/routing/rules", token: officers.admin).json["items"]?.arrayValue?
                    .count == 1)
            for path in ["/api/v1/routing/rules/999", "/api/v1/routing/rules/abc", "/api/v1/routing/rules/-1"] {
                #expect(try server.officer("DELETE", path, token: officers.admin).status == 404, "\(path)")
            }
            #expect(try server.officer("DELETE", "/api/v1/routing/rules/\(id)", token: nil).status == 401)
            #expect(try server.officer("GET", "/api/v1/routing/rules", token: nil).status == 401)
            #expect(try server.server.store.read { try RoutingRuleRepository.changes($0) }.count == 1)
        }
    }
}
