/// How a message reached the ministry.
public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
    /// The portal widget; the default.
    case portal
    case mobile
    /// A post found in social media; needs a `source_url`.
    case social
    /// The electronic document management system.
    case edms
    /// The Open311 GeoReport v2 interface.
    case open311
}
