/// What an officer (or the system) does to a message: the `action` of a transition request.
public enum LifecycleAction: String, Hashable, Sendable, Codable, CaseIterable {
    /// `{"unit"}`: the registrar routes an unrouted message.
    case route
    /// The executor takes an assigned message into work.
    case accept
    /// `{"text"}` or `{"template"}`: writes or revises the answer draft.
    case draftAnswer = "draft_answer"
    /// The executor sends the draft for approval.
    case submit
    /// The approver approves the draft; the answer goes out.
    case approve
    /// `{"comment"}`: the approver sends the draft back for rework.
    case reject
    /// `{"days", "reason"}`: the approver extends the answer deadline, once.
    case extend
    /// `{"unit", "reason"}`: hands the message to another unit; deadlines stay.
    case reassign
    /// `{"agency", "reason"}`: sends the message to an external agency.
    case forward
    /// `{"reason"}`: closes without an answer for a legal reason.
    case closeNoAnswer = "close_no_answer"
    /// `{"reason"}`: the registrar reopens an answered message for reconsideration.
    case reopen
    /// System only: closes an answered message once rated or when the rating window passes.
    case close
}
