/// Why a document was refused, and where.
///
/// The `description` names the problem and the byte offset but never quotes the
/// input, which may hold personal data.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The bytes do not follow the RFC 8259 grammar.
        case syntax
        /// Arrays and objects nest deeper than the parser's `maxDepth`.
        case tooDeep
        /// A string holds bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// An object repeats the key it carries.
        case duplicateKey(String)
    }

    public let kind: Kind

    /// The offset of the offending byte from the start of the input.
    public let offset: Int

    /// What was wrong, in words that quote nothing from the input.
    public let reason: String

    init(_ kind: Kind, at offset: Int, _ reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "invalid JSON at byte \(offset): \(reason)"
    }
}
