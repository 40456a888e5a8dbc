/// One row of `Lifecycle.table`: who may do an action in which statuses, with what, and to what end.
public struct TransitionRule: Hashable, Sendable {
    /// The status after the transition.
    public enum Target: Hashable, Sendable {
        case status(MessageStatus)
        /// The status stays, e.g. for `extend`.
        case unchanged
    }

    public let action: LifecycleAction
    /// The statuses in which the action is allowed.
    public let from: [MessageStatus]
    public let to: Target
    /// Who may perform it; executors and approvers only on their own unit's messages (`Lifecycle.canSee`).
    public let performers: [LifecycleActor.Kind]
    /// Body fields that must be present and valid.
    public let fields: [RequiredField]
    public let preconditions: [Precondition]
    /// Applied in order to the message.
    public let effects: [Effect]
    /// The type of the event the store records, e.g. `message.assigned`.
    public let eventType: String

    public init(
        _ action: LifecycleAction,
        from: [MessageStatus],
        to: Target,
        by performers: [LifecycleActor.Kind],
        fields: [RequiredField] = [],
        preconditions: [Precondition] = [],
        effects: [Effect] = [],
        event eventType: String
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.performers = performers
        self.fields = fields
        self.preconditions = preconditions
        self.effects = effects
        self.eventType = eventType
    }

    /// The status after the transition from `status`.
    public func next(from status: MessageStatus) -> MessageStatus {
        switch to {
        case .status(let next): next
        case .unchanged: status
        }
    }
}

/// A body field a rule requires, named as in the JSON body.
public enum RequiredField: Hashable, Sendable, CaseIterable {
    /// A unit code of the directory.
    case unit
    /// An agency code of the directory.
    case agency
    /// Free text, 1...`maxReasonLength` characters after trimming.
    case reason
    /// `reason` holding a `ClosureReason`.
    case closureReason
    /// Free text like `reason`.
    case comment
    /// An integer within `Deadline.extensionDays`.
    case days
    /// Exactly one of `text` (the answer) or `template` (a template code).
    case textOrTemplate

    /// The JSON member a missing field is reported on: `text` stands for `text|template`.
    public var name: String {
        switch self {
        case .unit: "unit"
        case .agency: "agency"
        case .reason, .closureReason: "reason"
        case .comment: "comment"
        case .days: "days"
        case .textOrTemplate: "text"
        }
    }
}

/// A condition beyond status and role that a transition needs; a failed one is a 409.
public enum Precondition: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The answer deadline of the current term was not extended yet.
    case notExtendedYet = "not_extended_yet"
    /// There is an answer draft to submit or approve.
    case hasDraft = "has_draft"
    /// The `unit` named differs from the message's current unit.
    case targetUnitDiffers = "target_unit_differs"

    /// Whether the condition reads the request's fields, so cannot be judged for `allowed_actions`.
    public var readsFields: Bool { self == .targetUnitDiffers }

    public var description: String {
        switch self {
        case .notExtendedYet: "the answer deadline was already extended once"
        case .hasDraft: "there is no answer draft"
        case .targetUnitDiffers: "the message is already with that unit"
        }
    }
}

/// A change a transition makes to the message besides its status.
public enum Effect: String, Hashable, Sendable, CaseIterable {
    /// `unit` ← the `unit` field.
    case setUnit = "set_unit"
    /// The message no longer waits to be forwarded to the suggested agency.
    case clearSuggestedAgency = "clear_suggested_agency"
    /// `answerDraft` ← the text, or the rendered template.
    case setDraft = "set_draft"
    /// The draft goes out to the applicant as the answer.
    case sendAnswer = "send_answer"
    /// The answer deadline is met or missed at this instant.
    case recordAnswerDone = "record_answer_done"
    /// The forward deadline (if any) is met or missed at this instant; `forwardedTo` ← `agency`.
    case recordForwardDone = "record_forward_done"
    /// The answer deadline moves `days` later (`Deadline.extended`) and is marked extended.
    case extendAnswerDeadline = "extend_answer_deadline"
    /// A new answer term from the local date of this instant (`Deadline.reconsideration`), unanswered
    /// and not yet extended.
    case newTerm = "new_term"
    /// `closureReason` ← the `reason` field.
    case recordClosureReason = "record_closure_reason"
}
