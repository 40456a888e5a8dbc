/// Where a message goes and what decided it.
public struct RoutingDecision: Hashable, Sendable {
    /// What chose the target.
    public enum Basis: Hashable, Sendable {
        /// An administrator's rule matched.
        case rule(RoutingRule)
        /// No rule matched and the message came from social media: `DefaultRoute.socialMediaTriageUnit`.
        case socialMediaTriage
        /// No rule matched: the topic's competence in the directory.
        case competence(Directory.Topic.Competence)
        /// No rule matched and the directory gives no default route; `target` is `nil`.
        case unrouted
    }

    /// The unit or agency; `nil` when the message waits in the administrative department's triage queue.
    public let target: RouteTarget?
    public let basis: Basis
    /// The version of the rule set the decision was made with.
    public let ruleSetVersion: Int64

    public init(target: RouteTarget?, basis: Basis, ruleSetVersion: Int64) {
        self.target = target
        self.basis = basis
        self.ruleSetVersion = ruleSetVersion
    }

    /// The rule that chose the target; `nil` for a default route or none.
    public var rule: RoutingRule? {
        if case .rule(let rule) = basis { return rule }
        return nil
    }

    /// Whether the target is the built-in default route (social-media triage or competence).
    public var isDefault: Bool {
        switch basis {
        case .socialMediaTriage, .competence: true
        case .rule, .unrouted: false
        }
    }
}
