import Foundation
import Synchronization
import Testing

@testable import OknoStore

@Suite("Reader pool")
struct ReaderPoolTests {
    @Test("reads see what the writer has committed")
    func readsSeeCommittedWrites() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        let writer = try DatabaseWriter(path: path)
        try await writer.write { try $0.execute("CREATE TABLE t (v TEXT)") }
        let pool = try ReaderPool(path: path, size: 2)
        for expected in 1...3 {
            try await writer.write { try $0.run("INSERT INTO t VALUES (?)", ["запись"]) }
            let count = try await onThread { try pool.read { try $0.scalar("SELECT count(*) FROM t") } }
            #expect(count == .integer(Int64(expected)))
        }
        writer.close()
    }

    @Test("more readers than connections all finish, never sharing a connection")
    func checkoutIsExclusive() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        try Connection.open(path: path).execute("CREATE TABLE t (v); INSERT INTO t VALUES (1)")
        let pool = try ReaderPool(path: path, size: 2)
        let inUse = Mutex<(current: Int, peak: Int)>((0, 0))
        let total = try await onThread {
            let sum = Atomic<Int>(0)
            let done = DispatchGroup()
            for _ in 0..<8 {
                done.enter()
                Thread {
                    for _ in 0..<20 {
                        let value = try? pool.read { connection in
                            inUse.withLock {
                                $0.current += 1
                                $0.peak = max($0.peak, $0.current)
                            }
                            defer { inUse.withLock { $0.current -= 1 } }
                            return try connection.scalar("SELECT v FROM t")?.int64 ?? 0
                        }
                        sum.add(Int(value ?? 0), ordering: .relaxed)
                    }
                    done.leave()
                }.start()
            }
            done.wait()
            return sum.load(ordering: .relaxed)
        }
        #expect(total == 160)
        #expect(inUse.withLock { $0.peak } <= 2)
    }

    @Test("a transaction left open by a reader is rolled back before the next read")
    func openTransactionIsRolledBack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("db.sqlite")
        try Connection.open(path: path).execute("CREATE TABLE t (v)")
        let pool = try ReaderPool(path: path, size: 1)
        try pool.read { try $0.execute("BEGIN; SELECT * FROM t") }
        #expect(try pool.read { $0.isInTransaction } == false)
    }
}
