/// One inconsistency found by `Directory.validate()`.
public enum DirectoryProblem: Hashable, Sendable, CustomStringConvertible {
    /// The lists of a directory, as named in its file.
    public enum List: String, Hashable, Sendable {
        case regions, units, agencies, topics
    }

    /// A region or unit names a time zone that the system's tz database does not know.
    case unknownTimeZone(list: List, code: String, identifier: String)
    /// The same code appears more than once in one list.
    case duplicateCode(list: List, code: String)
    /// A unit refers to a region that is not in the directory.
    case unknownRegion(unit: String, region: String)
    /// A territorial unit names no region.
    case territorialUnitWithoutRegion(unit: String)
    /// A topic refers to a unit that is not in the directory.
    case unknownUnit(topic: String, unit: String)
    /// A topic refers to an agency that is not in the directory.
    case unknownAgency(topic: String, agency: String)
    /// A central topic names no answering unit.
    case centralTopicWithoutUnit(topic: String)
    /// An external topic names no agency.
    case externalTopicWithoutAgency(topic: String)
    /// A region has no territorial unit `GU-<region>` for its territorial topics.
    case missingTerritorialUnit(region: String)
    /// A deadline term is zero or negative.
    case nonPositiveDeadline(field: String, days: Int)

    public var description: String {
        switch self {
        case .unknownTimeZone(let list, let code, let identifier):
            "\(list.rawValue) \(code): unknown time zone \"\(identifier)\""
        case .duplicateCode(let list, let code):
            "\(list.rawValue): code \(code) appears more than once"
        case .unknownRegion(let unit, let region):
            "units \(unit): region \(region) is not in the directory"
        case .territorialUnitWithoutRegion(let unit):
            "units \(unit): a territorial unit needs a region"
        case .unknownUnit(let topic, let unit):
            "topics \(topic): unit \(unit) is not in the directory"
        case .unknownAgency(let topic, let agency):
            "topics \(topic): agency \(agency) is not in the directory"
        case .centralTopicWithoutUnit(let topic):
            "topics \(topic): a central topic needs a unit"
        case .externalTopicWithoutAgency(let topic):
            "topics \(topic): an external topic needs an agency"
        case .missingTerritorialUnit(let region):
            "regions \(region): no territorial unit GU-\(region) serves this region"
        case .nonPositiveDeadline(let field, let days):
            "deadlines_days.\(field): must be positive, got \(days)"
        }
    }
}
