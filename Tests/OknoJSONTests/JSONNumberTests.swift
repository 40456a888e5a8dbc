import Testing

@testable import OknoJSON

@Suite("JSON numbers")
struct JSONNumberTests {
    @Test(
        "offers int64 only for integers written without fraction or exponent that fit",
        arguments: [
            ("0", 0),
            ("-0", 0),
            ("7", 7),
            ("-1", -1),
            ("9223372036854775807", .max),
            ("-9223372036854775808", .min),
            ("9223372036854775808", nil),
            ("-9223372036854775809", nil),
            ("123456789012345678901234567890", nil),
            ("1.0", nil),
            ("1.5", nil),
            ("1e2", nil),
            ("1E2", nil),
            ("0e0", nil),
        ] as [(String, Int64?)]
    )
    func extractsInt64(text: String, expected: Int64?) throws {
        let number = try #require(try parse(text).numberValue)
        #expect(number.int64 == expected)
        #expect(number.text == text)
    }

    @Test(
        "reads the nearest Double",
        arguments: [
            ("0", 0),
            ("1.5", 1.5),
            ("-2.25e3", -2250),
            ("1E-2", 0.01),
            ("1e+2", 100),
            ("0.1", 0.1),
            ("123456789012345", 123_456_789_012_345),
            ("-123456789012345", -123_456_789_012_345),
            ("1234567890123456", 1_234_567_890_123_456),
            ("9007199254740993", 9_007_199_254_740_992),
            ("9223372036854775807", 9_223_372_036_854_775_808),
            ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("1e400", .infinity),
            ("-1e400", -.infinity),
            ("1e-400", 0),
        ] as [(String, Double)]
    )
    func readsDouble(text: String, expected: Double) throws {
        #expect(try parse(text).doubleValue == expected)
    }

    @Test("keeps the sign of negative zero")
    func keepsNegativeZero() throws {
        let double = try #require(try parse("-0").doubleValue)
        #expect(double == 0 && double.sign == .minus)
        #expect(JSONNumber(-0.0)?.text == "-0")
    }

    @Test(
        "writes parsed numbers exactly as they were written",
        arguments: ["1E+02", "-0.50", "1e-7", "100000000000000000000000"])
    func writesSourceText(text: String) throws {
        #expect(try parse(text).serializedString() == text)
    }

    @Test(
        "writes a Double as an integer when integral within 2^53, else in shortest round-trip form",
        arguments: [
            (0.0, "0"),
            (3.0, "3"),
            (-42.0, "-42"),
            (9_007_199_254_740_992, "9007199254740992"),
            (-9_007_199_254_740_992, "-9007199254740992"),
            (9_007_199_254_740_994, "9.007199254740994e+15"),
            (1e300, "1e+300"),
            (0.1, "0.1"),
            (1.5, "1.5"),
            (-123.456, "-123.456"),
            (1e-7, "1e-07"),
            (.leastNonzeroMagnitude, "5e-324"),
            (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ] as [(Double, String)]
    )
    func writesDouble(value: Double, text: String) throws {
        let number = try #require(JSONNumber(value))
        #expect(number.text == text)
        #expect(try parse(text).doubleValue == value)
    }

    @Test("refuses to represent NaN or infinity", arguments: [Double.nan, .infinity, -.infinity])
    func refusesNonFiniteDoubles(value: Double) {
        #expect(JSONNumber(value) == nil)
    }

    @Test("writes integers in decimal", arguments: [Int64.min, -1, 0, 1, .max])
    func writesInt64(value: Int64) {
        let number = JSONNumber(value)
        #expect(number.text == String(value))
        #expect(number.int64 == value)
        #expect(JSONNumber(Int(value)) == number)
    }
}
