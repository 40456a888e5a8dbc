import Foundation
import OknoDomain
import Testing

@Suite("WorkingCalendar")
struct WorkingCalendarTests {
    /// New-year holidays 2027 (Friday 1 to Sunday 10 January).
    static let holidays = Set((1...10).map { date("2027-01-\($0 < 10 ? "0" : "")\($0)") })

    @Test(
        "a due date on a non-working day moves as the shift says",
        arguments: [
            (DeadlineShift.none, "2027-01-09", "2027-01-09T21:00:00Z"),
            (.nextWorkingDay, "2027-01-11", "2027-01-11T21:00:00Z"),
            (.previousWorkingDay, "2026-12-31", "2026-12-31T21:00:00Z"),
        ])
    func shiftsOffNonWorkingDays(shift: DeadlineShift, dueDate: String, dueAt: String) {
        let calendar = WorkingCalendar(shift: shift, nonWorkingDays: Self.holidays)
        let deadline = Deadline(
            kind: .expeditedAnswer, from: instant("2026-12-30T09:00:00Z"), in: Fixtures.moscow,
            terms: DeadlineDays(), calendar: calendar)
        #expect(deadline.dueDate == date(dueDate))
        #expect(deadline.dueAt == instant(dueAt))
    }

    @Test("a due date on a working day stays", arguments: DeadlineShift.allCases)
    func workingDayStays(shift: DeadlineShift) {
        let calendar = WorkingCalendar(shift: shift, nonWorkingDays: Self.holidays)
        #expect(calendar.dueDate(for: date("2027-01-11")) == date("2027-01-11"))
        #expect(calendar.dueDate(for: date("2026-12-31")) == date("2026-12-31"))
    }

    @Test("by default due dates stay on calendar days")
    func defaultIsNone() {
        let calendar = WorkingCalendar()
        #expect(calendar.shift == .none)
        #expect(calendar.dueDate(for: date("2027-01-01")) == date("2027-01-01"))
    }

    @Test(
        "shift settings use snake_case names",
        arguments: [
            (DeadlineShift.none, "none"), (.nextWorkingDay, "next_working_day"),
            (.previousWorkingDay, "previous_working_day"),
        ])
    func rawValues(shift: DeadlineShift, name: String) {
        #expect(shift.rawValue == name)
    }
}
