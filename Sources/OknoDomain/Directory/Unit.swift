extension Directory {
    /// A unit of the ministry that handles messages: a central department or a territorial body.
    ///
    /// Nested in `Directory` because Foundation already declares a top-level `Unit`.
    public struct Unit: Hashable, Sendable, Codable {
        /// Whether the unit belongs to the central apparatus or serves one region.
        public enum Kind: String, Hashable, Sendable, Codable {
            case central
            case territorial
        }

        /// Unit code, e.g. `"DIP"` or `"GU-77"`.
        public let code: String
        public let name: String
        /// Abbreviated name; central departments have one, territorial bodies usually not.
        public let short: String?
        public let kind: Kind
        /// The region a territorial body serves; `nil` for central departments.
        public let region: String?
        /// IANA time zone identifier of the unit's office.
        public let timeZone: String

        public init(
            code: String,
            name: String,
            short: String? = nil,
            kind: Kind,
            region: String? = nil,
            timeZone: String
        ) {
            self.code = code
            self.name = name
            self.short = short
            self.kind = kind
            self.region = region
            self.timeZone = timeZone
        }

        enum CodingKeys: String, CodingKey {
            case code, name, short, kind, region
            case timeZone = "time_zone"
        }
    }
}
