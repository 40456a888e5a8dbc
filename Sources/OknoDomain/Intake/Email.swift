/// A plausibility check of an e-mail address: enough to catch typos, not RFC 5322.
public enum Email {
    /// The longest address accepted, in UTF-8 bytes: 254, the limit of an SMTP path.
    public static let maxLength = 254

    /// One `@`, a non-empty local part, a domain with a dot between non-empty labels, no
    /// whitespace, at most `maxLength` bytes.
    public static func isPlausible(_ address: String) -> Bool {
        let bytes = address.utf8
        guard bytes.count <= maxLength else { return false }
        // Nearly every address is ASCII: checked byte by byte, which gives the same answer as
        // checking characters (ASCII white space is 9–13 and 32) at a fraction of the cost.
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            guard !address.contains(where: \.isWhitespace) else { return false }
            return hasPlausibleShape(address, at: "@", dot: ".")
        }
        guard !bytes.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }) else { return false }
        return hasPlausibleShape(bytes, at: UInt8(ascii: "@"), dot: UInt8(ascii: "."))
    }

    /// One `at` after a non-empty local part, then at least two non-empty labels separated by
    /// `dot`: in characters, or in the bytes of an ASCII address.
    private static func hasPlausibleShape<Units: Collection>(
        _ units: Units, at: Units.Element, dot: Units.Element
    ) -> Bool where Units.Element: Equatable {
        let parts = units.split(separator: at, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: dot, omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
