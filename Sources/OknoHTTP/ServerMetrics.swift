import Synchronization

/// Request counts by route and status, a latency histogram and the open-connection gauge,
/// rendered in the Prometheus text format.
///
/// Each event loop records into its own shard so the hot path takes an uncontended lock.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds.
    public static let latencyBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ]

    struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    struct Shard {
        var requests: [Key: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.latencyBuckets.count)
        var latencySum = 0.0
        var latencyCount = 0
    }

    private final class LockedShard: Sendable {
        let state = Mutex(Shard())
    }

    private let shards: [LockedShard]
    let openConnections = Atomic<Int>(0)
    private let extraSections = Mutex<[@Sendable () -> String]>([])

    public init(shards: Int = 16) {
        self.shards = (0..<max(1, shards)).map { _ in LockedShard() }
    }

    /// Connections open right now.
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// Adds text rendered after the HTTP metrics on every scrape (for other components).
    public func addSection(_ render: @escaping @Sendable () -> String) {
        extraSections.withLock { $0.append(render) }
    }

    func record(shard: Int, method: String, route: String, status: Int, seconds: Double) {
        shards[shard % shards.count].state.withLock { shard in
            shard.requests[Key(method: method, route: route, status: status), default: 0] += 1
            if let bucket = Self.latencyBuckets.firstIndex(where: { seconds <= $0 }) {
                shard.bucketCounts[bucket] += 1
            }
            shard.latencySum += seconds
            shard.latencyCount += 1
        }
    }

    /// The Prometheus exposition text.
    public func render() -> String {
        var total = Shard()
        for shard in shards {
            shard.state.withLock { part in
                total.requests.merge(part.requests, uniquingKeysWith: +)
                for index in total.bucketCounts.indices { total.bucketCounts[index] += part.bucketCounts[index] }
                total.latencySum += part.latencySum
                total.latencyCount += part.latencyCount
            }
        }
        var text = "# HELP okno_http_requests_total HTTP requests answered, by method, route and status.\n"
        text += "# TYPE okno_http_requests_total counter\n"
        let keys = total.requests.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys {
            text +=
                "okno_http_requests_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(total.requests[key]!)\n"
        }
        text += "# HELP okno_http_request_duration_seconds Time from a complete request to its response.\n"
        text += "# TYPE okno_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (bound, count) in zip(Self.latencyBuckets, total.bucketCounts) {
            cumulative += count
            text += "okno_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        text += "okno_http_request_duration_seconds_bucket{le=\"+Inf\"} \(total.latencyCount)\n"
        text += "okno_http_request_duration_seconds_sum \(total.latencySum)\n"
        text += "okno_http_request_duration_seconds_count \(total.latencyCount)\n"
        text += "# HELP okno_http_open_connections Client connections open now.\n"
        text += "# TYPE okno_http_open_connections gauge\n"
        text += "okno_http_open_connections \(openConnectionCount)\n"
        for section in extraSections.withLock({ $0 }) {
            text += section()
        }
        return text
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("\n", "\\n")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
