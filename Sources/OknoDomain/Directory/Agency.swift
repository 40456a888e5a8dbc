extension Directory {
    /// An external body to which out-of-competence messages are forwarded.
    public struct Agency: Hashable, Sendable, Codable {
        public let code: String
        public let name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }
}
