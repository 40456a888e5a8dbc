import Foundation
import OknoDomain
import Testing

/// One row of the resolution table: rules, a message, and the rule that must win.
struct ResolutionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rules: [RoutingRule]
    let topic: String
    let region: String
    let channel: Channel
    let winner: Int64

    var testDescription: String { name }
}

/// A rule created `minutes` after the fixed epoch, routing to DIP unless told otherwise.
func makeRule(
    _ id: Int64, priority: Int = 0, topic: String? = nil, region: String? = nil, channel: Channel? = nil,
    target: RouteTarget = .unit("DIP"), minutes: Int = 0
) -> RoutingRule {
    RoutingRule(
        id: id, priority: priority, match: RuleMatch(topic: topic, region: region, channel: channel), target: target,
        createdAt: instant("2026-01-01T00:00:00Z").addingTimeInterval(Double(minutes) * 60))
}

@Suite("RoutingEngine resolution")
struct RoutingRulesResolutionTests {
    static let directory = Fixtures.directory()

    static let table: [ResolutionCase] = [
        .init(
            name: "topic+region+channel beats topic+region of higher priority",
            rules: [
                makeRule(1, priority: 100, topic: "GRASS_BURNING", region: "77"),
                makeRule(2, topic: "GRASS_BURNING", region: "77", channel: .portal),
            ],
            topic: "GRASS_BURNING", region: "77", channel: .portal, winner: 2),
        .init(
            name: "topic+region beats an older topic-only rule of higher priority",
            rules: [
                makeRule(1, priority: 100, topic: "GRASS_BURNING"), makeRule(2, topic: "GRASS_BURNING", region: "77"),
            ],
            topic: "GRASS_BURNING", region: "77", channel: .portal, winner: 2),
        .init(
            name: "a region-only rule beats the catch-all",
            rules: [makeRule(1, priority: 100), makeRule(2, priority: -100, region: "41")],
            topic: "LICENSING", region: "41", channel: .mobile, winner: 2),
        .init(
            name: "a channel-only rule beats the catch-all",
            rules: [makeRule(1, priority: 100), makeRule(2, channel: .edms)],
            topic: "LICENSING", region: "41", channel: .edms, winner: 2),
        .init(
            name: "the catch-all matches what nothing else does",
            rules: [makeRule(1), makeRule(2, channel: .edms), makeRule(3, topic: "ROADS")],
            topic: "LICENSING", region: "41", channel: .portal, winner: 1),
        .init(
            name: "equally specific: the higher priority wins",
            rules: [
                makeRule(1, topic: "ROADS", region: "77"), makeRule(2, priority: 5, topic: "ROADS", channel: .portal),
            ],
            topic: "ROADS", region: "77", channel: .portal, winner: 2),
        .init(
            name: "equally specific, equal priority: the older rule wins, whatever its id",
            rules: [
                makeRule(1, topic: "ROADS", region: "77", minutes: 10), makeRule(2, region: "77", channel: .open311),
            ],
            topic: "ROADS", region: "77", channel: .open311, winner: 2),
        .init(
            name: "created at the same instant: the smaller id wins",
            rules: [
                makeRule(7, priority: 3, region: "41", channel: .social),
                makeRule(4, priority: 3, topic: "ROADS", region: "41"),
            ],
            topic: "ROADS", region: "41", channel: .social, winner: 4),
        .init(
            name: "a rule for another channel does not match",
            rules: [makeRule(1, priority: 100, topic: "ROADS", channel: .mobile), makeRule(2, topic: "ROADS")],
            topic: "ROADS", region: "77", channel: .portal, winner: 2),
        .init(
            name: "a rule for another region does not match",
            rules: [makeRule(1, topic: "ROADS", region: "41", channel: .portal), makeRule(2, topic: "ROADS")],
            topic: "ROADS", region: "77", channel: .portal, winner: 2),
        .init(
            name: "a rule for another topic does not match",
            rules: [makeRule(1, topic: "LICENSING", region: "77"), makeRule(2, region: "77")],
            topic: "ROADS", region: "77", channel: .portal, winner: 2),
        .init(
            name: "negative priority does not undo specificity",
            rules: [
                makeRule(1, priority: 1_000, channel: .social),
                makeRule(2, priority: -1_000, topic: "ROADS", channel: .social),
            ],
            topic: "ROADS", region: "77", channel: .social, winner: 2),
        .init(
            name: "listing order does not matter",
            rules: [
                makeRule(9, priority: 1, topic: "ROADS", minutes: 5),
                makeRule(3, priority: 1, topic: "ROADS", minutes: 1),
                makeRule(5, priority: 1, topic: "ROADS", minutes: 3),
            ],
            topic: "ROADS", region: "41", channel: .mobile, winner: 3),
        .init(
            name: "two rules with the same match (accepted before validation): priority, then age",
            rules: [
                makeRule(1, topic: "ROADS"), makeRule(2, priority: 2, topic: "ROADS"),
                makeRule(3, priority: 2, topic: "ROADS"),
            ],
            topic: "ROADS", region: "41", channel: .mobile, winner: 2),
    ]

