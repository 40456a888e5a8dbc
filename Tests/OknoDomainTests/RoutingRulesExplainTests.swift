import Foundation
import OknoDomain
import Testing

@Suite("RoutingEngine explain")
struct RoutingRulesExplainTests {
    static let directory = Fixtures.directory()

    @Test("lists every matching rule that lost, best first, with the criterion it lost on")
    func beatenRules() {
        let rules = [
            makeRule(10, priority: 5, topic: "GRASS_BURNING", region: "77", target: .unit("DNDPR"), minutes: 1),
            makeRule(11, priority: 5, topic: "GRASS_BURNING", channel: .portal, minutes: 1),
            makeRule(12, priority: 5, region: "77", channel: .portal, minutes: 2),
            makeRule(13, priority: 1, topic: "GRASS_BURNING", channel: .portal),
            makeRule(14, priority: 99, topic: "GRASS_BURNING"),
            makeRule(15, priority: 99, topic: "GRASS_BURNING", region: "41", channel: .portal),
            makeRule(16, priority: 99, channel: .mobile),
        ]
        let engine = RoutingEngine(ruleSet: RuleSet(version: 7, rules: rules), directory: Self.directory)
        let explanation = engine.explain(topic: "GRASS_BURNING", region: "77", channel: .portal)
        #expect(explanation.target == .unit("DNDPR"))
        #expect(explanation.rule?.id == 10)
        #expect(explanation.decision.ruleSetVersion == 7)
        #expect(explanation.defaultTarget == .unit("GU-77"))
        #expect(explanation.beaten.map(\.rule.id) == [11, 12, 13, 14])
        #expect(explanation.beaten.map(\.cause) == [.largerID, .newer, .lowerPriority, .lessSpecific])
        #expect(explanation.reason.contains("rule #10"))
        #expect(explanation.reason.contains("it beats 4 other matching rules"))
        #expect(explanation.reason.contains("explicit rules take precedence over the default route (unit GU-77)"))
        let reasons = explanation.beaten.map(\.reason)
        #expect(
            reasons[0]
                == "rule #11 (topic=GRASS_BURNING, channel=portal) created at the same instant as rule #10, with a larger id"
        )
        #expect(
            reasons[1]
                == "rule #12 (region=77, channel=portal) at equal priority 5, created 2026-01-01T00:02:00Z, "
                + "after rule #10 (2026-01-01T00:01:00Z)")
        #expect(reasons[2] == "rule #13 (topic=GRASS_BURNING, channel=portal) priority 1 is below rule #10's 5")
        #expect(reasons[3] == "rule #14 (topic=GRASS_BURNING) names 1 of 3 keys, rule #10 names 2")
    }

    @Test("a lone matching rule beats nothing")
    func loneRule() {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, topic: "ROADS", target: .unit("AD"))]),
            directory: Self.directory)
        let explanation = engine.explain(topic: "ROADS", region: "41", channel: .portal)
        #expect(explanation.beaten == [])
        #expect(
            explanation.reason
                == "rule #1 matches topic=ROADS (1 of 3 keys, priority 0); explicit rules take precedence over "
                + "the default route (agency LOCAL_GOV)")
    }

    @Test(
        "a default route names no rule and says why",
        arguments: [
            (
                "GRASS_BURNING", "41", Channel.portal,
                "no rule matches; GRASS_BURNING is a territorial topic, answered by the territorial body of region 41: unit GU-41"
            ),
            ("LICENSING", "77", .edms, "no rule matches; LICENSING is a central topic, answered by unit DNDPR"),
            (
                "ROADS", "77", .mobile,
                "no rule matches; ROADS is outside the ministry's competence: the administrative department (AD) "
                    + "forwards it to agency LOCAL_GOV within 7 days"
            ),
            ("ROADS", "77", .social, "no rule matches; messages from social media go to DIP for triage"),
        ])
    func defaultReasons(topic: String, region: String, channel: Channel, reason: String) {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, topic: "ROADS", region: "41")]), directory: Self.directory)
        let explanation = engine.explain(topic: topic, region: region, channel: channel)
        #expect(explanation.rule == nil)
        #expect(explanation.beaten == [])
        #expect(explanation.decision.isDefault)
        #expect(explanation.target == explanation.defaultTarget)
        #expect(explanation.reason == reason)
    }

    @Test(
        "an unrouted message is explained as waiting in the triage queue",
        arguments: [
            ("NOPE", "77", "topic NOPE is not in the directory"),
            ("ROADS", "00", "region 00 is not in the directory"),
            ("GRASS_BURNING", "41", "the directory has no territorial body GU-41"),
            ("LICENSING", "41", "the directory lacks unit DNDPR of central topic LICENSING"),
            ("ROADS", "41", "the directory lacks agency LOCAL_GOV of external topic ROADS"),
        ])
    func unroutedReasons(topic: String, region: String, why: String) {
        let directory = Fixtures.directory(
            units: Fixtures.units.filter { $0.code != "GU-41" && $0.code != "DNDPR" }, agencies: [])
        let engine = RoutingEngine(ruleSet: .empty, directory: directory)
        let explanation = engine.explain(topic: topic, region: region, channel: .portal)
        #expect(explanation.target == nil)
        #expect(explanation.defaultTarget == nil)
        #expect(
            explanation.reason
                == "no rule matches; \(why); the message stays registered in the administrative department's triage queue"
        )
    }

    @Test("a rule winning where there is no default route says so")
    func ruleWithoutDefault() {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, region: "99", target: .unit("AD"))]),
            directory: Self.directory)
        let explanation = engine.explain(topic: "ROADS", region: "99", channel: .portal)
        #expect(explanation.rule?.id == 1)
        #expect(explanation.reason.hasSuffix("explicit rules take precedence over the absence of a default route"))
    }
}
