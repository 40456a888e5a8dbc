/// One bad field of a request, ready for a problem+json `errors` entry.
public struct FieldProblem: Hashable, Sendable, CustomStringConvertible {
    /// Why the field is refused; the raw value is the `code` on the wire.
    public enum Code: String, Hashable, Sendable {
        /// The field must be given and not empty.
        case required
        /// The field has the wrong JSON type.
        case invalidType = "invalid_type"
        /// The value is not one of those allowed, or not allowed with the other fields.
        case invalid
        /// The value names a code the directory (or `Channel`, or the templates) does not know.
        case unknown
        /// A number outside its limits.
        case outOfRange = "out_of_range"
        /// Text longer than its limit.
        case tooLong = "too_long"
        /// Given together with a field it excludes.
        case conflict
        /// Another routing rule already has exactly this match.
        case duplicate
    }

    /// The field's path in the request body, e.g. `days` or `match.topic`.
    public let field: String
    public let code: Code
    /// For people; never quotes a value that may be personal data (a routing rule's unknown code is quoted).
    public let message: String

    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// `field: code`, without the message, which may quote the submitted value.
    public var description: String { "\(field): \(code.rawValue)" }
}
