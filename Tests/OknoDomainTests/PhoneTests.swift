import OknoDomain
import Testing

@Suite("Phone")
struct PhoneTests {
    @Test("+ and 11 to 15 digits is valid", arguments: ["+79001234567", "+" + String(repeating: "9", count: 15)])
    func valid(phone: String) {
        #expect(Phone.isValid(phone))
    }

    @Test(
        "anything else is invalid",
        arguments: [
            "+7900123456", "+" + String(repeating: "9", count: 16), "79001234567", "+7 900 123 45 67",
            "+7(900)1234567", "+7-900-123-45-67", "++79001234567", "+79001234567 ", "", "+", "+７９００１２３４５６７",
        ])
    func invalid(phone: String) {
        #expect(!Phone.isValid(phone))
    }
}
