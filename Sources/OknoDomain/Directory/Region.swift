extension Directory {
    /// A federal subject: the applicant's region, whose time zone fixes the message's deadlines.
    public struct Region: Hashable, Sendable, Codable {
        /// Two-digit subject code, e.g. `"77"`.
        public let code: String
        public let name: String
        /// IANA time zone identifier, e.g. `"Europe/Moscow"`.
        public let timeZone: String

        public init(code: String, name: String, timeZone: String) {
            self.code = code
            self.name = name
            self.timeZone = timeZone
        }

        enum CodingKeys: String, CodingKey {
            case code, name
            case timeZone = "time_zone"
        }
    }
}
