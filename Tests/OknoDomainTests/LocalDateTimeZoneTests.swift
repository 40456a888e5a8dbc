import Foundation
import OknoDomain
import Testing

@Suite("LocalDate in time zones")
struct LocalDateTimeZoneTests {
    @Test(
        "an instant falls on the local date of its zone",
        arguments: [
            ("2026-11-29T11:59:59Z", "Asia/Kamchatka", "2026-11-29"),
            ("2026-11-29T12:00:00Z", "Asia/Kamchatka", "2026-11-30"),
            ("2026-11-29T12:30:00Z", "Asia/Kamchatka", "2026-11-30"),
            ("2026-11-29T20:59:59Z", "Europe/Moscow", "2026-11-29"),
            ("2026-11-29T21:00:00Z", "Europe/Moscow", "2026-11-30"),
            ("2026-12-31T21:59:59Z", "Europe/Kaliningrad", "2026-12-31"),
            ("2026-12-31T22:00:00Z", "Europe/Kaliningrad", "2027-01-01"),
            ("1969-12-31T23:59:59Z", "UTC", "1969-12-31"),
            ("2019-11-03T04:59:59Z", "America/Havana", "2019-11-03"),
            ("2019-11-03T05:00:00Z", "America/Havana", "2019-11-03"),
        ])
    func localDateOfInstant(at: String, zone: String, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(LocalDate.of(instant(at), in: timeZone) == date(expected))
    }

    @Test("a fraction of a second before local midnight is still the old day")
    func fractionBeforeMidnight() {
        let justBefore = instant("2026-11-29T21:00:00Z").addingTimeInterval(-0.001)
        #expect(LocalDate.of(justBefore, in: Fixtures.moscow) == date("2026-11-29"))
    }

    @Test(
        "a day starts at local midnight, also next to historic offset changes",
        arguments: [
            ("2026-11-30", "Asia/Kamchatka", "2026-11-29T12:00:00Z"),
            ("2026-11-30", "Europe/Moscow", "2026-11-29T21:00:00Z"),
            ("2027-01-01", "Europe/Kaliningrad", "2026-12-31T22:00:00Z"),
            // Volgograd went from UTC+4 to UTC+3 at 02:00 local on 2020-12-27.
            ("2020-12-27", "Europe/Volgograd", "2020-12-26T20:00:00Z"),
            ("2020-12-28", "Europe/Volgograd", "2020-12-27T21:00:00Z"),
            // Saratov went from UTC+3 to UTC+4 at 02:00 local on 2016-12-04.
            ("2016-12-04", "Europe/Saratov", "2016-12-03T21:00:00Z"),
            ("2016-12-05", "Europe/Saratov", "2016-12-04T20:00:00Z"),
            // Clocks skipped 00:00–01:00: the day starts at 01:00 local.
            ("2018-11-04", "America/Sao_Paulo", "2018-11-04T03:00:00Z"),
            // Clocks went back from 01:00 to 00:00: the day starts at the first midnight.
            ("2019-11-03", "America/Havana", "2019-11-03T04:00:00Z"),
        ])
    func startOfDay(day: String, zone: String, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(date(day).startOfDay(in: timeZone) == instant(expected))
    }

    @Test("the start of a day is the first instant whose local date is that day")
    func startOfDayIsFirstInstant() throws {
        for zone in ["Europe/Volgograd", "Europe/Saratov", "America/Sao_Paulo", "America/Havana", "Asia/Kamchatka"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            var day = date("2016-01-01")
            while day <= date("2021-01-31") {
                let start = day.startOfDay(in: timeZone)
                #expect(LocalDate.of(start, in: timeZone) == day, "\(zone) \(day)")
                #expect(LocalDate.of(start.addingTimeInterval(-1), in: timeZone) < day, "\(zone) \(day)")
                day = day.adding(days: 1)
            }
        }
    }
}
