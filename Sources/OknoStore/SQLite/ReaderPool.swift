/// A fixed set of read-only connections to one database file, lent out one closure at a time.
///
/// In WAL mode readers see the last committed state and neither block nor are blocked by the
/// writer. `read` blocks while every connection is lent out, so call it from a dedicated thread,
/// never from Swift concurrency's cooperative pool.
public final class ReaderPool: Sendable {
    private let idle: Monitor<[Connection]>

    /// Opens `size` read-only connections to the existing file at `path`.
    ///
    /// - Parameters:
    ///   - size: the number of connections, at least 1. Default: 4.
    ///   - busyTimeout: how long to wait for a lock (WAL recovery, checkpoints). Default: 5000 ms.
    ///   - prepare: runs once on each new connection (attachments).
    /// - Throws: `DatabaseError` if a connection cannot be opened or `prepare` fails.
    public init(
        path: String, size: Int = 4, busyTimeout: Duration = .milliseconds(5000),
        prepare: (Connection) throws -> Void = { _ in }
    ) throws {
        precondition(size > 0, "a reader pool needs at least one connection")
        let connections = try (0..<size).map { _ in
            let connection = try Connection.open(path: path, readOnly: true, busyTimeout: busyTimeout)
            try prepare(connection)
            return connection
        }
        idle = Monitor(connections)
    }

    /// Runs `body` with a connection of its own, waiting for one to be free.
    ///
    /// The connection must not escape `body`, and `body` must not call `read` again (with every
    /// connection lent out it would wait for itself). A transaction left open is rolled back.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = idle.withLock(waitingUntil: { !$0.isEmpty }) { $0.removeLast() }
        defer {
            connection.rollbackIfNeeded()
            idle.withLock { $0.append(connection) }
            idle.signal()
        }
        return try body(connection)
    }
}
