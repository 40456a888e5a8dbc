import Foundation
import OknoDomain
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test(
        "well-formed existing dates parse and print back",
        arguments: [
            "2026-11-29", "2026-01-01", "2026-12-31", "2028-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
        ])
    func parsesAndFormats(text: String) throws {
        let date = try #require(LocalDate(text))
        #expect(date.description == text)
    }

    @Test(
        "malformed or impossible dates are rejected",
        arguments: [
            "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "2026-1-05", "2026-01-5", "26-01-05", "2026/01/05", "2026-01-05T00:00:00Z", " 2026-01-05",
            "2026-01-05 ", "", "0000-01-01", "２０２６-01-05", "+202-01-05", "2026-0a-05",
        ])
    func rejectsInvalid(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("fields are stored as given")
    func fields() throws {
        let date = try #require(LocalDate(year: 2026, month: 11, day: 29))
        #expect((date.year, date.month, date.day) == (2026, 11, 29))
    }

    @Test(
        "day numbers count from 1970-01-01",
        arguments: [
            ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
            ("2026-11-29", 20_786), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
        ])
    func dayNumbers(text: String, days: Int) {
        #expect(date(text).daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date(text))
    }

    @Test("every day of four centuries round-trips through its day number, in order")
    func dayNumbersRoundTrip() {
        var previous = date("1899-12-31")
        var mismatches: [Int] = []
        for days in date("1900-01-01").daysSinceEpoch...date("2300-12-31").daysSinceEpoch {
            let date = LocalDate(daysSinceEpoch: days)
            if date.daysSinceEpoch != days || LocalDate(year: date.year, month: date.month, day: date.day) != date
                || !(previous < date)
            {
                mismatches.append(days)
            }
            previous = date
        }
        #expect(mismatches == [])
        #expect(previous == date("2300-12-31"))
    }

    @Test(
        "adding days crosses month, year and leap-day ends",
        arguments: [
            ("2026-11-29", 30, "2026-12-29"), ("2026-12-22", 10, "2027-01-01"), ("2027-01-31", 30, "2027-03-02"),
            ("2028-01-31", 30, "2028-03-01"), ("2028-02-28", 1, "2028-02-29"), ("2100-02-28", 1, "2100-03-01"),
            ("2026-12-31", 1, "2027-01-01"), ("2026-03-01", -1, "2026-02-28"), ("2026-11-29", 0, "2026-11-29"),
        ])
    func addingDays(start: String, days: Int, end: String) {
        #expect(date(start).adding(days: days) == date(end))
        #expect(date(end).days(from: date(start)) == days)
    }

    @Test("dates order by year, then month, then day")
    func ordering() {
        #expect(date("2026-11-30") < date("2026-12-01"))
        #expect(date("2026-12-31") < date("2027-01-01"))
        #expect(date("2026-02-10") > date("2026-01-31"))
        #expect(!(date("2026-02-10") < date("2026-02-10")))
    }

    @Test(
        "the dotted form reads DD.MM.YYYY",
        arguments: [
            ("2026-11-29", "29.11.2026"), ("2027-01-05", "05.01.2027"), ("0999-03-04", "04.03.0999"),
        ])
    func dotted(text: String, dotted: String) {
        #expect(date(text).dotted == dotted)
    }

    @Test("JSON carries a date as its YYYY-MM-DD string")
    func codable() throws {
        let encoded = try JSONEncoder().encode([date("2026-12-09")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-12-09"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: encoded) == [date("2026-12-09")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
