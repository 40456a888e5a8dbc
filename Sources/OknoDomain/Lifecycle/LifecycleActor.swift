/// Who performs a transition: an officer's token, or the system (scheduler, rating).
///
/// Not called `Actor`, which would shadow Swift's `Actor` protocol for every importer.
public struct LifecycleActor: Hashable, Sendable {
    /// The kind of performer a transition rule names.
    public enum Kind: Hashable, Sendable {
        case officer(OfficerRole)
        /// The scheduler and the rating endpoint; never a token.
        case system

        public static let admin = Kind.officer(.admin)
        public static let registrar = Kind.officer(.registrar)
        public static let executor = Kind.officer(.executor)
        public static let approver = Kind.officer(.approver)
        public static let analyst = Kind.officer(.analyst)
        public static let integration = Kind.officer(.integration)

        /// Every kind: each role, then the system.
        public static let all: [Kind] = OfficerRole.allCases.map(Kind.officer) + [.system]
    }

    public let kind: Kind
    /// The unit an executor or approver works for; ignored for other roles.
    public let unit: String?

    /// An officer, with the unit of their token.
    public init(role: OfficerRole, unit: String? = nil) {
        kind = .officer(role)
        self.unit = unit
    }

    /// The system: sees every message, performs only system actions.
    public static let system = LifecycleActor(kind: .system, unit: nil)

    private init(kind: Kind, unit: String?) {
        self.kind = kind
        self.unit = unit
    }

    /// The officer's role; `nil` for the system.
    public var role: OfficerRole? {
        if case .officer(let role) = kind { return role }
        return nil
    }
}
