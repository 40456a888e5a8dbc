import Foundation
import OknoDomain
import Testing

@testable import OknoStore

@Suite("Directory repository")
struct DirectoryRepositoryTests {
    @Test("a replaced directory loads back equal, lists in their given order")
    func replaceRoundTrips() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let replacement = StoreFixtures.directory(
            about: nil,
            units: StoreFixtures.units.reversed() + [
                .init(code: "DITS", name: "Департамент ИТ", short: "ДИТС", kind: .central, timeZone: "Europe/Moscow")
            ],
            topics: [
                .init(code: "ROADS", title: "Дороги и тротуары", competence: .external, agency: "LOCAL_GOV"),
                .init(code: "GRASS_BURNING", title: "Палы травы", competence: .territorial, expedited: false),
                .init(code: "LICENSING", title: "Лицензирование", competence: .central, unit: "DITS"),
            ])
        try store.writeSync { try DirectoryRepository.replace(with: replacement, $0) }
        #expect(try store.read { try DirectoryRepository.load($0) } == replacement)
    }

    @Test("an invalid directory is refused with every problem, and nothing changes")
    func invalidRefused() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let invalid = Directory(
            deadlineDays: DeadlineDays(answer: 0), regions: StoreFixtures.regions,
            units: StoreFixtures.units.filter { $0.code != "GU-41" }, agencies: [],
            topics: StoreFixtures.topics)
        let error = try #require(throws: DirectoryReplacementError.self) {
            try store.writeSync { try DirectoryRepository.replace(with: invalid, $0) }
        }
        #expect(
            Set(error.problems) == [
                .nonPositiveDeadline(field: "answer", days: 0), .missingTerritorialUnit(region: "41"),
                .unknownAgency(topic: "ROADS", agency: "LOCAL_GOV"),
            ])
        #expect(error.stillReferenced.isEmpty)
        #expect(try store.read { try DirectoryRepository.load($0) } == StoreFixtures.directory())
    }

    @Test("removing codes that messages or tokens use is refused, naming each, and nothing changes")
    func removingUsedCodesRefused() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try store.writeSync { try MessageRepository.register(StoreFixtures.message(topic: "ROADS"), $0) }
        try store.writeSync { try MessageRepository.register(StoreFixtures.message(topic: "ROADS"), $0) }
        try store.writeSync { try TokenRepository.create(name: "executor", role: .executor, unit: "DNDPR", $0) }
        // Drops the ROADS topic, the LOCAL_GOV agency and the DNDPR unit (and LICENSING with it).
        let smaller = StoreFixtures.directory(
            units: StoreFixtures.units.filter { $0.code != "DNDPR" }, agencies: [],
            topics: StoreFixtures.topics.filter { $0.code == "GRASS_BURNING" })
        let error = try #require(throws: DirectoryReplacementError.self) {
            try store.writeSync { try DirectoryRepository.replace(with: smaller, $0) }
        }
        #expect(error.problems.isEmpty)
        #expect(
            Set(error.stillReferenced) == [
                .init(list: .topics, code: "ROADS", referencedBy: "messages", count: 2),
                .init(list: .agencies, code: "LOCAL_GOV", referencedBy: "messages", count: 2),
                .init(list: .units, code: "DNDPR", referencedBy: "api_tokens", count: 1),
            ])
        #expect(error.description.contains("topics ROADS: cannot be removed, 2 messages refer to it"))
        #expect(try store.read { try DirectoryRepository.load($0) } == StoreFixtures.directory())
    }

    @Test("codes nothing refers to can be removed")
    func removingUnusedCodes() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try store.writeSync { try MessageRepository.register(StoreFixtures.message(), $0) }
        let smaller = StoreFixtures.directory(
            units: StoreFixtures.units.filter { $0.code != "DNDPR" }, agencies: [],
            topics: StoreFixtures.topics.filter { $0.code == "GRASS_BURNING" })
        try store.writeSync { try DirectoryRepository.replace(with: smaller, $0) }
        #expect(try store.read { try DirectoryRepository.load($0) } == smaller)
    }
}
