/// Where a message stands in its lifecycle.
public enum MessageStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// No route was found; waits for the administrative department to route it.
    case registered
    /// Given to a unit, not yet accepted by an executor.
    case assigned
    case inProgress = "in_progress"
    case answerDrafted = "answer_drafted"
    case onApproval = "on_approval"
    /// The answer was approved and sent; the applicant may rate it.
    case answered
    /// Rated, or the rating window passed; may still be reopened for reconsideration.
    case closed
    /// Sent to an external agency. Final.
    case forwarded
    /// Closed without an answer for a `ClosureReason`. Final.
    case closedNoAnswer = "closed_no_answer"

    /// The statuses in which the answer deadline runs: before an answer was sent or the message left.
    public static let open: [MessageStatus] = [.registered, .assigned, .inProgress, .answerDrafted, .onApproval]

    /// Whether the answer deadline still runs.
    public var isOpen: Bool { Self.open.contains(self) }

    /// Whether no action leads out of this status.
    public var isFinal: Bool { self == .forwarded || self == .closedNoAnswer }
}
