import OknoDomain

/// A directory that was not stored: invalid in itself, or removing codes still in use.
///
/// Nothing was changed.
public struct DirectoryReplacementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A code the new directory drops although stored rows still refer to it.
    public struct StillReferenced: Hashable, Sendable, CustomStringConvertible {
        public let list: DirectoryProblem.List
        public let code: String
        /// What refers to it, e.g. `messages` or `api_tokens`.
        public let referencedBy: String
        /// How many rows refer to it.
        public let count: Int

        public var description: String {
            "\(list.rawValue) \(code): cannot be removed, \(count) \(referencedBy) refer to it"
        }
    }

    /// What `Directory.validate()` found.
    public let problems: [DirectoryProblem]
    /// Codes the directory would remove that are still in use.
    public let stillReferenced: [StillReferenced]

    public init(problems: [DirectoryProblem] = [], stillReferenced: [StillReferenced] = []) {
        self.problems = problems
        self.stillReferenced = stillReferenced
    }

    /// Every reason, one line each.
    public var reasons: [String] {
        problems.map(\.description) + stillReferenced.map(\.description)
    }

    public var description: String {
        "directory refused: " + reasons.joined(separator: "; ")
    }
}
