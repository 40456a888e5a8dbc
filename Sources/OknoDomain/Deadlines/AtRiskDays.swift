/// How many days before its due date an open deadline counts as at risk (`at_risk_days`).
public struct AtRiskDays: Hashable, Sendable, Codable {
    /// For 30-day answer terms. Default: 5.
    public var thirtyDay: Int
    /// For 10-day expedited and 7-day forward terms. Default: 2.
    public var short: Int

    public init(thirtyDay: Int = 5, short: Int = 2) {
        self.thirtyDay = thirtyDay
        self.short = short
    }

    /// The threshold N for a deadline kind; extended and renewed terms keep their kind's N.
    public func days(for kind: DeadlineKind) -> Int {
        kind == .answer ? thirtyDay : short
    }

    enum CodingKeys: String, CodingKey {
        case thirtyDay = "thirty_day"
        case short
    }
}
