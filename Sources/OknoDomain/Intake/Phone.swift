/// The phone number form the contract accepts: international, digits only.
public enum Phone {
    /// The number of digits after the `+`: 11...15.
    public static let digitCount = 11...15

    /// `+` followed by 11 to 15 ASCII digits and nothing else.
    public static func isValid(_ phone: String) -> Bool {
        let bytes = phone.utf8
        guard bytes.first == UInt8(ascii: "+") else { return false }
        let digits = bytes.dropFirst()
        return digitCount.contains(digits.count)
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
