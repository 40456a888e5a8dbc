/// A directory that failed validation, with every problem found.
public struct DirectoryValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [DirectoryProblem]

    public init(problems: [DirectoryProblem]) {
        self.problems = problems
    }

    public var description: String {
        "invalid directory: " + problems.map(\.description).joined(separator: "; ")
    }
}
