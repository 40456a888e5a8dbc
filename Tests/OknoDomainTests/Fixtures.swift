import Foundation
import OknoDomain

/// Shared test data: the bundled directory, a small hand-made one, and instant literals.
enum Fixtures {
    /// The directory shipped with the app. Resolves symlinks so that it is found both from
    /// /work/main and from a scratch package that links this folder.
    static func bundledDirectoryData() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appending(path: "Sources/OknoApp/Resources/directory.json"))
    }

    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let kamchatka = TimeZone(identifier: "Asia/Kamchatka")!
    static let kaliningrad = TimeZone(identifier: "Europe/Kaliningrad")!

    /// A small consistent directory: two regions, their territorial units, three central units,
    /// one agency and one topic of each competence.
    static func directory(
        deadlineDays: DeadlineDays = DeadlineDays(),
        regions: [Directory.Region] = regions,
        units: [Directory.Unit] = units,
        agencies: [Directory.Agency] = agencies,
        topics: [Directory.Topic] = topics
    ) -> Directory {
        Directory(
            deadlineDays: deadlineDays, regions: regions, units: units, agencies: agencies, topics: topics)
    }

    static let regions: [Directory.Region] = [
        .init(code: "77", name: "г. Москва", timeZone: "Europe/Moscow"),
        .init(code: "41", name: "Камчатский край", timeZone: "Asia/Kamchatka"),
    ]

    static let units: [Directory.Unit] = [
        .init(code: "AD", name: "Административный департамент", short: "АД", kind: .central, timeZone: "Europe/Moscow"),
        .init(
            code: "DIP", name: "Департамент информационной политики", short: "ДИП", kind: .central,
            timeZone: "Europe/Moscow"),
        .init(
            code: "DNDPR", name: "Департамент надзорной деятельности", short: "ДНДиПР", kind: .central,
            timeZone: "Europe/Moscow"),
        .init(code: "GU-77", name: "ГУ (г. Москва)", kind: .territorial, region: "77", timeZone: "Europe/Moscow"),
        .init(
            code: "GU-41", name: "ГУ (Камчатский край)", kind: .territorial, region: "41", timeZone: "Asia/Kamchatka"),
    ]

    static let agencies: [Directory.Agency] = [
        .init(code: "LOCAL_GOV", name: "Орган местного самоуправления")
    ]

    static let topics: [Directory.Topic] = [
        .init(code: "GRASS_BURNING", title: "Палы травы", competence: .territorial, expedited: true),
        .init(code: "LICENSING", title: "Лицензирование", competence: .central, unit: "DNDPR"),
        .init(code: "ROADS", title: "Дороги", competence: .external, agency: "LOCAL_GOV"),
    ]
}

/// An instant from an RFC 3339 UTC literal such as `2026-11-29T12:30:00Z`.
func instant(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

/// A date from a `YYYY-MM-DD` literal.
func date(_ text: String) -> LocalDate {
    LocalDate(text)!
}
