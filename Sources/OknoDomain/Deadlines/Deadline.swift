import Foundation

/// A due date and the instant it ends: 24:00 local time of `dueDate`.
public struct Deadline: Hashable, Sendable {
    public let kind: DeadlineKind
    /// The last local calendar day of the term.
    public let dueDate: LocalDate
    /// The end of `dueDate` in the region's time zone; a step at `t` is on time iff `t < dueAt`.
    public let dueAt: Date

    /// A deadline as stored; the caller vouches that `dueAt` ends `dueDate`.
    public init(kind: DeadlineKind, dueDate: LocalDate, dueAt: Date) {
        self.kind = kind
        self.dueDate = dueDate
        self.dueAt = dueAt
    }

    /// A deadline ending at 24:00 of `dueDate` in a time zone.
    public init(kind: DeadlineKind, dueDate: LocalDate, in timeZone: TimeZone) {
        self.init(kind: kind, dueDate: dueDate, dueAt: dueDate.adding(days: 1).startOfDay(in: timeZone))
    }

    /// The deadline of a term starting at an instant: registration, or reopening for reconsideration.
    ///
    /// The due date is the local date of `start` plus the kind's days, moved off non-working days
    /// as `calendar` says.
    /// - Parameters:
    ///   - start: When the term starts, e.g. `registered_at`.
    ///   - timeZone: The time zone of the message's region.
    ///   - terms: The directory's deadline terms.
    ///   - calendar: Non-working days to avoid. Default: none, plain calendar days.
    public init(
        kind: DeadlineKind,
        from start: Date,
        in timeZone: TimeZone,
        terms: DeadlineDays,
        calendar: WorkingCalendar = WorkingCalendar()
    ) {
        let nominal = LocalDate.of(start, in: timeZone).adding(days: kind.days(in: terms))
        self.init(kind: kind, dueDate: calendar.dueDate(for: nominal), in: timeZone)
    }

    /// Whether a step done at `instant` meets this deadline.
    public func isMet(at instant: Date) -> Bool {
        instant < dueAt
    }

    /// `due_date − today`, with today the local date of `instant`; negative once overdue.
    public func daysLeft(at instant: Date, in timeZone: TimeZone) -> Int {
        dueDate.days(from: LocalDate.of(instant, in: timeZone))
    }
}
