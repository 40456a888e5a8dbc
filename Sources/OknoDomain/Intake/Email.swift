/// A plausibility check of an e-mail address: enough to catch typos, not RFC 5322.
public enum Email {
    /// The longest address accepted, in UTF-8 bytes: 254, the limit of an SMTP path.
    public static let maxLength = 254

    /// One `@`, a non-empty local part, a domain with a dot between non-empty labels, no
    /// whitespace, at most `maxLength` bytes.
    public static func isPlausible(_ address: String) -> Bool {
        guard address.utf8.count <= maxLength, !address.contains(where: \.isWhitespace) else {
            return false
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
