import Foundation
import OknoJSON
import Testing

/// Deadlines are counted on the local calendar of the applicant's region, from an injected clock.
@Suite struct DeadlineTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var now: String
        var region: String
        var topic: String
        var registeredDate: String
        var number: String
        var answerDueDate: String
        var answerDueAt: String
        var forwardDueDate: String? = nil
        var forwardDueAt: String? = nil
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        // Kamchatka is UTC+12: 12:30Z on 29 November is 00:30 on 30 November there.
        Case(
            label: "Kamchatka, past local midnight, 30-day term", now: "2026-11-29T12:30:00Z", region: "41",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2026-11-30", number: "2026-000001",
            answerDueDate: "2026-12-30", answerDueAt: "2026-12-30T12:00:00Z"),
        Case(
            label: "Kamchatka, expedited", now: "2026-11-29T12:30:00Z", region: "41", topic: "GRASS_BURNING",
            registeredDate: "2026-11-30", number: "2026-000001", answerDueDate: "2026-12-10",
            answerDueAt: "2026-12-10T12:00:00Z"),
        Case(
            label: "Kamchatka, out of competence", now: "2026-11-29T12:30:00Z", region: "41",
            topic: "SNOW_ICE_REMOVAL", registeredDate: "2026-11-30", number: "2026-000001",
            answerDueDate: "2026-12-30", answerDueAt: "2026-12-30T12:00:00Z", forwardDueDate: "2026-12-07",
            forwardDueAt: "2026-12-07T12:00:00Z"),
        // Kaliningrad is UTC+2.
        Case(
            label: "Kaliningrad, one second before local midnight", now: "2026-11-29T21:59:59Z", region: "39",
            topic: "GRASS_BURNING", registeredDate: "2026-11-29", number: "2026-000001",
            answerDueDate: "2026-12-09", answerDueAt: "2026-12-09T22:00:00Z"),
        Case(
            label: "Kaliningrad, at local midnight", now: "2026-11-29T22:00:00Z", region: "39",
            topic: "GRASS_BURNING", registeredDate: "2026-11-30", number: "2026-000001",
            answerDueDate: "2026-12-10", answerDueAt: "2026-12-10T22:00:00Z"),
        // Moscow is UTC+3.
        Case(
            label: "Moscow, one second before local midnight", now: "2026-11-29T20:59:59Z", region: "77",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2026-11-29", number: "2026-000001",
            answerDueDate: "2026-12-29", answerDueAt: "2026-12-29T21:00:00Z"),
        Case(
            label: "Moscow, at local midnight", now: "2026-11-29T21:00:00Z", region: "77",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2026-11-30", number: "2026-000001",
            answerDueDate: "2026-12-30", answerDueAt: "2026-12-30T21:00:00Z"),
        // Year end: the number's year is the year of the local registration date.
        Case(
            label: "year end, already 2027 in Kamchatka", now: "2026-12-31T13:00:00Z", region: "41",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2027-01-01", number: "2027-000001",
            answerDueDate: "2027-01-31", answerDueAt: "2027-01-31T12:00:00Z"),
        Case(
            label: "year end, still 2026 in Moscow", now: "2026-12-31T13:00:00Z", region: "77",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2026-12-31", number: "2026-000001",
            answerDueDate: "2027-01-30", answerDueAt: "2027-01-30T21:00:00Z"),
        Case(
            label: "year end, expedited in Kaliningrad after local midnight", now: "2026-12-31T22:30:00Z",
            region: "39", topic: "GRASS_BURNING", registeredDate: "2027-01-01", number: "2027-000001",
            answerDueDate: "2027-01-11", answerDueAt: "2027-01-11T22:00:00Z"),
        Case(
            label: "February in a non-leap year", now: "2027-01-29T10:00:00Z", region: "77",
            topic: "FIRE_WATER_SUPPLY", registeredDate: "2027-01-29", number: "2027-000001",
            answerDueDate: "2027-02-28", answerDueAt: "2027-02-28T21:00:00Z"),
    ]

    @Test(arguments: cases)
    func deadlinesFollowTheRegionsLocalCalendar(_ example: Case) throws {
        try withServer(now: fixedClock(example.now)) { server throws in
            let reply = try server.submit(Fixtures.message(topic: example.topic, region: example.region))
            #expect(reply.status == 201, "\(reply)")
            let body = reply.json
            #expect(body["number"]?.stringValue == example.number)
            #expect(body["registered_at"]?.stringValue == example.now)
            #expect(body["answer_due_date"]?.stringValue == example.answerDueDate)
            #expect(body["answer_due_at"]?.stringValue == example.answerDueAt)
            #expect(body["forward_due_date"]?.stringValue == example.forwardDueDate)
            #expect(body["forward_due_at"]?.stringValue == example.forwardDueAt)
            let stored = try #require(try server.message(example.number))
            #expect(stored.registeredDate.description == example.registeredDate)
            // Cross-check with Foundation's calendar: the due instant is the start of the next local day.
            let zone = try #require(TimeZone(identifier: Self.zones[example.region]!))
            #expect(body["answer_due_at"]?.stringValue == Self.endOfLocalDay(example.answerDueDate, in: zone))
        }
    }

    @Test func eachYearHasItsOwnSequence() throws {
        try withServer(now: fixedClock("2026-12-31T13:00:00Z")) { server throws in
            let kamchatka = try server.submit(Fixtures.message(topic: "FIRE_WATER_SUPPLY", region: "41"))
            let moscow = try server.submit(Fixtures.message(topic: "FIRE_WATER_SUPPLY", region: "77"))
            let kamchatkaAgain = try server.submit(Fixtures.message(topic: "FIRE_WATER_SUPPLY", region: "41"))
            #expect(kamchatka.json["number"] == "2027-000001")
            #expect(moscow.json["number"] == "2026-000001")
            #expect(kamchatkaAgain.json["number"] == "2027-000002")
        }
    }

    static let zones = ["41": "Asia/Kamchatka", "39": "Europe/Kaliningrad", "77": "Europe/Moscow"]

    /// 24:00 local time of `date` (`YYYY-MM-DD`) in UTC, computed with Foundation.
    static func endOfLocalDay(_ date: String, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: end)
    }
}