    @Test("the most specific rule wins, then the higher priority, then the older", arguments: table)
    func resolution(_ row: ResolutionCase) throws {
        let engine = RoutingEngine(ruleSet: RuleSet(version: 3, rules: row.rules), directory: Self.directory)
        let decision = engine.decide(topic: row.topic, region: row.region, channel: row.channel)
        let winner = try #require(decision.rule)
        #expect(winner.id == row.winner)
        #expect(decision.target == winner.target)
        #expect(decision.ruleSetVersion == 3)
        #expect(!decision.isDefault)
        #expect(engine.explain(topic: row.topic, region: row.region, channel: row.channel).rule?.id == row.winner)
    }

    @Test(
        "without rules, topics route by competence",
        arguments: [
            ("GRASS_BURNING", "41", RouteTarget.unit("GU-41"), Directory.Topic.Competence.territorial),
            ("GRASS_BURNING", "77", .unit("GU-77"), .territorial),
            ("LICENSING", "41", .unit("DNDPR"), .central),
            ("ROADS", "77", .agency("LOCAL_GOV"), .external),
        ])
    func defaultsByCompetence(
        topic: String, region: String, target: RouteTarget, competence: Directory.Topic.Competence
    ) {
        let engine = RoutingEngine(ruleSet: RuleSet(version: 1, rules: []), directory: Self.directory)
        for channel in Channel.allCases where channel != .social {
            let decision = engine.decide(topic: topic, region: region, channel: channel)
            #expect(decision == RoutingDecision(target: target, basis: .competence(competence), ruleSetVersion: 1))
            #expect(decision.isDefault)
            #expect(decision.rule == nil)
        }
    }

    @Test("rules that do not match leave the default route in place")
    func nonMatchingRulesKeepDefaults() {
        let engine = RoutingEngine(
            ruleSet: RuleSet(
                version: 2, rules: [makeRule(1, topic: "ROADS", region: "41"), makeRule(2, channel: .edms)]),
            directory: Self.directory)
        #expect(engine.decide(topic: "ROADS", region: "77", channel: .portal).target == .agency("LOCAL_GOV"))
        #expect(engine.decide(topic: "LICENSING", region: "41", channel: .mobile).basis == .competence(.central))
    }

