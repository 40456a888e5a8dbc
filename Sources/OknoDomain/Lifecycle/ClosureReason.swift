/// The legal reasons for closing a message without an answer (`close_no_answer`).
public enum ClosureReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// No name or no address to answer to.
    case anonymous
    /// Obscene or offensive language, threats.
    case obscene
    /// The text cannot be read.
    case unreadable
    /// The same message was already registered.
    case duplicate
    /// A repeated question already answered in substance.
    case repeated
}
