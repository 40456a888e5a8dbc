/// The text of a message: trimmed of surrounding whitespace and newlines, 1...8000 characters.
public struct MessageText: Hashable, Sendable, CustomStringConvertible {
    /// The accepted length in characters (grapheme clusters) after trimming: 1...8000.
    public static let lengthLimit = 1...8000

    /// Why a text is refused.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// Nothing but whitespace.
        case empty
        /// Longer than `lengthLimit` allows; the count is after trimming.
        case tooLong(characters: Int)

        public var description: String {
            switch self {
            case .empty: "text is empty"
            case .tooLong(let characters):
                "text is \(characters) characters long, at most \(MessageText.lengthLimit.upperBound) allowed"
            }
        }
    }

    /// The trimmed text.
    public let value: String

    /// Trims `raw` and checks its length.
    /// - Throws: `MessageText.Problem` when nothing or too much is left.
    public init(_ raw: String) throws(Problem) {
        let trimmed = Self.trimmed(raw)
        guard !trimmed.isEmpty else { throw .empty }
        // A character takes at least one byte, so a text within the limit in bytes is within it in
        // characters too, and counting them (grapheme breaking) is needed only for longer ones.
        if trimmed.utf8.count > Self.lengthLimit.upperBound {
            let count = trimmed.count
            guard count <= Self.lengthLimit.upperBound else { throw .tooLong(characters: count) }
        }
        value = trimmed
    }

    public var description: String { value }

    /// `text` without leading and trailing whitespace and newlines.
    public static func trimmed(_ text: String) -> String {
        let characters = Substring(text).drop(while: \.isWhitespace)
        guard let last = characters.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(characters[...last])
    }
}
