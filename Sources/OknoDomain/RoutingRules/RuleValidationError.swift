/// A routing rule draft refused, with every bad field.
public struct RuleValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [FieldProblem]

    public init(problems: [FieldProblem]) {
        self.problems = problems
    }

    /// Whether the draft's only fault is to repeat an existing match: a conflict (409) rather than invalid input (422).
    public var isDuplicateOnly: Bool { !problems.isEmpty && problems.allSatisfy { $0.code == .duplicate } }

    public var description: String {
        "invalid routing rule: " + problems.map { "\($0): \($0.message)" }.joined(separator: "; ")
    }
}
