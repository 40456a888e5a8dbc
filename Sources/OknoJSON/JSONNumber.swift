/// A JSON number: its exact text, for faithful re-serialization, and its `Double` value.
///
/// Equal numbers have equal text, so `1`, `1.0` and `1e0` are three different numbers.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number as written, valid per the RFC 8259 grammar.
    public let text: String

    /// The nearest `Double`; `±infinity` when the magnitude is beyond `Double`'s range.
    public let double: Double

    /// The value when it is written as an integer (no fraction, no exponent) that fits
    /// in `Int64`; otherwise `nil`. So `1.0` and `1e2` have none.
    public var int64: Int64? {
        Int64(text)
    }

    public var description: String { text }

    /// The number `value`, written in decimal.
    public init(_ value: Int64) {
        text = String(value)
        double = Double(value)
    }

    /// The number `value`, written in decimal.
    public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// The number `value`, or `nil` when it is NaN or infinite, which JSON cannot express.
    ///
    /// An integral value of magnitude at most 2^53 is written as an integer (`3`, `-0`);
    /// any other is written in the shortest form that reads back as `value`.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(.towardZero), value.magnitude <= 9_007_199_254_740_992 {
            text = value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
        } else {
            text = value.description
        }
        double = value
    }

    /// A number whose `text` the parser has already checked against the grammar.
    init(validatedText text: String, double: Double) {
        self.text = text
        self.double = double
    }
}
