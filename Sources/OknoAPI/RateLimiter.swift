import Synchronization

/// A token bucket per client address: `burst` requests at once, refilled at `ratePerSecond`.
public final class RateLimiter: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Sustained requests per second per client; 0 turns limiting off. Default: 5.
        public var ratePerSecond: Double
        /// Requests a client may make at once. Default: 20.
        public var burst: Double

        public init(ratePerSecond: Double = 5, burst: Double = 20) {
            self.ratePerSecond = ratePerSecond
            self.burst = burst
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Buckets kept before full ones are forgotten.
    static let pruneThreshold = 10_000

    public let settings: Settings
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Takes one token for `client` at `now` (seconds); returns nil when allowed, else the
    /// seconds until a token is available, for `Retry-After`.
    public func acquire(client: String, now: Double) -> Int? {
        guard settings.ratePerSecond > 0 else { return nil }
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: settings.burst, updated: now)
            bucket.tokens = min(settings.burst, bucket.tokens + (now - bucket.updated) * settings.ratePerSecond)
            bucket.updated = now
            defer {
                buckets[client] = bucket
                if buckets.count > Self.pruneThreshold { prune(&buckets, now: now) }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / settings.ratePerSecond).rounded(.up)))
        }
    }

    private func prune(_ buckets: inout [String: Bucket], now: Double) {
        buckets = buckets.filter {
            $0.value.tokens + (now - $0.value.updated) * settings.ratePerSecond < settings.burst
        }
    }
}
