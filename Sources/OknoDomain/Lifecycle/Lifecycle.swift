/// The message lifecycle as one table, used both to perform transitions and to list allowed actions.
///
/// Decisions beyond the contract, all visible in `table`:
/// - `reassign` works in `assigned`, `in_progress`, `answer_drafted` and `on_approval` and always
///   lands in `assigned`: the new unit has not accepted the message yet. Deadlines stay; the draft
///   stays; a suggested agency is cleared (the message no longer waits to be forwarded).
/// - `forward`, `close_no_answer` and `extend` work in every open status (`MessageStatus.open`).
/// - `reject` returns to `in_progress` keeping the draft for rework.
/// - `reopen` starts a new, unanswered, not yet extended term; the earlier answer stays sent.
/// - `admin`, `analyst` and `integration` perform no transitions; `close` is the system's alone.
public enum Lifecycle {
    /// Every allowed transition; `allowedActions` lists actions in this order.
    public static let table: [TransitionRule] = [
        TransitionRule(
            .route, from: [.registered], to: .status(.assigned), by: [.registrar],
            fields: [.unit], effects: [.setUnit], event: "message.assigned"),
        TransitionRule(
            .accept, from: [.assigned], to: .status(.inProgress), by: [.executor],
            event: "message.in_progress"),
        TransitionRule(
            .draftAnswer, from: [.inProgress, .answerDrafted], to: .status(.answerDrafted),
            by: [.executor, .approver], fields: [.textOrTemplate], effects: [.setDraft],
            event: "message.answer_drafted"),
        TransitionRule(
            .submit, from: [.answerDrafted], to: .status(.onApproval), by: [.executor],
            preconditions: [.hasDraft], event: "message.on_approval"),
        TransitionRule(
            .approve, from: [.onApproval], to: .status(.answered), by: [.approver],
            preconditions: [.hasDraft], effects: [.sendAnswer, .recordAnswerDone], event: "message.answered"),
        TransitionRule(
            .reject, from: [.onApproval], to: .status(.inProgress), by: [.approver],
            fields: [.comment], event: "message.rejected"),
        TransitionRule(
            .extend, from: MessageStatus.open, to: .unchanged, by: [.approver],
            fields: [.days, .reason], preconditions: [.notExtendedYet], effects: [.extendAnswerDeadline],
            event: "message.extended"),
        TransitionRule(
            .reassign, from: [.assigned, .inProgress, .answerDrafted, .onApproval], to: .status(.assigned),
            by: [.registrar, .approver], fields: [.unit, .reason], preconditions: [.targetUnitDiffers],
            effects: [.setUnit, .clearSuggestedAgency], event: "message.assigned"),
        TransitionRule(
            .forward, from: MessageStatus.open, to: .status(.forwarded), by: [.registrar, .approver],
            fields: [.agency, .reason], effects: [.recordForwardDone, .clearSuggestedAgency],
            event: "message.forwarded"),
        TransitionRule(
            .closeNoAnswer, from: MessageStatus.open, to: .status(.closedNoAnswer), by: [.registrar, .approver],
            fields: [.closureReason], effects: [.recordClosureReason], event: "message.closed"),
        TransitionRule(
            .reopen, from: [.answered, .closed], to: .status(.inProgress), by: [.registrar],
            fields: [.reason], effects: [.newTerm], event: "message.reopened"),
        TransitionRule(
            .close, from: [.answered], to: .status(.closed), by: [.system], event: "message.closed"),
    ]

    /// Whether a performer may see a message at all: executors and approvers only their own unit's
    /// (the API answers 404 for the others); everyone else every message.
    public static func canSee(messageUnit: String?, principal: LifecycleActor) -> Bool {
        guard let role = principal.role, role.isUnitScoped else { return true }
        return messageUnit != nil && messageUnit == principal.unit
    }

    /// What a performer may do with a message now, in table order without repeats (`allowed_actions`).
    ///
    /// Leaves out actions whose preconditions on the message fail (`extend` once extended); those
    /// that depend on the request's fields are judged only by `apply`.
    public static func allowedActions(for message: MessageSnapshot, principal: LifecycleActor) -> [LifecycleAction] {
        guard canSee(messageUnit: message.unit, principal: principal) else { return [] }
        var actions: [LifecycleAction] = []
        for rule in table
        where rule.from.contains(message.status) && rule.performers.contains(principal.kind)
            && firstFailure(of: rule.preconditions.filter { !$0.readsFields }, message: message) == nil
            && !actions.contains(rule.action)
        {
            actions.append(rule.action)
        }
        return actions
    }

    /// The first precondition that fails; `unit` is the request's target unit, if validated.
    static func firstFailure(of preconditions: [Precondition], message: MessageSnapshot, unit: String? = nil)
        -> Precondition?
    {
        preconditions.first { precondition in
            switch precondition {
            case .notExtendedYet: message.extended
            case .hasDraft: message.answerDraft == nil
            case .targetUnitDiffers: unit == message.unit
            }
        }
    }
}
