import CLinux
import Foundation

/// The single write connection, on a thread of its own, committing queued work in groups.
///
/// The thread waits for work, takes everything queued (up to `maxBatchSize` items), and runs
/// it in one `BEGIN IMMEDIATE` transaction; a failing item is undone alone (the batch runs again
/// with an item per savepoint). After `COMMIT` (durable: `synchronous=FULL`) the completions are
/// called on a queue of their own, while the thread goes on with the next batch.
/// One fsync thus covers a whole batch. If `COMMIT` fails, or SQLite abandons the transaction
/// (disk full, I/O error), every item of the batch fails with that error.
///
/// `Sendable` because all shared state sits in a `Monitor`; the connection never leaves the
/// writer thread.
public final class DatabaseWriter: Sendable {
    /// Counts since the writer started.
    public struct Statistics: Sendable, Equatable {
        /// Transactions committed.
        public var commits = 0
        /// Work items taken from the queue, whatever their outcome.
        public var items = 0
    }

    private let monitor: Monitor<State>
    /// Calls the completions of committed batches, in order, while the thread runs the next batch.
    private let completions: DispatchQueue

    /// Opens the write connection at `path` on a new thread.
    ///
    /// - Parameters:
    ///   - maxBatchSize: at most this many items share a transaction, at least 1. Default: 256.
    ///   - busyTimeout: how long to wait for another process's lock. Default: 5000 ms.
    ///   - uriFileNames: the connection accepts `file:` URIs (`Connection.open`). Default: off.
    ///   - prepare: runs once on the new connection, before any work (pragmas, attachments).
    ///   - threadName: the thread's name in the system (`top -H`, `/proc`); Linux keeps 15 bytes.
    /// - Throws: `DatabaseError` if the connection cannot be opened or `prepare` fails.
    public init(
        path: String, maxBatchSize: Int = 256, busyTimeout: Duration = .milliseconds(5000),
        uriFileNames: Bool = false, threadName: String = "okno-writer",
        prepare: @escaping @Sendable (Connection) throws -> Void = { _ in }
    ) throws {
        precondition(maxBatchSize > 0, "a batch holds at least one item")
        let monitor = Monitor(State())
        self.monitor = monitor
        let completions = DispatchQueue(label: "\(threadName).completions")
        self.completions = completions
        Thread {
            clinux_name_current_thread(threadName)
            Self.serve(
                path: path, busyTimeout: busyTimeout, uriFileNames: uriFileNames, prepare: prepare,
                maxBatchSize: maxBatchSize, monitor: monitor, completions: completions)
        }.start()
        let phase = monitor.withLock(waitingUntil: { !$0.phase.isStarting }) { $0.phase }
        if case .failed(let error) = phase {
            throw error
        }
    }

    deinit {
        // The thread drains what is queued, then ends and closes the connection by itself.
        monitor.withLock { $0.isClosing = true }
        monitor.broadcast()
    }

    /// Queues `work` to run on the write connection inside the batch's transaction.
    ///
    /// `work` must not begin, commit or roll back transactions; it may use `savepoint(_:_:)`. It
    /// may run twice (when another item of its batch fails, the batch runs again), so it must do
    /// database work only.
    /// `completion` runs after the batch commits (or fails), on the writer's completion queue while
    /// the thread runs the next batch; completions run one at a time in submission order, so they
    /// must be quick and must not call `close()`. After `close()` it is called at once with an error.
    public func submit<T: Sendable>(
        _ work: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let job = Job(
            run: { connection in
                let value = try work(connection)
                return { completion(.success(value)) }
            },
            fail: { completion(.failure($0)) })
        let accepted = monitor.withLock { state in
            guard !state.isClosing else { return false }
            state.queue.append(job)
            return true
        }
        if accepted {
            monitor.broadcast()
        } else {
            completion(.failure(DatabaseError.misuse("the database writer is closed")))
        }
    }

    /// Runs `work` on the write connection and returns its value once committed.
    @discardableResult
    public func write<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit(work) { continuation.resume(with: $0) }
        }
    }

    /// Finishes the queued work, then stops the thread and closes the connection. Idempotent.
    public func close() {
        monitor.withLock { $0.isClosing = true }
        monitor.broadcast()
        dispatchPrecondition(condition: .notOnQueue(completions))
        monitor.withLock(waitingUntil: { $0.phase.isOver }) { _ in }
        completions.sync {}
    }

    /// Batches committed and items processed so far.
    public var statistics: Statistics {
        monitor.withLock { $0.statistics }
    }
}

