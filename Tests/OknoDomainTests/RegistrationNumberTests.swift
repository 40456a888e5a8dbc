import OknoDomain
import Testing

@Suite("RegistrationNumber")
struct RegistrationNumberTests {
    @Test(
        "numbers print as year and zero-padded sequence",
        arguments: [
            (2026, 1, "2026-000001"), (2026, 999_999, "2026-999999"), (2026, 1_000_000, "2026-1000000"),
            (2027, 42, "2027-000042"),
        ])
    func formats(year: Int, sequence: Int, text: String) throws {
        let number = try #require(RegistrationNumber(year: year, sequence: sequence))
        #expect(number.description == text)
        #expect(RegistrationNumber(text) == number)
    }

    @Test(
        "only the canonical form parses",
        arguments: [
            "2026-00001", "2026-0000001", "2026-01000000", "26-000001", "02026-000001", "2026-000000",
            "2026_000001", "2026-00000a", "2026-000001 ", "-2026-000001", "2026--000001", "", "2026-+00001",
            "2026-99999999999999999999",
        ])
    func rejectsNonCanonical(text: String) {
        #expect(RegistrationNumber(text) == nil)
    }

    @Test("a sequence below 1 or a year outside 1...9999 does not exist")
    func invalidParts() {
        #expect(RegistrationNumber(year: 2026, sequence: 0) == nil)
        #expect(RegistrationNumber(year: 0, sequence: 1) == nil)
        #expect(RegistrationNumber(year: 10_000, sequence: 1) == nil)
    }

    @Test("numbers order by year, then sequence")
    func ordering() throws {
        let numbers = ["2027-000001", "2026-1000000", "2026-000002"].compactMap(RegistrationNumber.init)
        #expect(numbers.sorted().map(\.description) == ["2026-000002", "2026-1000000", "2027-000001"])
    }
}
