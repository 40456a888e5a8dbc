/// Who holds a newly registered message, and in which state, given its route.
///
/// A unit route assigns the message to that unit. An agency route assigns it to the
/// administrative department (`AD`) with the agency as `suggestedAgency`, until the registrar
/// forwards it; it then also has a forward deadline. No route leaves it `registered` with the
/// administrative department, in its triage queue, until the registrar routes it.
public struct RoutingAssignment: Hashable, Sendable {
    /// The message's state right after registration.
    public enum Status: String, Hashable, Sendable {
        case assigned
        case registered
    }

    /// The unit that holds out-of-competence and unrouted messages: `AD`.
    public static let administrativeDepartment = "AD"

    public let status: Status
    /// The holding unit: the route's unit, else `administrativeDepartment`.
    public let unit: String
    /// The external agency the message should be forwarded to, for an agency route.
    public let suggestedAgency: String?

    public init(target: RouteTarget?) {
        switch target {
        case .unit(let code): (status, unit, suggestedAgency) = (.assigned, code, nil)
        case .agency(let code): (status, unit, suggestedAgency) = (.assigned, Self.administrativeDepartment, code)
        case nil: (status, unit, suggestedAgency) = (.registered, Self.administrativeDepartment, nil)
        }
    }

    public init(decision: RoutingDecision) {
        self.init(target: decision.target)
    }

    /// Whether the message must be forwarded by a forward deadline (`DeadlineKind.forward`, 7 days by default).
    public var needsForwardDeadline: Bool { suggestedAgency != nil }

    /// The deadlines that start at registration: the answer, plus forwarding for an agency route.
    public func deadlineKinds(expedited: Bool) -> [DeadlineKind] {
        [.answer(expedited: expedited)] + (needsForwardDeadline ? [.forward] : [])
    }
}
