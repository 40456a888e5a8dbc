import Foundation

/// A routing rule as submitted, before validation: codes as given, nothing checked yet.
///
/// Fields mirror the request body: `priority`, `match.topic`, `match.region`, `match.channel`,
/// `target.unit`, `target.agency`.
public struct RuleDraft: Hashable, Sendable {
    /// Default: 0.
    public var priority: Int
    public var topic: String?
    public var region: String?
    /// A `Channel` raw value.
    public var channel: String?
    /// Exactly one of `unit` and `agency` is required.
    public var unit: String?
    public var agency: String?

    public init(
        priority: Int = 0,
        topic: String? = nil,
        region: String? = nil,
        channel: String? = nil,
        unit: String? = nil,
        agency: String? = nil
    ) {
        self.priority = priority
        self.topic = topic
        self.region = region
        self.channel = channel
        self.unit = unit
        self.agency = agency
    }
}

/// A draft that passed `RoutingRuleValidator`: everything a rule needs but its id and creation instant.
public struct ValidRuleDraft: Hashable, Sendable {
    public let priority: Int
    public let match: RuleMatch
    public let target: RouteTarget

    /// The rule, once the store has given it an id.
    public func rule(id: Int64, createdAt: Date) -> RoutingRule {
        RoutingRule(id: id, priority: priority, match: match, target: target, createdAt: createdAt)
    }
}
