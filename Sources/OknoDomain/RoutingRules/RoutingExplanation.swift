/// Why a message goes where it goes: the decision, a reason for people, and the rules it beat.
public struct RoutingExplanation: Hashable, Sendable {
    /// A rule that matched the message but lost to the winner.
    public struct Beaten: Hashable, Sendable {
        /// The first resolution criterion on which the rule lost.
        public enum Cause: String, Hashable, Sendable {
            /// It names fewer of topic, region and channel.
            case lessSpecific = "less_specific"
            /// Equally specific, lower `priority`.
            case lowerPriority = "lower_priority"
            /// Equally specific and equal priority, created later.
            case newer
            /// Equally specific, equal priority, created at the same instant, larger id.
            case largerID = "larger_id"
        }

        public let rule: RoutingRule
        public let cause: Cause
        public let reason: String

        public init(rule: RoutingRule, cause: Cause, reason: String) {
            self.rule = rule
            self.cause = cause
            self.reason = reason
        }
    }

    public let decision: RoutingDecision
    /// One sentence saying why the target was chosen.
    public let reason: String
    /// Every other matching rule, best first.
    public let beaten: [Beaten]
    /// The route the message would take without rules; a winning rule overrides it.
    public let defaultTarget: RouteTarget?

    public init(decision: RoutingDecision, reason: String, beaten: [Beaten], defaultTarget: RouteTarget?) {
        self.decision = decision
        self.reason = reason
        self.beaten = beaten
        self.defaultTarget = defaultTarget
    }

    /// The unit or agency; `nil` when the message waits in the administrative department's triage queue.
    public var target: RouteTarget? { decision.target }

    /// The winning rule; `nil` for a default route or none.
    public var rule: RoutingRule? { decision.rule }
}
