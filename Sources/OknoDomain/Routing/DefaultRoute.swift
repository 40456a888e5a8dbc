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
        case .territorial:
            let unit = Directory.territorialUnitCode(forRegion: regionCode)
            return directory.unit(unit) == nil ? nil : .unit(unit)
        case .central:
            return topic.unit.flatMap { directory.unit($0) }.map { .unit($0.code) }
        case .external:
            return topic.agency.flatMap { directory.agency($0) }.map { .agency($0.code) }
        }
    }
}
