import Foundation
import OknoDomain
import Testing

@Suite("Directory")
struct DirectoryTests {
    @Test("the bundled directory decodes with every list filled")
    func bundledDirectoryDecodes() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        #expect(directory.regions.count == 89)
        #expect(directory.units.count == 98)
        #expect(directory.agencies.count == 6)
        #expect(directory.topics.count == 25)
        #expect(directory.deadlineDays == DeadlineDays(answer: 30, expeditedAnswer: 10, forwardOutOfCompetence: 7))
        #expect(directory.about != nil)
    }

    @Test("the bundled directory validates with no problems")
    func bundledDirectoryIsValid() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        #expect(directory.validate() == [])
        #expect(throws: Never.self) { try directory.validated() }
    }

    @Test("lookups find entries by code and nothing for unknown codes")
    func lookupsByCode() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        #expect(directory.region("41")?.timeZone == "Asia/Kamchatka")
        #expect(directory.unit("GU-77")?.kind == .territorial)
        #expect(directory.unit("GU-77")?.region == "77")
        #expect(directory.unit("DIP")?.short == "ДИП")
        #expect(directory.agency("MVD") != nil)
        #expect(directory.topic("GRASS_BURNING")?.expedited == true)
        #expect(directory.topic("LICENSING")?.unit == "DNDPR")
        #expect(directory.timeZone(ofRegion: "39")?.identifier == "Europe/Kaliningrad")
        #expect(directory.region("00") == nil)
        #expect(directory.unit("GU-00") == nil)
        #expect(directory.topic("NOPE") == nil)
        #expect(directory.timeZone(ofRegion: "00") == nil)
    }

    @Test("encoding and decoding again gives the same directory")
    func roundTrips() throws {
        let directory = try JSONDecoder().decode(Directory.self, from: Fixtures.bundledDirectoryData())
        let encoded = try JSONEncoder().encode(directory)
        #expect(try JSONDecoder().decode(Directory.self, from: encoded) == directory)
    }

    @Test("encoding uses the file's snake_case keys and omits absent optionals")
    func encodesFileKeys() throws {
        let encoded = try JSONEncoder().encode(Fixtures.directory())
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let days = try #require(object["deadlines_days"] as? [String: Int])
        #expect(days == ["answer": 30, "expedited_answer": 10, "forward_out_of_competence": 7])
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units[3]["time_zone"] as? String == "Europe/Moscow")
        #expect(units[3]["short"] == nil)
        #expect(object["about"] == nil)
    }

    @Test("a duplicated code looks up the first entry")
    func duplicateCodeLooksUpFirst() {
        let directory = Fixtures.directory(
            regions: Fixtures.regions + [.init(code: "77", name: "Второй", timeZone: "Europe/Moscow")])
        #expect(directory.region("77")?.name == "г. Москва")
    }
}
