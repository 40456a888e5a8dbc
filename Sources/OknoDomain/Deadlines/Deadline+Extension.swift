import Foundation

extension Deadline {
    /// The days by which an answer deadline may be extended: 1...30.
    public static let extensionDays = 1...30

    /// The same deadline moved `days` calendar days later, off non-working days.
    ///
    /// Only answer deadlines extend; that an approver extends once is the lifecycle's rule.
    /// - Throws: `DeadlineError` for a forward deadline or days outside `extensionDays`.
    public func extended(
        byDays days: Int,
        in timeZone: TimeZone,
        calendar: WorkingCalendar = WorkingCalendar()
    ) throws(DeadlineError) -> Deadline {
        guard kind != .forward else { throw .notExtendable(kind) }
        guard Self.extensionDays.contains(days) else { throw .extensionOutOfRange(days) }
        return Deadline(kind: kind, dueDate: calendar.dueDate(for: dueDate.adding(days: days)), in: timeZone)
    }

    /// The new answer term of a message reopened for reconsideration, counted from the local date
    /// of the reopening.
    public static func reconsideration(
        reopenedAt: Date,
        expedited: Bool,
        in timeZone: TimeZone,
        terms: DeadlineDays,
        calendar: WorkingCalendar = WorkingCalendar()
    ) -> Deadline {
        Deadline(
            kind: .answer(expedited: expedited), from: reopenedAt, in: timeZone, terms: terms,
            calendar: calendar)
    }
}
