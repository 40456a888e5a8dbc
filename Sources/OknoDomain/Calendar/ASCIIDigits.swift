/// Zero-padded decimal digits written straight into a byte buffer.
enum ASCIIDigits {
    /// Writes the last `width` decimal digits of `value` (not negative) at `offset`, zero-padded.
    static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