// MARK: - The writer thread

extension DatabaseWriter {
    private enum Phase: Sendable {
        case starting, running, finished
        case failed(any Error)

        var isStarting: Bool {
            if case .starting = self { true } else { false }
        }

        var isOver: Bool {
            switch self {
            case .starting, .running: false
            case .finished, .failed: true
            }
        }
    }

    private struct State: Sendable {
        var phase = Phase.starting
        var isClosing = false
        var queue: [Job] = []
        var statistics = Statistics()
    }

    /// One queued item, with its result type erased.
    private struct Job: Sendable {
        /// Runs the work; returns the call that reports its success once committed.
        let run: @Sendable (Connection) throws -> @Sendable () -> Void
        /// Reports a failure.
        let fail: @Sendable (any Error) -> Void
    }

    /// The writer thread's body: opens the connection, then commits batches until closed.
    private static func serve(
        path: String, busyTimeout: Duration, uriFileNames: Bool, prepare: (Connection) throws -> Void,
        maxBatchSize: Int, monitor: Monitor<State>, completions: DispatchQueue
    ) {
        do {
            let connection = try Connection.open(path: path, busyTimeout: busyTimeout, uriFileNames: uriFileNames)
            try prepare(connection)
            monitor.withLock { $0.phase = .running }
            monitor.broadcast()
            while let batch = nextBatch(maxBatchSize: maxBatchSize, monitor: monitor) {
                let (committed, reports) = commit(batch, on: connection)
                monitor.withLock { state in
                    state.statistics.items += batch.count
                    state.statistics.commits += committed ? 1 : 0
                }
                // The items and their reports move to the completion queue, so that what they hold
                // (the requests' data) is freed there, not on this thread, which every commit waits for.
                let handedOver = (items: consume batch, reports: consume reports)
                completions.async {
                    for report in handedOver.reports { report() }
                    withExtendedLifetime(handedOver.items) {}
                }
            }
        } catch {
            monitor.withLock { $0.phase = .failed(error) }
            monitor.broadcast()
            return
        }
        // The connection went out of scope above, so it is closed by now.
        monitor.withLock { $0.phase = .finished }
        monitor.broadcast()
    }

    /// Waits for work and takes up to `maxBatchSize` items; `nil` once closing and drained.
    private static func nextBatch(maxBatchSize: Int, monitor: Monitor<State>) -> [Job]? {
        monitor.withLock(waitingUntil: { !$0.queue.isEmpty || $0.isClosing }) { state in
            guard !state.queue.isEmpty else { return nil }
            let batch = Array(state.queue.prefix(maxBatchSize))
            state.queue.removeFirst(batch.count)
            return batch
        }
    }

    /// Runs `batch` in one transaction.
    ///
    /// The items first run one after the other without savepoints (a savepoint copies every page an
    /// item changes). If one fails, the transaction is rolled back and the batch runs again with
    /// each item in its own savepoint (`inSavepoints`), so that only the failing items fail. Work
    /// items are database work alone, so running one again gives what running it once would have.
    ///
    /// - Returns: whether it committed, and each item's report, to call after that.
    private static func commit(
        _ batch: [Job], inSavepoints: Bool = false, on connection: Connection
    ) -> (Bool, [@Sendable () -> Void]) {
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            return failAll(batch, error, on: connection)
        }
        var reports: [@Sendable () -> Void] = []
        reports.reserveCapacity(batch.count)
        for job in batch {
            do {
                reports.append(
                    inSavepoints
                        ? try connection.savepoint("okno_write") { try job.run(connection) } : try job.run(connection))
            } catch {
                guard inSavepoints else {
                    connection.rollbackIfNeeded()
                    return commit(batch, inSavepoints: true, on: connection)
                }
                // Disk full or I/O errors make SQLite drop the whole transaction, earlier items too.
                guard connection.isInTransaction else { return failAll(batch, error, on: connection) }
                reports.append { job.fail(error) }
            }
        }
        do {
            try connection.run("COMMIT")
        } catch {
            return failAll(batch, error, on: connection)
        }
        return (true, reports)
    }

    /// Rolls back and fails every item of `batch` with `error`.
    private static func failAll(
        _ batch: [Job], _ error: any Error, on connection: Connection
    ) -> (Bool, [@Sendable () -> Void]) {
        connection.rollbackIfNeeded()
        return (false, batch.map { job in { job.fail(error) } })
    }
}
