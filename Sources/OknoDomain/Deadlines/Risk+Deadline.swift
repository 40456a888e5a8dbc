import Foundation

extension Risk {
    /// The risk of a deadline at an instant.
    ///
    /// Open (`finishedAt == nil`): with `days_left = due_date − today` on local dates, `overdue` when
    /// `days_left < 0`, `at_risk` when `0 ≤ days_left ≤ N`, else `on_track`. Finished: `on_time`
    /// iff `finishedAt < dueAt`, else `late`.
    /// - Parameters:
    ///   - instant: Now, as injected by the caller.
    ///   - finishedAt: When the step was done, if it was.
    ///   - timeZone: The time zone of the message's region.
    ///   - atRiskDays: The thresholds N. Default: 5 for 30-day terms, 2 for shorter ones.
    public static func of(
        _ deadline: Deadline,
        at instant: Date,
        finishedAt: Date? = nil,
        in timeZone: TimeZone,
        atRiskDays: AtRiskDays = AtRiskDays()
    ) -> Risk {
        if let finishedAt {
            return deadline.isMet(at: finishedAt) ? .onTime : .late
        }
        let daysLeft = deadline.daysLeft(at: instant, in: timeZone)
        if daysLeft < 0 { return .overdue }
        return daysLeft <= atRiskDays.days(for: deadline.kind) ? .atRisk : .onTrack
    }

    /// The first instant after `instant` at which an open deadline's risk changes, or `nil` once
    /// it is overdue: the start of local day `due_date − N`, then `dueAt`.
    public static func nextChange(
        of deadline: Deadline,
        after instant: Date,
        in timeZone: TimeZone,
        atRiskDays: AtRiskDays = AtRiskDays()
    ) -> Date? {
        let atRiskFrom = deadline.dueDate.adding(days: -atRiskDays.days(for: deadline.kind)).startOfDay(in: timeZone)
        if instant < atRiskFrom { return atRiskFrom }
        if instant < deadline.dueAt { return deadline.dueAt }
        return nil
    }

    /// The risk of a message: the worst over its open deadlines at `instant`; nil when none is open.
    public static func worst(
        of openDeadlines: [Deadline], at instant: Date, in timeZone: TimeZone, atRiskDays: AtRiskDays = AtRiskDays()
    ) -> Risk? {
        worst(openDeadlines.map { of($0, at: instant, in: timeZone, atRiskDays: atRiskDays) })
    }
}
