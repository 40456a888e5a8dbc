/// Decides routes from a rule set and a directory, in memory.
///
/// Explicit rules take precedence over the built-in default route: when at least one rule
/// matches a message, the best of them decides, whatever the default would have been (so a
/// catch-all rule, matching everything, switches the defaults off). Among matching rules the most
/// specific wins, then the higher priority, then the older rule (`RoutingRule.outranks(_:)`).
/// When no rule matches, the default route applies: `social` messages go to
/// `DefaultRoute.socialMediaTriageUnit`, others by the topic's competence; when the directory
/// gives none either, the message stays unrouted (`registered`, in the administrative
/// department's triage queue).
///
/// The initialiser builds an index, once per rule set: for each combination of named keys, the
/// best rule per key value, with codes interned as integers. A decision then costs two string
/// lookups and at most one integer lookup per key combination in use (8 at most), however many
/// rules there are. Build a new engine whenever the rules or the directory change.
///
/// Rules are used as given: validate them with `RoutingRuleValidator` before they enter a rule set.
public struct RoutingEngine: Sendable {
    public let ruleSet: RuleSet
    public let directory: Directory

    /// Rules sorted by priority, age and id: a rule's rank is its index here.
    private let ranked: [RoutingRule]
    /// Interned codes: the directory's first, in order, then any others that rules name.
    private let topicIDs: [String: Int32]
    private let regionIDs: [String: Int32]
    /// Index key (`IndexKey`) to the rank of the best rule with exactly that match.
    private let bestRank: [UInt64: Int32]
    /// The key combinations that have rules, most specific first.
    private let masks: [KeyMask]
    private let defaults: DefaultRouteTable

    public init(ruleSet: RuleSet, directory: Directory) {
        self.ruleSet = ruleSet
        self.directory = directory
        ranked = ruleSet.rules.sorted { $0.outranksAtEqualSpecificity($1) }
        var topicIDs = Self.intern(directory.topics.map(\.code))
        var regionIDs = Self.intern(directory.regions.map(\.code))
        defaults = DefaultRouteTable(directory: directory, topicIDs: topicIDs, regionIDs: regionIDs)
        var bestRank: [UInt64: Int32] = [:]
        var masks: Set<KeyMask> = []
        for (rank, rule) in ranked.enumerated() {
            let topic = rule.match.topic.map { Self.id(of: $0, in: &topicIDs) }
            let region = rule.match.region.map { Self.id(of: $0, in: &regionIDs) }
            let key = IndexKey.make(topic: topic, region: region, channel: rule.match.channel)
            // Ranks ascend, so the first rule seen for a key is its best.
            if bestRank[key] == nil { bestRank[key] = Int32(rank) }
            masks.insert(KeyMask(rule.match))
        }
        self.topicIDs = topicIDs
        self.regionIDs = regionIDs
        self.bestRank = bestRank
        self.masks = masks.sorted { $0.specificity > $1.specificity }
    }

    /// The route of a message with these codes, with the rule and rule-set version behind it.
    public func decide(topic: String, region: String, channel: Channel) -> RoutingDecision {
        let topicID = topicIDs[topic]
        let regionID = regionIDs[region]
        if let rank = bestMatchingRank(topic: topicID, region: regionID, channel: channel) {
            let rule = ranked[rank]
            return RoutingDecision(target: rule.target, basis: .rule(rule), ruleSetVersion: ruleSet.version)
        }
        let (target, basis) = defaults.route(topic: topicID, region: regionID, channel: channel)
        return RoutingDecision(target: target, basis: basis, ruleSetVersion: ruleSet.version)
    }

    /// The default route alone, as if no rule existed.
    public func defaultDecision(topic: String, region: String, channel: Channel) -> RoutingDecision {
        let (target, basis) = defaults.route(topic: topicIDs[topic], region: regionIDs[region], channel: channel)
        return RoutingDecision(target: target, basis: basis, ruleSetVersion: ruleSet.version)
    }

    /// Every rule matching a message, best first; found by scanning, for explanations.
    func matchingRules(topic: String, region: String, channel: Channel) -> [RoutingRule] {
        ranked.filter { $0.match.matches(topic: topic, region: region, channel: channel) }
            .sorted { $0.outranks($1) }
    }

    private func bestMatchingRank(topic: Int32?, region: Int32?, channel: Channel) -> Int? {
        var best = Int32.max
        var bestSpecificity = -1
        for mask in masks {
            // Masks come most specific first: once a rule matched, less specific ones cannot win.
            if mask.specificity < bestSpecificity { break }
            var keyTopic: Int32?
            if mask.topic {
                guard let topic else { continue }
                keyTopic = topic
            }
            var keyRegion: Int32?
            if mask.region {
                guard let region else { continue }
                keyRegion = region
            }
            let key = IndexKey.make(topic: keyTopic, region: keyRegion, channel: mask.channel ? channel : nil)
            if let rank = bestRank[key], rank < best {
                best = rank
                bestSpecificity = mask.specificity
            }
        }
        return best == .max ? nil : Int(best)
    }

    private static func intern(_ codes: [String]) -> [String: Int32] {
        var ids: [String: Int32] = [:]
        for code in codes { _ = id(of: code, in: &ids) }
        return ids
    }

    private static func id(of code: String, in ids: inout [String: Int32]) -> Int32 {
        if let id = ids[code] { return id }
        let id = Int32(ids.count)
        ids[code] = id
        return id
    }
}

/// Which keys a match names.
private struct KeyMask: Hashable {
    let topic: Bool
    let region: Bool
    let channel: Bool

    init(_ match: RuleMatch) {
        topic = match.topic != nil
        region = match.region != nil
        channel = match.channel != nil
    }

    var specificity: Int { (topic ? 1 : 0) + (region ? 1 : 0) + (channel ? 1 : 0) }
}

/// A match packed in 64 bits: interned topic and region ids and the channel, each plus one, 0 for "any".
private enum IndexKey {
    static func make(topic: Int32?, region: Int32?, channel: Channel?) -> UInt64 {
        let topicBits = topic.map { UInt64($0) + 1 } ?? 0
        let regionBits = region.map { UInt64($0) + 1 } ?? 0
        let channelBits = channel.map { UInt64($0.ordinal) + 1 } ?? 0
        return topicBits << 34 | regionBits << 4 | channelBits
    }
}

extension Channel {
    /// A dense number for indexing; the order of `allCases`.
    var ordinal: Int {
        switch self {
        case .portal: 0
        case .mobile: 1
        case .social: 2
        case .edms: 3
        case .open311: 4
        }
    }
}
