import Foundation
import OknoDomain
import Synchronization

@testable import OknoStore

/// Shared data for the repository tests: a small directory, messages, and stores in temp folders.
enum StoreFixtures {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static let regions: [Directory.Region] = [
        .init(code: "77", name: "г. Москва", timeZone: "Europe/Moscow"),
        .init(code: "41", name: "Камчатский край", timeZone: "Asia/Kamchatka"),
    ]

    static let units: [Directory.Unit] = [
        .init(code: "AD", name: "Административный департамент", short: "АД", kind: .central, timeZone: "Europe/Moscow"),
        .init(code: "DNDPR", name: "Департамент надзорной деятельности", kind: .central, timeZone: "Europe/Moscow"),
        .init(code: "GU-77", name: "ГУ (г. Москва)", kind: .territorial, region: "77", timeZone: "Europe/Moscow"),
        .init(
            code: "GU-41", name: "ГУ (Камчатский край)", kind: .territorial, region: "41", timeZone: "Asia/Kamchatka"),
    ]

    static let agencies: [Directory.Agency] = [.init(code: "LOCAL_GOV", name: "Орган местного самоуправления")]

    static let topics: [Directory.Topic] = [
        .init(code: "GRASS_BURNING", title: "Палы травы", competence: .territorial, expedited: true),
        .init(code: "LICENSING", title: "Лицензирование", competence: .central, unit: "DNDPR"),
        .init(code: "ROADS", title: "Дороги", competence: .external, agency: "LOCAL_GOV"),
    ]

    static func directory(
        about: String? = "test directory",
        regions: [Directory.Region] = regions,
        units: [Directory.Unit] = units,
        agencies: [Directory.Agency] = agencies,
        topics: [Directory.Topic] = topics
    ) -> Directory {
        Directory(about: about, regions: regions, units: units, agencies: agencies, topics: topics)
    }

    /// Opens a store on `db.sqlite` in `folder` with the bundled migrations and the test directory.
    static func openStore(_ folder: TemporaryDirectory, directory: Directory = directory()) throws -> Store {
        try Store.open(
            path: folder.path("db.sqlite"), migrations: Store.bundledMigrations(), defaultDirectory: directory)
    }

    /// A message on a territorial topic in Moscow, assigned to GU-77, registered at `registeredAt`.
    static func message(
        registeredAt: Date = instant("2026-11-29T09:30:00Z"),
        topic: String = "GRASS_BURNING",
        accessToken: String = UUID().uuidString,
        idempotencyKey: String? = nil,
        requestHash: String? = nil,
        text: String = "Горит трава у дома 5"
    ) -> NewMessage {
        let expedited = topics.first { $0.code == topic }?.expedited ?? false
        let external = topic == "ROADS"
        return NewMessage(
            topic: topic, region: "77", channel: .portal, text: text,
            applicant: .init(kind: .citizen, name: "Иванов Иван Иванович", email: "ivanov@example.ru"),
            address: "Москва, ул. Тверская, 5", latitude: 55.75, longitude: 37.62,
            registeredAt: registeredAt, registeredDate: LocalDate.of(registeredAt, in: moscow),
            unit: external ? "AD" : (topic == "LICENSING" ? "DNDPR" : "GU-77"),
            suggestedAgency: external ? "LOCAL_GOV" : nil, expedited: expedited, status: .assigned,
            answerDeadline: Deadline(
                kind: .answer(expedited: expedited), from: registeredAt, in: moscow, terms: DeadlineDays()),
            forwardDeadline: external
                ? Deadline(kind: .forward, from: registeredAt, in: moscow, terms: DeadlineDays()) : nil,
            accessTokenHash: SHA256.hexDigest(accessToken), idempotencyKey: idempotencyKey,
            requestHash: requestHash)
    }

    /// The number of rows in `table`.
    static func count(_ table: String, _ store: Store) throws -> Int {
        try store.read { Int(try $0.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0) }
    }

    /// The numbers of the whole queue read with `filter`, in order.
    static func queueNumbers(_ filter: QueueRepository.Filter, _ store: Store) throws -> [String] {
        try store.read { connection in
            var numbers: [String] = []
            try QueueRepository.scan(filter, after: nil, connection) {
                numbers.append($0.number)
                return true
            }
            return numbers
        }
    }

    /// The detail lines of SQLite's `EXPLAIN QUERY PLAN` for `sql`, in order.
    static func queryPlan(_ sql: String, _ arguments: [SQLValue], _ connection: Connection) throws -> [String] {
        var details: [String] = []
        try connection.query("EXPLAIN QUERY PLAN " + sql, arguments) { details.append($0.text(at: 3)) }
        return details
    }
}

/// Submits each work item to the writer while it is held up, so that they share one batch;
/// returns their results in order.
func submitAsOneBatch<T: Sendable>(
    _ items: [@Sendable (Connection) throws -> T], to writer: DatabaseWriter
) -> [Result<T, any Error>] {
    let entered = DispatchSemaphore(value: 0)
    let released = DispatchSemaphore(value: 0)
    writer.submit(
        { _ in
            entered.signal()
            released.wait()
        }, completion: { _ in })
    entered.wait()
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    let group = DispatchGroup()
    for (index, item) in items.enumerated() {
        group.enter()
        writer.submit(item) { result in
            results.withLock { $0[index] = result }
            group.leave()
        }
    }
    released.signal()
    group.wait()
    return results.withLock { all in items.indices.map { all[$0]! } }
}

/// An instant from an RFC 3339 UTC literal such as `2026-11-29T12:30:00Z`.
func instant(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

struct DeliberateFailure: Error {}
