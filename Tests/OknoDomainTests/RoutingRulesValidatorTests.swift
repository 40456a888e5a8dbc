import Foundation
import OknoDomain
import Testing

@Suite("RoutingRuleValidator")
struct RoutingRulesValidatorTests {
    static let directory = Fixtures.directory()
    static let existing = [
        makeRule(1, topic: "ROADS", region: "77"),
        makeRule(2, channel: .social),
        makeRule(3),
    ]

    @Test(
        "a valid draft passes",
        arguments: [
            RuleDraft(topic: "GRASS_BURNING", region: "41", channel: "mobile", unit: "GU-41"),
            RuleDraft(priority: -5, topic: "ROADS", agency: "LOCAL_GOV"),
            RuleDraft(region: "41", channel: "social", unit: "DIP"),
            RuleDraft(topic: "ROADS", region: "77", channel: "portal", unit: "AD"),
        ])
    func validDraft(draft: RuleDraft) throws {
        #expect(RoutingRuleValidator.validate(draft, existing: Self.existing, directory: Self.directory) == [])
        let valid = try RoutingRuleValidator.validated(draft, existing: Self.existing, directory: Self.directory)
        let rule = valid.rule(id: 9, createdAt: instant("2026-11-29T04:30:00Z"))
        #expect(rule.id == 9)
        #expect(rule.priority == draft.priority)
        #expect(
            rule.match
                == RuleMatch(topic: draft.topic, region: draft.region, channel: draft.channel.flatMap(Channel.init)))
        #expect(rule.target == (draft.unit.map(RouteTarget.unit) ?? draft.agency.map(RouteTarget.agency)))
    }

    @Test("an empty match is a catch-all when no other catch-all exists")
    func catchAllAllowed() throws {
        let valid = try RoutingRuleValidator.validated(
            RuleDraft(unit: "AD"), existing: Self.existing.filter { $0.id != 3 }, directory: Self.directory)
        #expect(valid.match == .catchAll)
    }

    @Test(
        "each bad field is refused with its path and code",
        arguments: [
            (RuleDraft(topic: "NOPE", unit: "AD"), "match.topic", FieldProblem.Code.unknown),
            (RuleDraft(region: "00", unit: "AD"), "match.region", .unknown),
            (RuleDraft(region: "", unit: "AD"), "match.region", .unknown),
            (RuleDraft(channel: "fax", unit: "AD"), "match.channel", .unknown),
            (RuleDraft(channel: "Portal", unit: "AD"), "match.channel", .unknown),
            (RuleDraft(topic: "ROADS", unit: "GU-00"), "target.unit", .unknown),
            (RuleDraft(topic: "ROADS", agency: "MVD"), "target.agency", .unknown),
            (RuleDraft(topic: "ROADS", unit: "LOCAL_GOV"), "target.unit", .unknown),
            (RuleDraft(topic: "ROADS", agency: "GU-77"), "target.agency", .unknown),
            (RuleDraft(topic: "ROADS"), "target", .required),
            (RuleDraft(topic: "ROADS", unit: "AD", agency: "LOCAL_GOV"), "target", .invalid),
            (RuleDraft(topic: "ROADS", region: "77", unit: "AD"), "match", .duplicate),
            (RuleDraft(priority: 50, channel: "social", agency: "LOCAL_GOV"), "match", .duplicate),
            (RuleDraft(priority: 1, unit: "DIP"), "match", .duplicate),
        ])
    func refusal(draft: RuleDraft, field: String, code: FieldProblem.Code) {
        let problems = RoutingRuleValidator.validate(draft, existing: Self.existing, directory: Self.directory)
        #expect(problems.map(\.field) == [field])
        #expect(problems.map(\.code) == [code])
        #expect(problems.allSatisfy { !$0.message.isEmpty })
        #expect(throws: RuleValidationError(problems: problems)) {
            try RoutingRuleValidator.validated(draft, existing: Self.existing, directory: Self.directory)
        }
    }

    @Test("every bad field is listed at once, in field order")
    func everyProblemAtOnce() {
        let draft = RuleDraft(topic: "NOPE", region: "00", channel: "fax", unit: "X", agency: "Y")
        let problems = RoutingRuleValidator.validate(draft, existing: Self.existing, directory: Self.directory)
        #expect(problems.map(\.field) == ["match.topic", "match.region", "match.channel", "target"])
        let unknownTarget = RoutingRuleValidator.validate(
            RuleDraft(topic: "NOPE", region: "77", agency: "Y"), existing: Self.existing, directory: Self.directory)
        #expect(unknownTarget.map(\.field) == ["match.topic", "target.agency"])
    }

    @Test("a duplicate is reported alongside other problems, and alone it is a conflict")
    func duplicateWithOthers() {
        let duplicateOnly = RuleValidationError(
            problems: RoutingRuleValidator.validate(
                RuleDraft(topic: "ROADS", region: "77", unit: "AD"), existing: Self.existing, directory: Self.directory)
        )
        #expect(duplicateOnly.isDuplicateOnly)
        #expect(duplicateOnly.problems.first?.message == "rule #1 already matches topic=ROADS, region=77")
        let both = RuleValidationError(
            problems: RoutingRuleValidator.validate(
                RuleDraft(topic: "ROADS", region: "77", unit: "NOPE"), existing: Self.existing,
                directory: Self.directory))
        #expect(both.problems.map(\.field) == ["target.unit", "match"])
        #expect(!both.isDuplicateOnly)
        #expect(!RuleValidationError(problems: []).isDuplicateOnly)
    }

    @Test("a match differing in any key is not a duplicate")
    func nearDuplicates() {
        for draft in [
            RuleDraft(topic: "ROADS", region: "77", channel: "portal", unit: "AD"),
            RuleDraft(topic: "ROADS", unit: "AD"),
            RuleDraft(region: "77", unit: "AD"),
            RuleDraft(topic: "ROADS", region: "41", unit: "AD"),
        ] {
            #expect(RoutingRuleValidator.validate(draft, existing: Self.existing, directory: Self.directory) == [])
        }
    }

    @Test("the error's description lists every problem for the log")
    func errorDescription() {
        let error = RuleValidationError(problems: [
            FieldProblem(field: "match.topic", code: .unknown, message: "no topic \"NOPE\" in the directory"),
            FieldProblem(field: "target", code: .required, message: "name a unit or an agency"),
        ])
        #expect(
            error.description
                == "invalid routing rule: match.topic: unknown: no topic \"NOPE\" in the directory; "
                + "target: required: name a unit or an agency")
    }
}
