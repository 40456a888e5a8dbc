/// Checks of a taxpayer identification number (INN) by its check digits.
public enum INN {
    /// A 10-digit organisation INN or a 12-digit individual one.
    public static func isValid(_ inn: String) -> Bool {
        isValidLegalEntity(inn) || isValidIndividual(inn)
    }

    /// A 10-digit organisation INN whose last digit is its check digit.
    public static func isValidLegalEntity(_ inn: String) -> Bool {
        guard let digits = digits(of: inn), digits.count == 10 else { return false }
        return checkDigit(of: digits[0..<9], weights: [2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[9]
    }

    /// A 12-digit individual INN whose last two digits are its check digits.
    public static func isValidIndividual(_ inn: String) -> Bool {
        guard let digits = digits(of: inn), digits.count == 12 else { return false }
        return checkDigit(of: digits[0..<10], weights: [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[10]
            && checkDigit(of: digits[0..<11], weights: [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[11]
    }

    private static func checkDigit(of digits: ArraySlice<Int>, weights: [Int]) -> Int {
        zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
    }

    /// The ASCII digits of `text`, or `nil` if anything else is in it.
    private static func digits(of text: String) -> [Int]? {
        var digits: [Int] = []
        for byte in text.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        return digits
    }
}
