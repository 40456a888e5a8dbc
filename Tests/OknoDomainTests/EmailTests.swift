import OknoDomain
import Testing

@Suite("Email")
struct EmailTests {
    /// An address of exactly `length` bytes: `a…a@example.ru`.
    static func address(length: Int) -> String {
        String(repeating: "a", count: length - "@example.ru".count) + "@example.ru"
    }

    @Test(
        "plausible addresses are accepted",
        arguments: [
            "ivanov@example.ru", "a@b.c", "ivan.ivanov+okno@mail.example.ru", "иванов@почта.рф", address(length: 254),
        ])
    func plausible(address: String) {
        #expect(Email.isPlausible(address))
    }

    @Test(
        "implausible addresses are refused",
        arguments: [
            "", "ivanov", "ivanov@", "@example.ru", "ivanov@example", "ivanov@@example.ru", "a@b@example.ru",
            "ivanov @example.ru", "ivanov@example .ru", "ivanov@example.ru\n", "\tivanov@example.ru",
            "ivanov@.example.ru", "ivanov@example.ru.", "ivanov@example..ru", address(length: 255),
            // White space of every kind, in ASCII and non-ASCII addresses alike.
            "ivanov@example.ru\u{0B}", "ivanov\u{0C}@example.ru", "ivanov@example.ru\r\n", "ivanov\u{A0}@example.ru",
            "иван ов@почта.рф", "иванов@почта\u{2003}.рф", "иванов@почта.рф\t",
        ])
    func implausible(address: String) {
        #expect(!Email.isPlausible(address))
    }

    @Test("the length limit counts UTF-8 bytes")
    func limitInBytes() {
        let cyrillic = String(repeating: "я", count: 122) + "@example.ru"  // 244 + 11 = 255 bytes
        #expect(cyrillic.count < Email.maxLength)
        #expect(!Email.isPlausible(cyrillic))
    }
}
