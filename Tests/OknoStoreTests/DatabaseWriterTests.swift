import Foundation
import Synchronization
import Testing

@testable import OknoStore

@Suite("Database writer")
struct DatabaseWriterTests {
    struct ItemFailed: Error {}

    /// Opens a writer on a fresh file with table `t (v UNIQUE)`.
    func makeWriter(_ directory: TemporaryDirectory, maxBatchSize: Int = 256) throws -> DatabaseWriter {
        try Connection.open(path: directory.path("db.sqlite")).execute("CREATE TABLE t (v INTEGER UNIQUE)")
        return try DatabaseWriter(path: directory.path("db.sqlite"), maxBatchSize: maxBatchSize)
    }

    func values(in directory: TemporaryDirectory) throws -> [Int] {
        var values: [Int] = []
        try Connection.open(path: directory.path("db.sqlite"), readOnly: true)
            .query("SELECT v FROM t ORDER BY v") { values.append($0.int(at: 0)) }
        return values
    }

    /// Holds the writer thread inside one item until `release()`, so later items queue up.
    final class Gate: Sendable {
        private let entered = DispatchSemaphore(value: 0)
        private let released = DispatchSemaphore(value: 0)

        func block(_ writer: DatabaseWriter) {
            writer.submit(
                { _ in
                    self.entered.signal()
                    self.released.wait()
                }, completion: { _ in })
            entered.wait()
        }

        func release() { released.signal() }
    }

