import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Issue 4: `okno routing export` and `okno routing import`, rule sets under version control.
@Suite struct RoutingCommandLineTests {
    static func inFolder(_ body: (String) throws -> Void) throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    /// The exported rules without what an import renumbers: ids and creation times.
    static func rules(_ export: String) throws -> [JSONValue] {
        let document = try JSONParser.parse(Array(export.utf8))
        return (document["rules"]?.arrayValue ?? []).map { rule in
            rule.setting("id", to: nil).setting("created_at", to: nil)
        }
    }

    @Test func anExportImportedIntoAFreshDatabaseGivesTheSameRules() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            try withServer(configure: { $0.database = database }) { server throws in
                let admin = try server.token(role: .admin, name: "admin")
                for rule: JSONValue in [
                    ["priority": 2, "match": ["topic": "GRASS_BURNING", "region": "77"], "target": ["unit": "GU-50"]],
                    ["match": ["channel": "social"], "target": ["unit": "DIP"]],
                    [
                        "priority": -1, "match": ["topic": "ROADS", "region": "50", "channel": "mobile"],
                        "target": ["agency": "REGION_GOV"],
                    ],
                    ["match": [:], "target": ["unit": "AD"]],
                ] {
                    let reply = try server.officer("POST", "/api/v1/routing/rules", token: admin, body: rule)
                    #expect(reply.status == 201, "\(reply)")
                }
            }
            let export = try Okno.run(["routing", "export", "--database", database], in: folder)
            #expect(export.status == 0, "\(export.error)")
            let exported = try Self.rules(export.output)
            #expect(exported.count == 4)
            let file = folder + "/rules.json"
            try export.output.write(toFile: file, atomically: true, encoding: .utf8)

            let fresh = folder + "/fresh.sqlite"
            let imported = try Okno.run(["routing", "import", file, "--database", fresh], in: folder)
            #expect(imported.status == 0, "\(imported.error)")
            let again = try Okno.run(["routing", "export", "--database", fresh], in: folder)
            #expect(try Self.rules(again.output) == exported)

            // And the fresh database routes by them.
            try withServer(configure: { $0.database = fresh }) { server throws in
                #expect(try server.submit(Fixtures.message()).json["unit"] == "GU-50")
                #expect(try server.submit(Fixtures.message(topic: "ROADS")).json["unit"] == "AD")
                let changes = try server.server.store.read { try RoutingRuleRepository.changes($0) }
                #expect(changes.count == 4)
                #expect(changes.allSatisfy { $0.actor == "okno routing import" && $0.change == "created" })
            }
        }
    }

    @Test func anImportNamingAnUnknownUnitIsRefusedAndChangesNothing() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let good = folder + "/good.json"
            try """
            {"rules": [{"priority": 1, "match": {"topic": "GRASS_BURNING"}, "target": {"unit": "GU-50"}}]}
            """.write(toFile: good, atomically: true, encoding: .utf8)
            #expect(try Okno.run(["routing", "import", good, "--database", database], in: folder).status == 0)
            let before = try Okno.run(["routing", "export", "--database", database], in: folder).output

            let bad = folder + "/bad.json"
            try """
            {"rules": [
              {"match": {"topic": "ROADS"}, "target": {"unit": "GU-77"}},
              {"match": {"region": "77"}, "target": {"unit": "GU-00"}}
            ]}
            """.write(toFile: bad, atomically: true, encoding: .utf8)
            let refused = try Okno.run(["routing", "import", bad, "--database", database], in: folder)
            #expect(refused.status != 0, "\(refused.output)")
            #expect(refused.error.contains("rules[1].target.unit"), "\(refused.error)")
            let after = try Okno.run(["routing", "export", "--database", database], in: folder).output
            #expect(after == before)

            let malformed = folder + "/malformed.json"
            try #"{"rules": [{"match": {"topic": 7}, "target": {"unit": "GU-77"}}]}"#.write(
                toFile: malformed, atomically: true, encoding: .utf8)
            #expect(try Okno.run(["routing", "import", malformed, "--database", database], in: folder).status != 0)
            #expect(try Okno.run(["routing", "export", "--database", database], in: folder).output == before)
            let connection = try Connection.open(path: database, readOnly: true)
            #expect(try RoutingRuleRepository.changes(connection).count == 1)
        }
    }
}
