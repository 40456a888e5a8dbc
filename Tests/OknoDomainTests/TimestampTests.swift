import Foundation
import OknoDomain
import Testing

@Suite("RFC 3339 instants")
struct TimestampTests {
    @Test(
        "formatting writes UTC with Z, milliseconds only when there are any",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"),
            (1_796_245_200.0, "2026-12-02T21:00:00Z"),
            (1_796_245_200.5, "2026-12-02T21:00:00.500Z"),
            (1_796_245_199.007, "2026-12-02T20:59:59.007Z"),
            (-1.5, "1969-12-31T23:59:58.500Z"),
            (-62_135_596_800.0, "0001-01-01T00:00:00Z"),
            (253_402_300_799.0, "9999-12-31T23:59:59Z"),
            (253_402_300_800.25, "10000-01-01T00:00:00.250Z"),
        ])
    func format(seconds: Double, text: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("what is formatted parses back to the same millisecond")
    func roundTrip() throws {
        for milliseconds in stride(from: Int64(1_700_000_000_000), to: 1_900_000_000_000, by: 7_777_777_777) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let parsed = try #require(Timestamp.parse(Timestamp.format(date)))
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == milliseconds)
        }
    }
}
