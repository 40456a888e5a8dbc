/// Which way a due date moves when it falls on a non-working day.
public enum DeadlineShift: String, Hashable, Sendable, Codable, CaseIterable {
    /// Due dates stay where calendar days put them.
    case none
    /// A due date on a non-working day moves to the next working day.
    case nextWorkingDay = "next_working_day"
    /// A due date on a non-working day moves to the previous working day.
    case previousWorkingDay = "previous_working_day"
}

/// The non-working days that due dates avoid, and which way they move off them.
public struct WorkingCalendar: Hashable, Sendable {
    /// Default: `.none`, the contract's plain calendar days.
    public var shift: DeadlineShift
    /// Holidays and weekends, as local dates. Default: none.
    public var nonWorkingDays: Set<LocalDate>

    public init(shift: DeadlineShift = .none, nonWorkingDays: Set<LocalDate> = []) {
        self.shift = shift
        self.nonWorkingDays = nonWorkingDays
    }

    /// The due date after moving a nominal due date off non-working days.
    public func dueDate(for nominal: LocalDate) -> LocalDate {
        let step: Int
        switch shift {
        case .none: return nominal
        case .nextWorkingDay: step = 1
        case .previousWorkingDay: step = -1
        }
        var date = nominal
        // Terminates: the set is finite.
        while nonWorkingDays.contains(date) { date = date.adding(days: step) }
        return date
    }
}
