/// `DefaultRoute` precomputed per interned topic and region, so that a decision needs no
/// further lookups by code.
struct DefaultRouteTable: Sendable {
    private enum TopicRoute: Sendable {
        case territorial
        case fixed(RouteTarget?, Directory.Topic.Competence)
    }

    /// By topic id; ids past the end name codes the directory does not know.
    private let topics: [TopicRoute]
    /// The territorial body of each region, by region id.
    private let territorialUnits: [RouteTarget?]

    /// - Parameters:
    ///   - topicIDs: The directory's topic codes, interned as `0..<n`.
    ///   - regionIDs: The directory's region codes, interned as `0..<n`.
    init(directory: Directory, topicIDs: [String: Int32], regionIDs: [String: Int32]) {
        var topics = [TopicRoute](repeating: .territorial, count: topicIDs.count)
        for (code, id) in topicIDs {
            guard let topic = directory.topic(code) else { continue }
            topics[Int(id)] =
                topic.competence == .territorial
                ? .territorial
                : .fixed(DefaultRoute.centralOrExternalRoute(of: topic, in: directory), topic.competence)
        }
        var territorialUnits = [RouteTarget?](repeating: nil, count: regionIDs.count)
        for (code, id) in regionIDs {
            territorialUnits[Int(id)] = DefaultRoute.territorialRoute(region: code, in: directory)
        }
        self.topics = topics
        self.territorialUnits = territorialUnits
    }

    /// The same target as `DefaultRoute.for`, with what chose it.
    func route(topic: Int32?, region: Int32?, channel: Channel) -> (RouteTarget?, RoutingDecision.Basis) {
        guard let topic, let region, Int(topic) < topics.count, Int(region) < territorialUnits.count else {
            return (nil, .unrouted)
        }
        if channel == .social {
            return (.unit(DefaultRoute.socialMediaTriageUnit), .socialMediaTriage)
        }
        switch topics[Int(topic)] {
        case .territorial:
            guard let target = territorialUnits[Int(region)] else { return (nil, .unrouted) }
            return (target, .competence(.territorial))
        case .fixed(let target, let competence):
            guard let target else { return (nil, .unrouted) }
            return (target, .competence(competence))
        }
    }
}
