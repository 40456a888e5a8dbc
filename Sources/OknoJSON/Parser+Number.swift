extension Parser {
    /// Largest count of integer digits whose value a `Double` holds exactly (10^15 < 2^53).
    private static let exactDigitLimit = 15

    /// Parses `-? int frac? exp?` with `int` = `0 | [1-9][0-9]*`, starting at `-` or a digit.
    mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        let negative = bytes[index] == ASCII.minus
        if negative { index += 1 }
        let digitsStart = index

        var integer: Int64 = 0
        switch peek() {
        case ASCII.zero:
            index += 1
            if let next = peek(), Self.isDigit(next) { throw syntaxError("leading zeros are not allowed") }
        case let byte? where Self.isDigit(byte):
            // Accumulated only while exact; longer integers fall back to the text below.
            while let digit = peek(), Self.isDigit(digit) {
                if index - digitsStart < Self.exactDigitLimit {
                    integer = integer * 10 + Int64(digit - ASCII.zero)
                }
                index += 1
            }
        default:
            throw syntaxError("expected a digit")
        }
        let integerEnd = index

        if peek() == ASCII.period {
            index += 1
            try skipDigits(after: "expected a digit after the decimal point")
        }
        if peek() == ASCII.e || peek() == ASCII.upperE {
            index += 1
            if peek() == ASCII.plus || peek() == ASCII.minus { index += 1 }
            try skipDigits(after: "expected a digit in the exponent")
        }

        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integerEnd == index, integerEnd - digitsStart <= Self.exactDigitLimit {
            let magnitude = Double(integer)
            return JSONNumber(validatedText: text, double: negative ? -magnitude : magnitude)
        }
        // The grammar was checked above, and out-of-range text reads as ±infinity, not nil.
        return JSONNumber(validatedText: text, double: Double(text) ?? .nan)
    }

    private mutating func skipDigits(after reason: String) throws(JSONError) {
        guard let first = peek(), Self.isDigit(first) else { throw syntaxError(reason) }
        repeat { index += 1 } while peek().map(Self.isDigit) == true
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- ASCII.zero < 10
    }
}
