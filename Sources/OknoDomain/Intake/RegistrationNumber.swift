/// A message's number, `YYYY-NNNNNN`: the registration year and a sequence within it.
///
/// The sequence is zero-padded to six digits; from 1,000,000 on it simply has more digits.
public struct RegistrationNumber: Hashable, Sendable, Comparable {
    /// The year, 1...9999.
    public let year: Int
    /// The sequence number within the year, from 1.
    public let sequence: Int

    /// `nil` when the year is outside 1...9999 or the sequence below 1.
    public init?(year: Int, sequence: Int) {
        guard (1...9999).contains(year), sequence >= 1 else { return nil }
        self.year = year
        self.sequence = sequence
    }

    public static func < (lhs: RegistrationNumber, rhs: RegistrationNumber) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }
}

extension RegistrationNumber: LosslessStringConvertible {
    /// Parses only the canonical form: four year digits, `-`, at least six sequence digits and
    /// no leading zeros beyond that padding, so that `description` gives back the same text.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, (6...18).contains(parts[1].utf8.count),
            parts[0].utf8.allSatisfy(Self.isDigit), parts[1].utf8.allSatisfy(Self.isDigit),
            let year = Int(parts[0]), let sequence = Int(parts[1])
        else { return nil }
        self.init(year: year, sequence: sequence)
        guard description == text else { return nil }
    }

    /// The number as `YYYY-NNNNNN`.
    public var description: String {
        let yearDigits = String(year)
        let sequenceDigits = String(sequence)
        return String(repeating: "0", count: max(0, 4 - yearDigits.count)) + yearDigits + "-"
            + String(repeating: "0", count: max(0, 6 - sequenceDigits.count)) + sequenceDigits
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
