import Foundation

/// An administrator's routing rule: messages matching `match` go to `target`.
///
/// Between rules that match the same message, `outranks(_:)` decides.
public struct RoutingRule: Hashable, Sendable, Identifiable {
    /// Assigned by the store; smaller for older rules.
    public let id: Int64
    /// Breaks ties between equally specific matches: higher wins. Default: 0.
    public var priority: Int
    public var match: RuleMatch
    public var target: RouteTarget
    /// When the rule was created; breaks ties between equal priorities: older wins.
    public var createdAt: Date

    public init(id: Int64, priority: Int = 0, match: RuleMatch, target: RouteTarget, createdAt: Date) {
        self.id = id
        self.priority = priority
        self.match = match
        self.target = target
        self.createdAt = createdAt
    }

    /// Whether this rule wins over `other` when both match a message.
    ///
    /// The more specific match wins (more of topic, region, channel named), then the higher
    /// `priority`, then the older rule: earlier `createdAt`, then smaller `id`. The order is total
    /// for rules with distinct ids, so resolution never depends on the order rules are listed in.
    public func outranks(_ other: RoutingRule) -> Bool {
        if match.specificity != other.match.specificity { return match.specificity > other.match.specificity }
        return outranksAtEqualSpecificity(other)
    }

    /// `outranks(_:)` without the specificity criterion: priority, then age, then id.
    func outranksAtEqualSpecificity(_ other: RoutingRule) -> Bool {
        if priority != other.priority { return priority > other.priority }
        if createdAt != other.createdAt { return createdAt < other.createdAt }
        return id < other.id
    }
}
