import Foundation

/// RFC 3339 instants as the contract writes them: UTC with `Z`.
public enum Timestamp {
    /// Formats with seconds, and milliseconds only when there are any.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = Int(milliseconds.floorDivided(by: 86_400_000))
        let dayMilliseconds = Int(milliseconds - Int64(days) * 86_400_000)
        let day = LocalDate(daysSinceEpoch: days)
        let seconds = dayMilliseconds / 1000
        let fraction = dayMilliseconds % 1000
        guard (0...9999).contains(day.year) else {
            return "\(day)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
                + (fraction == 0 ? "" : "." + String(fraction + 1000).dropFirst()) + "Z"
        }
        // Written byte by byte: instants are formatted for every row of the queue and the feed.
        let length = fraction == 0 ? 20 : 24
        return String(unsafeUninitializedCapacity: length) { buffer in
            day.writeISO(into: buffer)
            buffer[10] = UInt8(ascii: "T")
            ASCIIDigits.write(seconds / 3600, width: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            ASCIIDigits.write(seconds / 60 % 60, width: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            ASCIIDigits.write(seconds % 60, width: 2, into: buffer, at: 17)
            if fraction != 0 {
                buffer[19] = UInt8(ascii: ".")
                ASCIIDigits.write(fraction, width: 3, into: buffer, at: 20)
            }
            buffer[length - 1] = UInt8(ascii: "Z")
            return length
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil when malformed.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let date = LocalDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, let digit = digit(bytes[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(bytes[(index + 1)..<(index + 3)]),
                let minutes = number(bytes[(index + 4)..<(index + 6)]),
                hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
