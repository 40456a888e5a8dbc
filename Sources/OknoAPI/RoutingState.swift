import OknoDomain
import Synchronization

/// The routing engine in force; replaced as a whole when the rules change.
public final class RoutingState: Sendable {
    private let current: Mutex<RoutingEngine>

    public init(_ engine: RoutingEngine) {
        current = Mutex(engine)
    }

    public var engine: RoutingEngine { current.withLock { $0 } }

    /// Installs `engine` unless a newer rule set is already in force (reloads may race).
    public func replace(with engine: RoutingEngine) {
        current.withLock { if engine.ruleSet.version >= $0.ruleSet.version { $0 = engine } }
    }
}
