/// Checks a routing rule draft against the directory and the rules already in force.
///
/// Refuses codes the directory does not know (topic, region, unit, agency) and channels that do
/// not exist, a target naming both or neither of unit and agency, and a match exactly equal to an
/// existing rule's (priority would be the only difference, which makes resolution depend on a
/// number nobody reads). A match naming no key is allowed: a catch-all with the lowest
/// specificity, which takes precedence over every default route.
public enum RoutingRuleValidator {
    /// Every problem of the draft, in field order; empty when it is valid.
    public static func validate(_ draft: RuleDraft, existing: [RoutingRule], directory: Directory) -> [FieldProblem] {
        check(draft, existing: existing, directory: directory).problems
    }

    /// The draft checked, ready to become a rule.
    /// - Throws: `RuleValidationError` listing every problem.
    public static func validated(
        _ draft: RuleDraft, existing: [RoutingRule], directory: Directory
    ) throws(RuleValidationError) -> ValidRuleDraft {
        let (problems, valid) = check(draft, existing: existing, directory: directory)
        guard let valid, problems.isEmpty else { throw RuleValidationError(problems: problems) }
        return valid
    }

    private static func check(
        _ draft: RuleDraft, existing: [RoutingRule], directory: Directory
    ) -> (problems: [FieldProblem], valid: ValidRuleDraft?) {
        var problems: [FieldProblem] = []
        if let topic = draft.topic, directory.topic(topic) == nil {
            problems.append(
                .init(field: "match.topic", code: .unknown, message: "no topic \"\(topic)\" in the directory"))
        }
        if let region = draft.region, directory.region(region) == nil {
            problems.append(
                .init(field: "match.region", code: .unknown, message: "no region \"\(region)\" in the directory"))
        }
        var channel: Channel?
        if let name = draft.channel {
            channel = Channel(rawValue: name)
            if channel == nil {
                let known = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(
                    .init(field: "match.channel", code: .unknown, message: "no channel \"\(name)\"; one of \(known)"))
            }
        }
        let target = checkTarget(draft, directory: directory, problems: &problems)
        let match = RuleMatch(topic: draft.topic, region: draft.region, channel: channel)
        let channelUnderstood = draft.channel == nil || channel != nil
        if channelUnderstood, let twin = existing.first(where: { $0.match == match }) {
            problems.append(
                .init(field: "match", code: .duplicate, message: "rule #\(twin.id) already matches \(match)"))
        }
        guard problems.isEmpty, let target else { return (problems, nil) }
        return ([], ValidRuleDraft(priority: draft.priority, match: match, target: target))
    }

    private static func checkTarget(
        _ draft: RuleDraft, directory: Directory, problems: inout [FieldProblem]
    ) -> RouteTarget? {
        switch (draft.unit, draft.agency) {
        case (nil, nil):
            problems.append(.init(field: "target", code: .required, message: "name a unit or an agency"))
            return nil
        case (.some, .some):
            problems.append(.init(field: "target", code: .invalid, message: "name a unit or an agency, not both"))
            return nil
        case (let unit?, nil):
            guard directory.unit(unit) != nil else {
                problems.append(
                    .init(field: "target.unit", code: .unknown, message: "no unit \"\(unit)\" in the directory"))
                return nil
            }
            return .unit(unit)
        case (nil, let agency?):
            guard directory.agency(agency) != nil else {
                problems.append(
                    .init(field: "target.agency", code: .unknown, message: "no agency \"\(agency)\" in the directory"))
                return nil
            }
            return .agency(agency)
        }
    }
}
