import Foundation

/// The organisational reference data: regions, units, external agencies, topics and deadline terms.
///
/// Decodes from and encodes to the `directory.json` format. Lookups by code use dictionaries
/// built once at initialisation; if a list repeats a code, the first entry wins (see `validate()`).
public struct Directory: Sendable, Codable {
    /// Free-text description kept for round-tripping the file.
    public let about: String?
    public let deadlineDays: DeadlineDays
    public let regions: [Region]
    public let units: [Unit]
    public let agencies: [Agency]
    public let topics: [Topic]

    private let regionsByCode: [String: Region]
    private let unitsByCode: [String: Unit]
    private let agenciesByCode: [String: Agency]
    private let topicsByCode: [String: Topic]
    private let regionTimeZones: [String: TimeZone]

    public init(
        about: String? = nil,
        deadlineDays: DeadlineDays = DeadlineDays(),
        regions: [Region],
        units: [Unit],
        agencies: [Agency],
        topics: [Topic]
    ) {
        self.about = about
        self.deadlineDays = deadlineDays
        self.regions = regions
        self.units = units
        self.agencies = agencies
        self.topics = topics
        regionsByCode = Self.index(regions, by: \.code)
        unitsByCode = Self.index(units, by: \.code)
        agenciesByCode = Self.index(agencies, by: \.code)
        topicsByCode = Self.index(topics, by: \.code)
        regionTimeZones = regionsByCode.compactMapValues { TimeZone(identifier: $0.timeZone) }
    }

    /// The region with this code, if any.
    public func region(_ code: String) -> Region? { regionsByCode[code] }

    /// The unit with this code, if any.
    public func unit(_ code: String) -> Unit? { unitsByCode[code] }

    /// The agency with this code, if any.
    public func agency(_ code: String) -> Agency? { agenciesByCode[code] }

    /// The topic with this code, if any.
    public func topic(_ code: String) -> Topic? { topicsByCode[code] }

    /// The time zone of the region with this code; `nil` for an unknown region or zone.
    public func timeZone(ofRegion code: String) -> TimeZone? { regionTimeZones[code] }

    private static func index<Entry>(_ entries: [Entry], by code: (Entry) -> String) -> [String: Entry] {
        Dictionary(entries.map { (code($0), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Directory: Equatable {
    public static func == (lhs: Directory, rhs: Directory) -> Bool {
        lhs.about == rhs.about && lhs.deadlineDays == rhs.deadlineDays && lhs.regions == rhs.regions
            && lhs.units == rhs.units && lhs.agencies == rhs.agencies && lhs.topics == rhs.topics
    }
}

extension Directory {
    enum CodingKeys: String, CodingKey {
        case about, regions, units, agencies, topics
        case deadlineDays = "deadlines_days"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            about: try container.decodeIfPresent(String.self, forKey: .about),
            deadlineDays: try container.decode(DeadlineDays.self, forKey: .deadlineDays),
            regions: try container.decode([Region].self, forKey: .regions),
            units: try container.decode([Unit].self, forKey: .units),
            agencies: try container.decode([Agency].self, forKey: .agencies),
            topics: try container.decode([Topic].self, forKey: .topics)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(about, forKey: .about)
        try container.encode(deadlineDays, forKey: .deadlineDays)
        try container.encode(regions, forKey: .regions)
        try container.encode(units, forKey: .units)
        try container.encode(agencies, forKey: .agencies)
        try container.encode(topics, forKey: .topics)
    }
}
