/// The route a message takes when no routing rule matches: by the topic's competence.
public enum DefaultRoute {
    /// The unit that triages messages picked up in social media: `DIP`.
    public static let socialMediaTriageUnit = "DIP"

    /// The default target, or `nil` when the directory does not know the topic or region or lacks
    /// the unit the topic needs (the message then waits for the administrative department).
    ///
    /// `social` messages go to `socialMediaTriageUnit`; otherwise territorial topics go to
    /// `GU-<region>`, central ones to the topic's unit, external ones to the topic's agency.
    public static func `for`(
        topic topicCode: String,
        region regionCode: String,
        channel: Channel,
        in directory: Directory
    ) -> RouteTarget? {
        guard let topic = directory.topic(topicCode), directory.region(regionCode) != nil else {
            return nil
        }
        if channel == .social {
            return .unit(socialMediaTriageUnit)
        }
        switch topic.competence {
        case .territorial: return territorialRoute(region: regionCode, in: directory)
        case .central, .external: return centralOrExternalRoute(of: topic, in: directory)
        }
    }

    /// The territorial body `GU-<region>`, if the directory has it.
    static func territorialRoute(region regionCode: String, in directory: Directory) -> RouteTarget? {
        let unit = Directory.territorialUnitCode(forRegion: regionCode)
        return directory.unit(unit) == nil ? nil : .unit(unit)
    }

    /// The unit of a central topic or the agency of an external one, if the directory has it;
    /// `nil` for a territorial topic, whose route depends on the region.
    static func centralOrExternalRoute(of topic: Directory.Topic, in directory: Directory) -> RouteTarget? {
        switch topic.competence {
        case .territorial: nil
        case .central: topic.unit.flatMap { directory.unit($0) }.map { .unit($0.code) }
        case .external: topic.agency.flatMap { directory.agency($0) }.map { .agency($0.code) }
        }
    }
}
