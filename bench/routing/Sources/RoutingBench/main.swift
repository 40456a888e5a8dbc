// Routing decisions per second on one core: the bundled directory's default routes plus 1,000
// validated random rules, decided for a fixed pseudo-random stream of messages.
//
// Usage: RoutingBench [DIRECTORY_JSON] [DECISIONS]
//   DIRECTORY_JSON  default: ../../Sources/OknoApp/Resources/directory.json from this file
//   DECISIONS       default: 5,000,000
// Prints one line: `<decisions/s> decisions/s (...)`.
import Foundation
import OknoDomain

let arguments = CommandLine.arguments
let directoryPath =
    arguments.count > 1
    ? arguments[1]
    : URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/OknoApp/Resources/directory.json").path
let decisions = arguments.count > 2 ? Int(arguments[2])! : 5_000_000

let directory = try JSONDecoder().decode(Directory.self, from: Data(contentsOf: URL(fileURLWithPath: directoryPath)))
let topics = directory.topics.map(\.code)
let regions = directory.regions.map(\.code)
let units = directory.units.map(\.code)
let agencies = directory.agencies.map(\.code)

// 1,000 extra rules, mostly the overrides administrators write (topic+region, region+channel,
// all three keys), a few naming one key; the validator drops duplicate matches. Most messages
// then match a rule (the output gives the share), the others take their default route.
var random = SeededRandom(seed: 42)
var rules: [RoutingRule] = []
let epoch = Date(timeIntervalSince1970: 1_780_000_000)
while rules.count < 1_000 {
    var draft = RuleDraft(priority: random.below(10))
    switch random.below(100) {
    case 0: draft.topic = random.pick(topics)
    case 1: draft.region = random.pick(regions)
    case 2..<60: (draft.topic, draft.region) = (random.pick(topics), random.pick(regions))
    case 60..<80: (draft.region, draft.channel) = (random.pick(regions), random.pick(Channel.allCases).rawValue)
    default:
        (draft.topic, draft.region, draft.channel) = (
            random.pick(topics), random.pick(regions), random.pick(Channel.allCases).rawValue
        )
    }
    if random.below(5) == 0 { draft.agency = random.pick(agencies) } else { draft.unit = random.pick(units) }
    guard let valid = try? RoutingRuleValidator.validated(draft, existing: rules, directory: directory) else {
        continue
    }
    rules.append(valid.rule(id: Int64(rules.count + 1), createdAt: epoch.addingTimeInterval(Double(rules.count))))
}
let engine = RoutingEngine(ruleSet: RuleSet(version: 1, rules: rules), directory: directory)

// A fixed stream of messages: any topic and region, mostly from the portal.
let channels: [Channel] = [.portal, .portal, .portal, .portal, .mobile, .mobile, .social, .edms, .open311]
let messages = (0..<4_096).map { _ in (random.pick(topics), random.pick(regions), random.pick(channels)) }

func run(_ count: Int) -> (checksum: Int64, byRule: Int) {
    var checksum: Int64 = 0
    var byRule = 0
    for index in 0..<count {
        let (topic, region, channel) = messages[index & 4_095]
        let decision = engine.decide(topic: topic, region: region, channel: channel)
        if let rule = decision.rule {
            checksum &+= rule.id
            byRule += 1
        } else if decision.target != nil {
            checksum &+= 1
        }
    }
    return (checksum, byRule)
}

_ = run(200_000)
let clock = ContinuousClock()
var result = (checksum: Int64(0), byRule: 0)
let elapsed = clock.measure { result = run(decisions) }
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let perSecond = Int((Double(decisions) / seconds).rounded())
print(
    "\(perSecond) decisions/s (\(decisions) decisions in \(String(format: "%.3f", seconds)) s, "
        + "\(rules.count) rules, \(result.byRule * 100 / decisions)% by rule, checksum \(result.checksum))")
