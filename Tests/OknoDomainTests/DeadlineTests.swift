import Foundation
import OknoDomain
import Testing

@Suite("Deadline")
struct DeadlineTests {
    static let terms = DeadlineDays()

    @Test(
        "due dates count from the local registration date and end at 24:00 local",
        arguments: [
            // Already 2026-11-30 00:30 in Kamchatka (UTC+12).
            ("2026-11-29T12:30:00Z", "Asia/Kamchatka", DeadlineKind.answer, "2026-12-30", "2026-12-30T12:00:00Z"),
            ("2026-11-29T12:30:00Z", "Asia/Kamchatka", .expeditedAnswer, "2026-12-10", "2026-12-10T12:00:00Z"),
            ("2026-11-29T12:30:00Z", "Asia/Kamchatka", .forward, "2026-12-07", "2026-12-07T12:00:00Z"),
            // Still 2026-11-29 23:59:59 in Kamchatka.
            ("2026-11-29T11:59:59Z", "Asia/Kamchatka", .answer, "2026-12-29", "2026-12-29T12:00:00Z"),
            ("2026-11-29T20:59:59Z", "Europe/Moscow", .expeditedAnswer, "2026-12-09", "2026-12-09T21:00:00Z"),
            ("2026-11-29T21:00:00Z", "Europe/Moscow", .expeditedAnswer, "2026-12-10", "2026-12-10T21:00:00Z"),
            ("2026-11-29T04:30:00Z", "Europe/Moscow", .answer, "2026-12-29", "2026-12-29T21:00:00Z"),
            // Year end in Kaliningrad (UTC+2).
            ("2026-12-21T21:59:59Z", "Europe/Kaliningrad", .expeditedAnswer, "2026-12-31", "2026-12-31T22:00:00Z"),
            ("2026-12-21T22:00:00Z", "Europe/Kaliningrad", .expeditedAnswer, "2027-01-01", "2027-01-01T22:00:00Z"),
            ("2026-12-24T22:00:00Z", "Europe/Kaliningrad", .forward, "2027-01-01", "2027-01-01T22:00:00Z"),
            // Month ends, short February and a leap day.
            ("2027-01-31T10:00:00Z", "Europe/Moscow", .answer, "2027-03-02", "2027-03-02T21:00:00Z"),
            ("2028-01-31T10:00:00Z", "Europe/Moscow", .answer, "2028-03-01", "2028-03-01T21:00:00Z"),
            ("2028-02-19T10:00:00Z", "Europe/Moscow", .expeditedAnswer, "2028-02-29", "2028-02-29T21:00:00Z"),
        ])
    func computesDeadline(registeredAt: String, zone: String, kind: DeadlineKind, dueDate: String, dueAt: String)
        throws
    {
        let timeZone = try #require(TimeZone(identifier: zone))
        let deadline = Deadline(kind: kind, from: instant(registeredAt), in: timeZone, terms: Self.terms)
        #expect(deadline == Deadline(kind: kind, dueDate: date(dueDate), dueAt: instant(dueAt)))
    }

    @Test("terms come from the directory's deadline days")
    func customTerms() {
        let terms = DeadlineDays(answer: 15, expeditedAnswer: 5, forwardOutOfCompetence: 3)
        let start = instant("2026-11-29T10:00:00Z")
        let dueDates = DeadlineKind.allCases.map {
            Deadline(kind: $0, from: start, in: Fixtures.moscow, terms: terms).dueDate
        }
        #expect(dueDates == [date("2026-12-14"), date("2026-12-04"), date("2026-12-02")])
    }

    @Test("the answer kind follows the topic's expedited flag")
    func answerKind() {
        #expect(DeadlineKind.answer(expedited: true) == .expeditedAnswer)
        #expect(DeadlineKind.answer(expedited: false) == .answer)
    }

    @Test("a step one second before due_at is on time, at due_at it is late")
    func isMetBoundary() {
        let deadline = Deadline(kind: .answer, dueDate: date("2026-12-29"), in: Fixtures.moscow)
        #expect(deadline.isMet(at: instant("2026-12-29T20:59:59Z")))
        #expect(!deadline.isMet(at: instant("2026-12-29T21:00:00Z")))
    }

    @Test(
        "days left count local dates, negative once overdue",
        arguments: [
            ("2026-12-29T20:59:59Z", 0), ("2026-12-29T21:00:00Z", -1), ("2026-12-23T21:00:00Z", 5),
            ("2026-12-23T20:59:59Z", 6), ("2027-01-08T12:00:00Z", -10),
        ])
    func daysLeft(at: String, days: Int) {
        let deadline = Deadline(kind: .answer, dueDate: date("2026-12-29"), in: Fixtures.moscow)
        #expect(deadline.daysLeft(at: instant(at), in: Fixtures.moscow) == days)
    }
}
