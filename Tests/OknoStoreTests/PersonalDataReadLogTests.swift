import Foundation
import Synchronization
import Testing

@testable import OknoStore

@Suite("Personal-data read log")
struct PersonalDataReadLogTests {
    @Test("reads are gathered, then written as one job by flush")
    func gatheredThenWrittenTogether() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        _ = try store.writeSync { try MessageRepository.register(StoreFixtures.message(), $0) }
        let log = PersonalDataReadLog(writer: store.writer, delay: .seconds(3600)) { error in
            Issue.record("write failed: \(error)")
        }
        func count() throws -> Int64? {
            try store.read { try $0.scalar("SELECT count(*) FROM personal_data_reads")?.int64 }
        }
        for actor in ["executor-1", "approver-1", "registrar-1"] {
            log.record(messageID: 1, actor: actor, role: "registrar", at: instant("2026-11-29T10:00:00Z"))
        }
        try store.writeSync { _ in }
        #expect(try count() == 0)

        let items = store.writer.statistics.items
        log.flush()
        try store.writeSync { _ in }
        // The flush's job and the barrier's: one write for all three reads.
        #expect(store.writer.statistics.items == items + 2)
        #expect(try count() == 3)
        let actors = try store.read { connection in
            var names: [String] = []
            try connection.query("SELECT actor FROM personal_data_reads ORDER BY id") { names.append($0.text(at: 0)) }
            return names
        }
        #expect(actors == ["executor-1", "approver-1", "registrar-1"])

        log.flush()
        try store.writeSync { _ in }
        #expect(store.writer.statistics.items == items + 3, "a flush with nothing gathered writes nothing")
    }

    @Test("a write that fails is reported, without the rows")
    func failureIsReported() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        let failures = Mutex<[String]>([])
        let log = PersonalDataReadLog(writer: store.writer, delay: .seconds(3600)) { error in
            failures.withLock { $0.append(String(describing: error)) }
        }
        store.close()
        log.record(messageID: 1, actor: "executor-1", role: "executor", at: instant("2026-11-29T10:00:00Z"))
        log.flush()
        let reported = failures.withLock { $0 }
        #expect(reported.count == 1)
        #expect(reported.allSatisfy { !$0.contains("executor-1") })
    }
}
