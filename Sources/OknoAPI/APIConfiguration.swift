import OknoDomain

/// The settings the endpoints need.
public struct APIConfiguration: Sendable {
    /// Deepest JSON nesting accepted in a request body. Default: 32.
    public var maxJSONDepth = 32
    /// Origins allowed to call the public endpoints from a browser; `*` allows any. Default: none.
    public var corsOrigins: [String] = []
    /// Per-client-address limit on the public endpoints.
    public var rateLimit = RateLimiter.Settings()
    /// Take the client address from the last `X-Forwarded-For` entry (set by the TLS proxy).
    /// Default: false.
    public var trustForwardedFor = false
    /// Days before a due date at which a deadline is at risk. Default: 5 for 30-day terms, 2 otherwise.
    public var atRiskDays = AtRiskDays()
    /// Days the applicant may rate an answer. Default: 30.
    public var ratingWindowDays = 30
    /// Non-working days and the deadline shift. Default: calendar days, no shift.
    public var workingCalendar = WorkingCalendar()
    /// How long an officer's read of personal data waits for others to share its audit write.
    /// Default: 50 ms.
    public var personalDataReadBatch = Duration.milliseconds(50)

    public init() {}
}
