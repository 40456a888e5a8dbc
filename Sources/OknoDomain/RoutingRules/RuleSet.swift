/// Every routing rule in force, with a version that changes whenever a rule is added or removed.
public struct RuleSet: Hashable, Sendable {
    /// Reported with every decision, so a route can be traced to the rules that chose it.
    public let version: Int64
    public let rules: [RoutingRule]

    public init(version: Int64, rules: [RoutingRule]) {
        self.version = version
        self.rules = rules
    }

    /// No rules: every message takes its default route. Version 0.
    public static let empty = RuleSet(version: 0, rules: [])

    /// The rule set with `rule` added, one version later.
    public func adding(_ rule: RoutingRule) -> RuleSet {
        RuleSet(version: version + 1, rules: rules + [rule])
    }

    /// The rule set without the rule `id`, one version later; `nil` when there is no such rule.
    public func removing(ruleID id: Int64) -> RuleSet? {
        guard rules.contains(where: { $0.id == id }) else { return nil }
        return RuleSet(version: version + 1, rules: rules.filter { $0.id != id })
    }
}
