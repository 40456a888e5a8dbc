/// A change to a deadline that the rules do not allow.
public enum DeadlineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Extensions must be within `Deadline.extensionDays`.
    case extensionOutOfRange(Int)
    /// Only answer deadlines can be extended.
    case notExtendable(DeadlineKind)

    public var description: String {
        switch self {
        case .extensionOutOfRange(let days):
            "an extension must be \(Deadline.extensionDays.lowerBound) to \(Deadline.extensionDays.upperBound) days, got \(days)"
        case .notExtendable(let kind):
            "a \(kind.rawValue) deadline cannot be extended"
        }
    }
}
