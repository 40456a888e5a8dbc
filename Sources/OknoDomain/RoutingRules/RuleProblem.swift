/// One bad field of a routing rule draft, ready for a problem+json `errors` entry.
public struct RuleProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// The field names a code the directory (or `Channel`) does not know.
        case unknown
        /// Another rule already has exactly this match.
        case duplicate
        /// The field must be given.
        case required
        /// The field is given but not allowed with the others.
        case invalid
    }

    /// The field's path in the request body, e.g. `match.topic`.
    public let field: String
    public let code: Code
    public let message: String

    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(code.rawValue): \(message)" }
}

/// A routing rule draft refused, with every bad field.
public struct RuleValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [RuleProblem]

    public init(problems: [RuleProblem]) {
        self.problems = problems
    }

    /// Whether the draft's only fault is to repeat an existing match: a conflict (409) rather than invalid input (422).
    public var isDuplicateOnly: Bool { !problems.isEmpty && problems.allSatisfy { $0.code == .duplicate } }

    public var description: String {
        "invalid routing rule: " + problems.map(\.description).joined(separator: "; ")
    }
}
