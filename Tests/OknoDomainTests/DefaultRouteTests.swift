import Foundation
import OknoDomain
import Testing

@Suite("DefaultRoute")
struct DefaultRouteTests {
    static let directory = Fixtures.directory()

    @Test(
        "topics route by competence",
        arguments: [
            ("GRASS_BURNING", "41", RouteTarget.unit("GU-41")),
            ("GRASS_BURNING", "77", .unit("GU-77")),
            ("LICENSING", "41", .unit("DNDPR")),
            ("ROADS", "77", .agency("LOCAL_GOV")),
        ])
    func byCompetence(topic: String, region: String, target: RouteTarget) {
        #expect(DefaultRoute.for(topic: topic, region: region, channel: .portal, in: Self.directory) == target)
    }

    @Test(
        "social-media messages go to DIP for triage, whatever the topic",
        arguments: ["GRASS_BURNING", "LICENSING", "ROADS"])
    func socialToTriage(topic: String) {
        #expect(DefaultRoute.for(topic: topic, region: "77", channel: .social, in: Self.directory) == .unit("DIP"))
    }

    @Test("other channels route like the portal", arguments: [Channel.mobile, .edms, .open311])
    func otherChannels(channel: Channel) {
        #expect(
            DefaultRoute.for(topic: "ROADS", region: "41", channel: channel, in: Self.directory) == .agency("LOCAL_GOV")
        )
    }

    @Test("unknown topics or regions have no default route")
    func unknownCodes() {
        #expect(DefaultRoute.for(topic: "NOPE", region: "77", channel: .portal, in: Self.directory) == nil)
        #expect(DefaultRoute.for(topic: "GRASS_BURNING", region: "99", channel: .portal, in: Self.directory) == nil)
        #expect(DefaultRoute.for(topic: "NOPE", region: "77", channel: .social, in: Self.directory) == nil)
    }

    @Test("a missing unit or agency in the directory leaves the message unrouted")
    func danglingTargets() {
        let directory = Fixtures.directory(
            units: Fixtures.units.filter { $0.code != "GU-41" && $0.code != "DNDPR" }, agencies: [])
        #expect(DefaultRoute.for(topic: "GRASS_BURNING", region: "41", channel: .portal, in: directory) == nil)
        #expect(DefaultRoute.for(topic: "LICENSING", region: "41", channel: .portal, in: directory) == nil)
        #expect(DefaultRoute.for(topic: "ROADS", region: "41", channel: .portal, in: directory) == nil)
    }

    @Test("every topic of the bundled directory has a default route in every region")
    func bundledDirectoryRoutesEverything() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        let unrouted = directory.topics.flatMap { topic in
            directory.regions.filter {
                DefaultRoute.for(topic: topic.code, region: $0.code, channel: .portal, in: directory) == nil
            }.map { "\(topic.code)/\($0.code)" }
        }
        #expect(unrouted == [])
    }
}
