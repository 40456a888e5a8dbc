/// FNV-1a, 64-bit: a fast hash to notice edits, not to resist tampering.
enum FNV1a {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `bytes`, as `fnv1a64:` and 16 lowercase hex digits.
    static func checksum(_ bytes: some Sequence<UInt8>) -> String {
        var hash = offsetBasis
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
