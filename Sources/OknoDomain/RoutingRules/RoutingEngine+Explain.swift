import Foundation

extension RoutingEngine {
    /// The decision for a message with these codes, why it was made, and the matching rules that lost.
    ///
    /// Matching rules are found by scanning every rule, not through the index: explanations are
    /// for people, and an independent path lets tests check the index against it.
    public func explain(topic: String, region: String, channel: Channel) -> RoutingExplanation {
        let decision = decide(topic: topic, region: region, channel: channel)
        let fallback = defaultDecision(topic: topic, region: region, channel: channel)
        let matching = matchingRules(topic: topic, region: region, channel: channel)
        var beaten: [RoutingExplanation.Beaten] = []
        if let winner = decision.rule {
            beaten = matching.filter { $0 != winner }.map { Self.beaten($0, by: winner) }
        }
        let reason: String
        if let winner = decision.rule {
            let others = beaten.isEmpty ? "" : "; it beats \(Self.count(beaten.count, "other matching rule"))"
            let overridden =
                fallback.target.map { "the default route (\($0.spelled))" } ?? "the absence of a default route"
            reason =
                "rule #\(winner.id) matches \(winner.match) (\(winner.match.specificity) of 3 keys, "
                + "priority \(winner.priority))\(others); explicit rules take precedence over \(overridden)"
        } else {
            reason = "no rule matches; " + defaultReason(decision, topic: topic, region: region)
        }
        return RoutingExplanation(decision: decision, reason: reason, beaten: beaten, defaultTarget: fallback.target)
    }

    private func defaultReason(_ decision: RoutingDecision, topic: String, region: String) -> String {
        let target = decision.target?.spelled ?? ""
        switch decision.basis {
        case .socialMediaTriage:
            return "messages from social media go to \(DefaultRoute.socialMediaTriageUnit) for triage"
        case .competence(.territorial):
            return "\(topic) is a territorial topic, answered by the territorial body of region \(region): \(target)"
        case .competence(.central):
            return "\(topic) is a central topic, answered by \(target)"
        case .competence(.external):
            return
                "\(topic) is outside the ministry's competence: the administrative department "
                + "(\(RoutingAssignment.administrativeDepartment)) forwards it to \(target) within "
                + "\(Self.count(directory.deadlineDays.forwardOutOfCompetence, "day"))"
        case .rule, .unrouted:
            return unroutedReason(topic: topic, region: region)
                + "; the message stays registered in the administrative department's triage queue"
        }
    }

    private func unroutedReason(topic topicCode: String, region: String) -> String {
        guard let topic = directory.topic(topicCode) else { return "topic \(topicCode) is not in the directory" }
        guard directory.region(region) != nil else { return "region \(region) is not in the directory" }
        switch topic.competence {
        case .territorial:
            return "the directory has no territorial body \(Directory.territorialUnitCode(forRegion: region))"
        case .central:
            return "the directory lacks unit \(topic.unit ?? "(none)") of central topic \(topicCode)"
        case .external:
            return "the directory lacks agency \(topic.agency ?? "(none)") of external topic \(topicCode)"
        }
    }

    private static func beaten(_ loser: RoutingRule, by winner: RoutingRule) -> RoutingExplanation.Beaten {
        let (cause, why): (RoutingExplanation.Beaten.Cause, String)
        if loser.match.specificity != winner.match.specificity {
            cause = .lessSpecific
            why =
                "names \(loser.match.specificity) of 3 keys, rule #\(winner.id) names \(winner.match.specificity)"
        } else if loser.priority != winner.priority {
            cause = .lowerPriority
            why = "priority \(loser.priority) is below rule #\(winner.id)'s \(winner.priority)"
        } else if loser.createdAt != winner.createdAt {
            cause = .newer
            why =
                "at equal priority \(loser.priority), created \(loser.createdAt.formatted(.iso8601)), "
                + "after rule #\(winner.id) (\(winner.createdAt.formatted(.iso8601)))"
        } else {
            cause = .largerID
            why = "created at the same instant as rule #\(winner.id), with a larger id"
        }
        return .init(rule: loser, cause: cause, reason: "rule #\(loser.id) (\(loser.match)) " + why)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}

extension RouteTarget {
    /// `unit GU-77` or `agency LOCAL_GOV`.
    var spelled: String {
        switch self {
        case .unit(let code): "unit \(code)"
        case .agency(let code): "agency \(code)"
        }
    }
}
