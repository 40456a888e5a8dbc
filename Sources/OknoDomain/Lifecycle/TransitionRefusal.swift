/// Why a transition was refused; a refused transition changes nothing.
///
/// The API answers `notVisible` with 404, `forbiddenRole` with 403, `notAllowedInState` and
/// `preconditionFailed` with 409, `invalidFields` with 422.
public enum TransitionRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// An executor or approver asked about another unit's message (or an unrouted one).
    case notVisible
    /// The performer may do this action in no status at all.
    case forbiddenRole
    /// The performer may do this action, but not in the message's status; `allowed` is what they may do.
    case notAllowedInState(allowed: [LifecycleAction])
    /// Every missing or invalid body field.
    case invalidFields([FieldProblem])
    case preconditionFailed(Precondition)

    public var description: String {
        switch self {
        case .notVisible: "the message is not visible to this officer"
        case .forbiddenRole: "the role may not perform this action"
        case .notAllowedInState(let allowed):
            "the action is not allowed in the current status; allowed: "
                + (allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))
        case .invalidFields(let problems): "invalid fields: " + problems.map(\.description).joined(separator: "; ")
        case .preconditionFailed(let precondition): precondition.description
        }
    }
}
