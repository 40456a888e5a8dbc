/// Who writes: a person, or an organisation (which also gives its INN).
public enum ApplicantKind: String, Hashable, Sendable, Codable, CaseIterable {
    case citizen
    case organization
}
