import Foundation
import OknoDomain
import OknoHTTP
import OknoStore
import Synchronization

/// What the endpoints work with: the store, the directory, settings, clocks and shared state.
public final class Services: Sendable {
    public let store: Store
    public let directory: Directory
    public let configuration: APIConfiguration
    public let metrics: ServerMetrics
    public let readiness: Readiness
    public let routing: RoutingState
    /// Officers' reads of personal data, written in batches; flush it before closing the store.
    public let personalDataReads: PersonalDataReadLog
    /// Wall-clock time, injected so tests can fix it.
    public let now: @Sendable () -> Date
    let rateLimiter: RateLimiter
    let cors: CORS

    public init(
        store: Store, directory: Directory, configuration: APIConfiguration, metrics: ServerMetrics,
        readiness: Readiness = Readiness(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.directory = directory
        self.configuration = configuration
        self.metrics = metrics
        self.readiness = readiness
        self.routing = RoutingState(RoutingEngine(ruleSet: .empty, directory: directory))
        self.personalDataReads = PersonalDataReadLog(writer: store.writer, delay: configuration.personalDataReadBatch) {
            Log.storeFailure("message.personal_data_read", $0)
        }
        self.now = now
        self.rateLimiter = RateLimiter(settings: configuration.rateLimit)
        self.cors = CORS(origins: Set(configuration.corsOrigins))
        metrics.addSection { [writer = store.writer] in Self.renderWriterMetrics(writer.statistics) }
    }

    /// The database writer's counters in the Prometheus text format: items per commit is the
    /// group commit's batch size.
    static func renderWriterMetrics(_ statistics: DatabaseWriter.Statistics) -> String {
        """
        # HELP okno_db_write_commits_total Write transactions committed by the database writer.
        # TYPE okno_db_write_commits_total counter
        okno_db_write_commits_total \(statistics.commits)
        # HELP okno_db_write_items_total Work items (registrations, changes) the database writer ran.
        # TYPE okno_db_write_items_total counter
        okno_db_write_items_total \(statistics.items)

        """
    }

    /// Rebuilds the routing engine from the stored rules (after a change, or when another process changed them).
    public func reloadRouting() throws {
        let ruleSet = try store.read { try RoutingRuleRepository.ruleSet($0) }
        routing.replace(with: RoutingEngine(ruleSet: ruleSet, directory: directory))
    }

    /// The client's address: the peer, or the last `X-Forwarded-For` hop when the proxy is trusted.
    func clientAddress(_ request: HTTPRequest) -> String {
        if configuration.trustForwardedFor, let forwarded = request.headers.values("x-forwarded-for").last,
            let last = forwarded.split(separator: ",").last
        {
            return last.trimmingCharacters(in: " \t")
        }
        return request.remoteAddress
    }
}

/// Whether the service accepts work: set once the store is open, cleared when shutdown starts.
public final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)

    public init() {}

    public var isReady: Bool { ready.load(ordering: .relaxed) }

    public func set(_ value: Bool) {
        ready.store(value, ordering: .relaxed)
    }
}
