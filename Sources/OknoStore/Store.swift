import Dispatch
import Foundation
import OknoDomain

/// The database of one Okno instance: the write connection, a pool of readers and the queue index.
///
/// Writes go through `writer` (one thread, group commit); reads through `readers`, which attach
/// the queue index file (`QueueIndex`, kept by a writer thread of its own). Both block
/// their caller, so call them from dedicated threads, never from Swift concurrency's
/// cooperative pool (`write(_:)` is the exception: it suspends instead of blocking).
public final class Store: Sendable {
    /// The database file.
    public let path: String
    /// The single write connection; every change goes through it.
    public let writer: DatabaseWriter
    /// Read-only connections, which see the last committed state.
    public let readers: ReaderPool
    /// The queue's indexes (deadline order, status, unit, topic, region, full text), in a file of their own.
    public let queueIndex: QueueIndex
    /// How far the queue index file had followed `message_changes` at the last prune.
    private let changesFollowedAtLastPrune = Monitor<Int64?>(nil)

    private init(path: String, writer: DatabaseWriter, readers: ReaderPool, queueIndex: QueueIndex) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.queueIndex = queueIndex
    }

    /// The page cache of each writer connection, as `PRAGMA cache_size` (negative: KiB): 32 MiB,
    /// which holds what a batch touches (SQLite's default, 2 MiB, did not for the index file).
    static let writerCacheKiB = -32_768

    /// Opens the database at `path`, creating the file if missing, bringing its schema up to date,
    /// giving it `defaultDirectory` if it has no directory yet, and opening (or building) its
    /// queue index file.
    ///
    /// - Parameters:
    ///   - migrations: usually `Store.bundledMigrations()`.
    ///   - defaultDirectory: stored only when the database has no directory; must be valid then.
    ///   - readers: read-only connections in the pool, at least 1. Default: 4.
    ///   - maxBatchSize: at most this many writes share a commit. Default: 256.
    /// - Throws: `MigrationError` (a migration changed since it was applied, or unknown to this
    ///   binary, before anything is changed; or `.failed`, a migration rolled back after the ones
    ///   before it were applied); `DirectoryReplacementError` if the database needs the default
    ///   directory and it is invalid; `DatabaseError` otherwise.
    public static func open(
        path: String,
        migrations: [Migration],
        defaultDirectory: Directory,
        readers: Int = 4,
        maxBatchSize: Int = 256
    ) throws -> Store {
        do {
            let connection = try Connection.open(path: path)
            try Migrator(migrations: migrations).migrate(connection)
            try connection.transaction {
                if try !DirectoryRepository.isStored(connection) {
                    try DirectoryRepository.replace(with: defaultDirectory, connection)
                }
            }
        }
        let queueIndex = try QueueIndex.open(databasePath: path)
        let writer: DatabaseWriter
        do {
            // Reads merge in what the index has not followed, one by one: start with none.
            try queueIndex.catchUp()
            writer = try DatabaseWriter(path: path, maxBatchSize: maxBatchSize) {
                try $0.execute("PRAGMA cache_size = \(Self.writerCacheKiB)")
            }
        } catch {
            queueIndex.close()
            throw error
        }
        do {
            let readers = try ReaderPool(path: path, size: readers) {
                try QueueIndex.attach(path: queueIndex.path, to: $0)
            }
            return Store(path: path, writer: writer, readers: readers, queueIndex: queueIndex)
        } catch {
            writer.close()
            queueIndex.close()
            throw error
        }
    }

    /// Brings the schema of the database at `path` up to date, creating the file if missing;
    /// stores no directory (that happens on the first `open`).
    ///
    /// - Returns: the migrations applied now, in order; empty if the schema was up to date.
    /// - Throws: `MigrationError` or `DatabaseError`; a failing migration leaves nothing of itself.
    @discardableResult
    public static func migrate(path: String, migrations: [Migration]) throws -> [Migration] {
        try Migrator(migrations: migrations).migrate(Connection.open(path: path))
    }

    /// Copies the database at `path` to a new file at `target` while others may keep writing:
    /// a consistent snapshot of what was committed.
    ///
    /// - Throws: `StoreError.missingDatabase` if there is no file at `path` (none is created),
    ///   `StoreError.backupOntoItself`, or `DatabaseError` if the copy fails.
    public static func backup(path: String, to target: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missingDatabase(path: path) }
        let source = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let destination = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
        guard source.path != destination.path else { throw StoreError.backupOntoItself(path: target) }
        try Connection.open(path: path, readOnly: true).backup(toPath: target)
    }

    /// Copies this store's committed data to a new file at `target`, from a reader connection.
    public func backup(to target: String) throws {
        try readers.read { try $0.backup(toPath: target) }
    }

    /// Runs `work` on the write connection and waits until it is committed.
    ///
    /// Blocks the calling thread: for the command line and for threads of one's own.
    /// - Throws: the error of `work` (its changes undone), or the commit's `DatabaseError`.
    @discardableResult
    public func writeSync<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) throws -> T {
        let outcome = Outcome<T>()
        writer.submit(work, completion: outcome.set)
        return try outcome.take().get()
    }

    /// Runs `work` on the write connection and returns once it is committed, suspending meanwhile.
    @discardableResult
    public func write<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writer.write(work)
    }

    /// Runs `body` on a reader connection; blocks while all are lent out.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.read(body)
    }

    /// Brings the queue index file up to date with what is committed; blocks the calling thread
    /// (never the main writer).
    public func catchUpQueueIndexes() throws {
        try queueIndex.catchUp()
    }

    /// Deletes the rows of the `message_changes` log that the queue index file had followed at the
    /// previous call, then notes how far it has followed now. A read needs only the changes the
    /// file had not followed when the read began, so with calls minutes apart no read in progress
    /// loses one. Records how far it deleted, so that an index file that has not followed that
    /// far (restored, or it lost its last commits) is built anew.
    ///
    /// - Returns: how many rows were deleted.
    @discardableResult
    public func pruneMessageChanges() throws -> Int {
        let followed = try read { try QueueIndex.followed($0, schema: QueueIndex.schema).lastChange }
        let through = changesFollowedAtLastPrune.withLock { previous in
            defer { previous = followed }
            return previous
        }
        guard let through else { return 0 }
        return try writeSync {
            let deleted = try $0.run("DELETE FROM message_changes WHERE seq <= ?", [.integer(through)])
            try $0.run("UPDATE message_changes_pruned SET through = max(through, ?) WHERE id = 1", [.integer(through)])
            return deleted
        }
    }

    /// Commits what is queued, then closes the write connections. Idempotent.
    ///
    /// Reader connections close when the store is released.
    public func close() {
        writer.close()
        queueIndex.close()
    }
}