    @Test("a matching rule takes precedence over the default route", arguments: Channel.allCases)
    func rulesBeatDefaults(channel: Channel) {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, topic: "GRASS_BURNING", target: .agency("LOCAL_GOV"))]),
            directory: Self.directory)
        let decision = engine.decide(topic: "GRASS_BURNING", region: "77", channel: channel)
        #expect(decision.target == .agency("LOCAL_GOV"))
        #expect(decision.rule?.id == 1)
    }

    @Test("a catch-all rule switches every default off, social triage included", arguments: Channel.allCases)
    func catchAllBeatsDefaults(channel: Channel) {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, target: .unit("AD"))]), directory: Self.directory)
        for topic in ["GRASS_BURNING", "LICENSING", "ROADS", "UNKNOWN"] {
            #expect(engine.decide(topic: topic, region: "41", channel: channel).target == .unit("AD"))
        }
    }

    @Test(
        "social-media messages go to DIP for triage when no rule matches",
        arguments: ["GRASS_BURNING", "LICENSING", "ROADS"])
    func socialToTriage(topic: String) {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, channel: .portal, target: .unit("AD"))]),
            directory: Self.directory)
        let decision = engine.decide(topic: topic, region: "77", channel: .social)
        #expect(decision == RoutingDecision(target: .unit("DIP"), basis: .socialMediaTriage, ruleSetVersion: 1))
        #expect(decision.isDefault)
    }

    @Test("a rule naming the social channel, or not naming a channel, overrides social triage")
    func rulesOverrideSocialTriage() {
        let engine = RoutingEngine(
            ruleSet: RuleSet(
                version: 1,
                rules: [
                    makeRule(1, region: "41", channel: .social, target: .unit("GU-41")),
                    makeRule(2, topic: "LICENSING", target: .unit("DNDPR")),
                ]),
            directory: Self.directory)
        #expect(engine.decide(topic: "ROADS", region: "41", channel: .social).target == .unit("GU-41"))
        #expect(engine.decide(topic: "LICENSING", region: "77", channel: .social).target == .unit("DNDPR"))
        #expect(engine.decide(topic: "ROADS", region: "77", channel: .social).target == .unit("DIP"))
    }

    @Test("an unknown topic or region, or a missing unit or agency, leaves the message unrouted")
    func unrouted() {
        let directory = Fixtures.directory(
            units: Fixtures.units.filter { $0.code != "GU-41" && $0.code != "DNDPR" }, agencies: [])
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 4, rules: [makeRule(1, topic: "ROADS", region: "77")]), directory: directory)
        let unrouted = RoutingDecision(target: nil, basis: .unrouted, ruleSetVersion: 4)
        #expect(engine.decide(topic: "NOPE", region: "77", channel: .portal) == unrouted)
        #expect(engine.decide(topic: "GRASS_BURNING", region: "99", channel: .portal) == unrouted)
        #expect(engine.decide(topic: "NOPE", region: "77", channel: .social) == unrouted)
        #expect(engine.decide(topic: "GRASS_BURNING", region: "41", channel: .portal) == unrouted)
        #expect(engine.decide(topic: "LICENSING", region: "41", channel: .portal) == unrouted)
        #expect(engine.decide(topic: "ROADS", region: "41", channel: .portal) == unrouted)
        #expect(!unrouted.isDefault)
        #expect(engine.decide(topic: "ROADS", region: "77", channel: .portal).rule?.id == 1)
    }

    @Test("rules naming codes the directory lacks still match exactly those codes")
    func rulesWithUnknownCodes() {
        let engine = RoutingEngine(
            ruleSet: RuleSet(version: 1, rules: [makeRule(1, topic: "RETIRED", region: "99", target: .unit("AD"))]),
            directory: Self.directory)
        #expect(engine.decide(topic: "RETIRED", region: "99", channel: .edms).rule?.id == 1)
        #expect(engine.decide(topic: "RETIRED", region: "77", channel: .edms).target == nil)
    }

    @Test("without rules the engine routes exactly like DefaultRoute over the bundled directory")
    func agreesWithDefaultRoute() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        let engine = RoutingEngine(ruleSet: .empty, directory: directory)
        var mismatches: [String] = []
        for topic in directory.topics.map(\.code) + ["NOPE"] {
            for region in directory.regions.map(\.code) + ["00"] {
                for channel in Channel.allCases {
                    let expected = DefaultRoute.for(topic: topic, region: region, channel: channel, in: directory)
                    let decision = engine.decide(topic: topic, region: region, channel: channel)
                    if decision.target != expected || decision.isDefault != (expected != nil) {
                        mismatches.append("\(topic)/\(region)/\(channel)")
                    }
                }
            }
        }
        #expect(mismatches == [])
    }

    @Test("the index picks the same rule as a scan of every rule, over random rule sets", arguments: 1...8)
    func indexAgreesWithScan(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let topics = ["GRASS_BURNING", "LICENSING", "ROADS", "RETIRED"]
        let regions = ["77", "41", "99"]
        let rules = (1...300).map { id in
            makeRule(
                Int64(id), priority: random.below(4) - 2, topic: random.below(2) == 0 ? nil : random.pick(topics),
                region: random.below(2) == 0 ? nil : random.pick(regions),
                channel: random.below(2) == 0 ? nil : random.pick(Channel.allCases), minutes: random.below(50))
        }
        let engine = RoutingEngine(ruleSet: RuleSet(version: Int64(seed), rules: rules), directory: Self.directory)
        for topic in topics + ["NOPE"] {
            for region in regions + ["00"] {
                for channel in Channel.allCases {
                    let best = rules.filter { $0.match.matches(topic: topic, region: region, channel: channel) }
                        .min { $0.outranks($1) }
                    #expect(engine.decide(topic: topic, region: region, channel: channel).rule == best)
                }
            }
        }
    }

    @Test("rule-set versions move with every change and are reported with each decision")
    func versions() throws {
        let added = RuleSet.empty.adding(makeRule(1, topic: "ROADS")).adding(makeRule(2, region: "41"))
        #expect(added.version == 2)
        let removed = try #require(added.removing(ruleID: 1))
        #expect(removed.version == 3)
        #expect(removed.rules.map(\.id) == [2])
        #expect(added.removing(ruleID: 42) == nil)
        let engine = RoutingEngine(ruleSet: removed, directory: Self.directory)
        #expect(engine.decide(topic: "ROADS", region: "41", channel: .portal).ruleSetVersion == 3)
        #expect(engine.decide(topic: "ROADS", region: "77", channel: .portal).ruleSetVersion == 3)
    }

    @Test(
        "specificity counts the named keys",
        arguments: [
            (RuleMatch.catchAll, 0), (RuleMatch(channel: .mobile), 1), (RuleMatch(topic: "A", region: "77"), 2),
            (RuleMatch(topic: "A", region: "77", channel: .edms), 3),
        ])
    func specificity(match: RuleMatch, keys: Int) {
        #expect(match.specificity == keys)
    }
}
