extension LocalDate: LosslessStringConvertible {
    /// Parses exactly `YYYY-MM-DD` with zero-padded fields; `nil` for anything else or a date
    /// that does not exist.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]),
            let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        guard (0...9999).contains(year) else {
            return "\(Self.padded(year, to: 4))-\(Self.padded(month, to: 2))-\(Self.padded(day, to: 2))"
        }
        // Written digit by digit: dates are formatted for every row of the queue and the reports.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            writeISO(into: buffer)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes of `buffer`; the year must be in 0...9999.
    func writeISO(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        ASCIIDigits.write(year, width: 4, into: buffer, at: 0)
        buffer[4] = UInt8(ascii: "-")
        ASCIIDigits.write(month, width: 2, into: buffer, at: 5)
        buffer[7] = UInt8(ascii: "-")
        ASCIIDigits.write(day, width: 2, into: buffer, at: 8)
    }

    /// The date as `DD.MM.YYYY`, the form used in letters (`{{registered_date}}`).
    public var dotted: String {
        "\(Self.padded(day, to: 2)).\(Self.padded(month, to: 2)).\(Self.padded(year, to: 4))"
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
