extension Directory {
    /// A subject an applicant can write about, with who is competent to answer it.
    public struct Topic: Hashable, Sendable, Codable {
        /// Who answers messages on a topic.
        public enum Competence: String, Hashable, Sendable, Codable {
            /// The territorial body `GU-<region>` of the applicant's region.
            case territorial
            /// The central department named by `unit`.
            case central
            /// Outside the ministry: forwarded to `agency`.
            case external
        }

        public let code: String
        public let title: String
        public let competence: Competence
        /// Expedited topics are answered in `DeadlineDays.expeditedAnswer` days.
        public let expedited: Bool
        /// The answering department of a central topic.
        public let unit: String?
        /// The competent body of an external topic.
        public let agency: String?

        public init(
            code: String,
            title: String,
            competence: Competence,
            expedited: Bool = false,
            unit: String? = nil,
            agency: String? = nil
        ) {
            self.code = code
            self.title = title
            self.competence = competence
            self.expedited = expedited
            self.unit = unit
            self.agency = agency
        }
    }
}
