/// The keys a routing rule matches on; a key left `nil` matches any value.
///
/// A match naming no key at all is a catch-all: it matches every message, with the lowest
/// specificity, so any rule naming a key beats it.
public struct RuleMatch: Hashable, Sendable {
    public var topic: String?
    public var region: String?
    public var channel: Channel?

    public init(topic: String? = nil, region: String? = nil, channel: Channel? = nil) {
        self.topic = topic
        self.region = region
        self.channel = channel
    }

    /// The match that names no key and so matches every message.
    public static let catchAll = RuleMatch()

    /// How many keys the match names, 0 to 3: the first criterion of resolution.
    public var specificity: Int {
        (topic == nil ? 0 : 1) + (region == nil ? 0 : 1) + (channel == nil ? 0 : 1)
    }

    /// Whether a message with these codes matches every key the match names.
    public func matches(topic: String, region: String, channel: Channel) -> Bool {
        (self.topic == nil || self.topic == topic) && (self.region == nil || self.region == region)
            && (self.channel == nil || self.channel == channel)
    }
}

extension RuleMatch: CustomStringConvertible {
    /// `topic=GRASS_BURNING, region=77`, or `any message` for the catch-all.
    public var description: String {
        let keys = [
            topic.map { "topic=\($0)" }, region.map { "region=\($0)" }, channel.map { "channel=\($0.rawValue)" },
        ]
        .compactMap { $0 }
        return keys.isEmpty ? "any message" : keys.joined(separator: ", ")
    }
}
