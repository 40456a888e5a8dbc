/// The roles of the contract, as stored on tokens.
public enum OfficerRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// Directory, routing rules, tokens; no message transitions.
    case admin
    /// Administrative department: triage, all units, reports.
    case registrar
    /// Prepares answers; own unit only.
    case executor
    /// Deputy head: approves, extends; own unit only.
    case approver
    /// Reports; read-only.
    case analyst
    /// Portal and EDMS back ends.
    case integration

    /// Whether the role sees only the messages of its own unit.
    public var isUnitScoped: Bool { self == .executor || self == .approver }
}
