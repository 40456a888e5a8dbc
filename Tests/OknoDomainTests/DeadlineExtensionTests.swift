import Foundation
import OknoDomain
import Testing

@Suite("Deadline extension and reconsideration")
struct DeadlineExtensionTests {
    static let deadline = Deadline(kind: .answer, dueDate: date("2026-12-29"), in: Fixtures.moscow)

    @Test(
        "an answer deadline extends by 1 to 30 days",
        arguments: [
            (1, "2026-12-30", "2026-12-30T21:00:00Z"), (30, "2027-01-28", "2027-01-28T21:00:00Z"),
        ])
    func extendsWithinLimit(days: Int, dueDate: String, dueAt: String) throws {
        let extended = try Self.deadline.extended(byDays: days, in: Fixtures.moscow)
        #expect(extended == Deadline(kind: .answer, dueDate: date(dueDate), dueAt: instant(dueAt)))
    }

    @Test("extensions outside 1...30 days are refused", arguments: [0, -1, 31])
    func refusesOutOfRange(days: Int) {
        #expect(throws: DeadlineError.extensionOutOfRange(days)) {
            try Self.deadline.extended(byDays: days, in: Fixtures.moscow)
        }
    }

    @Test("a forward deadline cannot be extended")
    func forwardNotExtendable() {
        let forward = Deadline(kind: .forward, dueDate: date("2026-12-06"), in: Fixtures.moscow)
        #expect(throws: DeadlineError.notExtendable(.forward)) {
            try forward.extended(byDays: 5, in: Fixtures.moscow)
        }
        #expect(DeadlineError.notExtendable(.forward).description == "a forward deadline cannot be extended")
        #expect(DeadlineError.extensionOutOfRange(31).description == "an extension must be 1 to 30 days, got 31")
    }

    @Test("an extension lands off non-working days")
    func extensionShifts() throws {
        let calendar = WorkingCalendar(shift: .nextWorkingDay, nonWorkingDays: [date("2027-01-03")])
        let extended = try Self.deadline.extended(byDays: 5, in: Fixtures.moscow, calendar: calendar)
        #expect(extended.dueDate == date("2027-01-04"))
    }

    @Test(
        "reconsideration starts a new term from the local date of reopening",
        arguments: [
            (false, "2027-02-10T12:30:00Z", "2027-03-13"),
            (true, "2027-02-10T12:30:00Z", "2027-02-21"),
            (false, "2027-02-10T11:59:59Z", "2027-03-12"),
        ])
    func reconsideration(expedited: Bool, reopenedAt: String, dueDate: String) {
        let deadline = Deadline.reconsideration(
            reopenedAt: instant(reopenedAt), expedited: expedited, in: Fixtures.kamchatka, terms: DeadlineDays())
        #expect(deadline.kind == (expedited ? .expeditedAnswer : .answer))
        #expect(deadline.dueDate == date(dueDate))
        #expect(deadline.dueAt == date(dueDate).adding(days: 1).startOfDay(in: Fixtures.kamchatka))
    }
}