    /// Submits one insert per value (a negative one fails), then waits for every completion;
    /// `onRun` is called each time an item's work runs.
    func insertAll(
        _ values: [Int], writer: DatabaseWriter, gate: Gate? = nil, onRun: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> [Int: Result<Int, any Error>] {
        let results = Mutex<[Int: Result<Int, any Error>]>([:])
        let group = DispatchGroup()
        for value in values {
            group.enter()
            writer.submit(
                { connection in
                    onRun(value)
                    if value < 0 { throw ItemFailed() }
                    try connection.run("INSERT INTO t (v) VALUES (?)", [.integer(Int64(value))])
                    return value
                },
                completion: { result in
                    results.withLock { $0[value] = result }
                    group.leave()
                })
        }
        gate?.release()
        group.wait()
        return results.withLock { $0 }
    }

    @Test("200 submissions from many threads all commit, grouped into fewer transactions")
    func concurrentSubmissionsAreGrouped() async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory)
        let succeeded = try await onThread {
            let start = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            let succeeded = Atomic<Int>(0)
            for thread in 0..<20 {
                done.enter()
                Thread {
                    start.wait()
                    let values = (0..<10).map { thread * 10 + $0 }
                    let results = self.insertAll(values, writer: writer)
                    succeeded.add(results.values.filter { (try? $0.get()) != nil }.count, ordering: .relaxed)
                    done.leave()
                }.start()
            }
            for _ in 0..<20 { start.signal() }
            done.wait()
            return succeeded.load(ordering: .relaxed)
        }
        #expect(succeeded == 200)
        #expect(try values(in: directory) == Array(0..<200))
        let statistics = writer.statistics
        #expect(statistics.items == 200)
        #expect(statistics.commits < statistics.items)
        writer.close()
    }

    @Test("a failing item is undone alone; the rest of its batch commits")
    func failingItemIsIsolated() async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory)
        let results = try await onThread {
            let gate = Gate()
            gate.block(writer)
            // -1 throws inside its savepoint; 1, 2 and 3 share its batch.
            return self.insertAll([1, -1, 2, 3], writer: writer, gate: gate)
        }
        #expect(try results[1]?.get() == 1)
        #expect(try results[2]?.get() == 2)
        #expect(throws: ItemFailed.self) { try results[-1]?.get() }
        #expect(try values(in: directory) == [1, 2, 3])
        #expect(writer.statistics == DatabaseWriter.Statistics(commits: 2, items: 5))
        writer.close()
    }

    @Test("items run once in a batch that succeeds; a failure makes the batch run again, each item committed once")
    func batchRunsAgainAfterAFailure() async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory)
        let runs = Mutex<[Int: Int]>([:])
        @Sendable func submitAll(_ values: [Int]) -> [Int: Result<Int, any Error>] {
            let gate = Gate()
            gate.block(writer)
            return insertAll(values, writer: writer, gate: gate) { value in runs.withLock { $0[value, default: 0] += 1 }
            }
        }
        _ = try await onThread { submitAll([1, 2]) }
        #expect(runs.withLock { $0 } == [1: 1, 2: 1])
        // 3 ran before the failure and again after it; 4 and 5 once the batch ran again.
        let results = try await onThread { submitAll([3, -1, 4, 5]) }
        #expect(runs.withLock { $0 } == [1: 1, 2: 1, 3: 2, -1: 2, 4: 1, 5: 1])
        #expect(try results[3]?.get() == 3 && results[5]?.get() == 5)
        #expect(throws: ItemFailed.self) { try results[-1]?.get() }
        #expect(try values(in: directory) == [1, 2, 3, 4, 5])
        writer.close()
    }

    @Test("an item whose savepoint fails midway keeps none of its own changes")
    func partialItemIsUndone() async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory)
        await #expect(throws: DatabaseError.self) {
            try await writer.write { connection in
                try connection.run("INSERT INTO t (v) VALUES (10)")
                try connection.run("INSERT INTO t (v) VALUES (10)")
            }
        }
        let id = try await writer.write { connection in
            try connection.run("INSERT INTO t (v) VALUES (11)")
            return connection.lastInsertRowID
        }
        #expect(id > 0)
        #expect(try values(in: directory) == [11])
        writer.close()
    }

    @Test("a failing COMMIT fails every item of the batch")
    func failedCommitFailsBatch() async throws {
        let directory = try TemporaryDirectory()
        try Connection.open(path: directory.path("db.sqlite")).execute(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE t (v INTEGER UNIQUE REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO parent VALUES (1);
            """)
        let writer = try DatabaseWriter(path: directory.path("db.sqlite"))
        // 1 has a parent; 2 does not, which only COMMIT checks.
        let results = try await onThread {
            let gate = Gate()
            gate.block(writer)
            return self.insertAll([1, 2], writer: writer, gate: gate)
        }
        for value in [1, 2] {
            let error = try #require(throws: DatabaseError.self) { try results[value]?.get() }
            #expect(error.isForeignKeyViolation)
        }
        #expect(try values(in: directory) == [])
        #expect(writer.statistics == DatabaseWriter.Statistics(commits: 1, items: 3))
        writer.close()
    }

    @Test("a batch holds at most maxBatchSize items", arguments: [1, 2, 5])
    func batchSizeLimit(maxBatchSize: Int) async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory, maxBatchSize: maxBatchSize)
        _ = try await onThread {
            let gate = Gate()
            gate.block(writer)
            return self.insertAll(Array(1...5), writer: writer, gate: gate)
        }
        let batches = (5 + maxBatchSize - 1) / maxBatchSize
        #expect(writer.statistics == DatabaseWriter.Statistics(commits: 1 + batches, items: 6))
        writer.close()
    }

    @Test("close finishes queued work, and later submissions fail")
    func closeDrains() async throws {
        let directory = try TemporaryDirectory()
        let writer = try makeWriter(directory)
        let completed = Atomic<Int>(0)
        for value in 0..<50 {
            writer.submit({ try $0.run("INSERT INTO t (v) VALUES (?)", [.integer(Int64(value))]) }) { result in
                if case .success = result { completed.add(1, ordering: .relaxed) }
            }
        }
        try await onThread { writer.close() }
        #expect(completed.load(ordering: .relaxed) == 50)
        #expect(try values(in: directory).count == 50)
        let error = try await #require(throws: DatabaseError.self) { try await writer.write { _ in 1 } }
        #expect(error.resultCode == DatabaseError.Code.misuse)
        writer.close()
    }

    @Test("a writer on an unopenable path fails to start")
    func openFailure() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: DatabaseError.self) {
            try DatabaseWriter(path: directory.path("missing-folder/db.sqlite"))
        }
    }
}
