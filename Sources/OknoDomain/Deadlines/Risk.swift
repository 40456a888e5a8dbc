/// How a deadline stands: open ones are on track, at risk or overdue; finished ones on time or late.
public enum Risk: String, Hashable, Sendable, Codable, CaseIterable {
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case overdue
    case onTime = "on_time"
    case late

    /// Whether this is the risk of an open deadline.
    public var isOpen: Bool {
        switch self {
        case .onTrack, .atRisk, .overdue: true
        case .onTime, .late: false
        }
    }

    /// The worst of several risks, e.g. of a message's open deadlines; `nil` when there are none.
    ///
    /// Open risks rank `overdue` > `at_risk` > `on_track`, above finished ones (`late` > `on_time`).
    public static func worst(_ risks: some Sequence<Risk>) -> Risk? {
        risks.max { $0.severity < $1.severity }
    }

    private var severity: Int {
        switch self {
        case .onTime: 0
        case .late: 1
        case .onTrack: 2
        case .atRisk: 3
        case .overdue: 4
        }
    }
}
