import Foundation

/// The queue's indexes (deadline order, and per status, unit, topic and region) and its full-text
/// index, in a database file of their own beside the main one, written by a writer thread of
/// their own: filling them never holds the main writer, so intake never waits for them
/// (migrations 0014 and 0016).
///
/// The file is derived data, rebuilt from the main database when it is missing or does not match
/// it. `entries` holds every message with an open deadline (`open_due_at` not NULL) with the
/// columns the queue filters on; `texts` (FTS5, contentless) holds the same messages' texts.
/// `state` records how far the index has followed the main database: new messages up to
/// `last_message_id`, changed ones up to `message_changes.seq` `last_change`. Readers attach the
/// file as `queue_index` and merge in what it has not followed yet (`QueueIndexQuery`), so their
/// answers are exact however far behind the index is, but for full-text matches (a search
/// catches the index up first).
public final class QueueIndex: Sendable {
    /// New messages or changes followed per write transaction, by default: a second of intake
    /// at 10,000 messages/s.
    public static let defaultBatchSize = 10_000
    /// The file's layout; a file of another version is rebuilt.
    static let schemaVersion: Int64 = 3
    /// The name readers attach the file under.
    static let schema = "queue_index"

    /// The index file.
    public let path: String
    /// New messages or changes followed per write transaction.
    public let batchSize: Int
    private let writer: DatabaseWriter

    private init(path: String, batchSize: Int, writer: DatabaseWriter) {
        self.path = path
        self.batchSize = batchSize
        self.writer = writer
    }

    /// The index file of the database at `databasePath`.
    public static func path(forDatabase databasePath: String) -> String {
        databasePath + "-queue-index"
    }

    /// Opens the index of the database at `databasePath`, first building it anew (in one
    /// transaction) if it is missing, unreadable, of another version, or not built from this
    /// database.
    ///
    /// - Throws: `DatabaseError` if the file cannot be built (or the main database attached); a
    ///   file system error if the old file cannot be removed.
    public static func open(databasePath: String, batchSize: Int = defaultBatchSize) throws -> QueueIndex {
        precondition(batchSize > 0, "a batch follows at least one message or change")
        let path = path(forDatabase: databasePath)
        let attachMain: @Sendable (Connection) throws -> Void = { connection in
            // Derived data: losing the last commits to a power cut only means following them again.
            // A batch touches five indexes and the full-text segments it merges: a cache too small
            // for them read a page back from the log twice per message.
            try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = \(Store.writerCacheKiB)")
            try connection.run("ATTACH ? AS okno", [.text(fileURI(databasePath, readOnly: true))])
        }
        // As URIs, so that no path (one starting with `file:`, say) is read otherwise.
        let pathURI = fileURI(path, readOnly: false)
        func openAttached() throws -> Connection {
            let connection = try Connection.open(path: pathURI, uriFileNames: true)
            try attachMain(connection)
            return connection
        }
        let matches: Bool
        do {
            // Closed before the files may be removed: closing would remove the new file's log.
            // A file SQLite cannot read (damaged, not a database) is built anew like a foreign one.
            let connection = try? openAttached()
            matches = (try? connection.map(matchesDatabase)) == true
        }
        if !matches {
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.removeItem(atPath: file)
            }
            try QueueIndexBuild.build(openAttached())
        }
        let writer = try DatabaseWriter(
            path: pathURI, uriFileNames: true, threadName: "okno-index", prepare: attachMain)
        return QueueIndex(path: path, batchSize: batchSize, writer: writer)
    }

    /// Follows the main database until the index is up to date, a batch per transaction.
    ///
    /// Blocks the calling thread while the index writer works; the main writer is never waited for.
    public func catchUp() throws {
        let outcome = Outcome<Bool>()
        let limit = batchSize
        repeat {
            writer.submit({ try QueueIndexBuild.follow(limit: limit, $0) }, completion: outcome.set)
        } while try outcome.take().get()
    }

    /// Commits what is queued, then closes the index's write connection. Idempotent.
    public func close() {
        writer.close()
    }

    /// Attaches the index file at `path` to `connection` (read-only if the connection is).
    public static func attach(path: String, to connection: Connection) throws {
        try connection.run("ATTACH ? AS \(schema)", [.text(path)])
    }

    /// Runs `body` in a read transaction that reads first how far the index has followed.
    ///
    /// The index must be read before the main database: then every change the index has not
    /// followed is in the main database's snapshot, and `QueueIndexQuery` merges it in.
    static func read<T>(_ connection: Connection, _ body: (Followed) throws -> T) throws -> T {
        try connection.transaction(kind: .deferred) {
            try body(try followed(connection, schema: schema))
        }
    }

    /// How far the index has followed the main database.
    struct Followed: Equatable {
        var lastMessageID: Int64
        var lastChange: Int64
    }

    static func followed(_ connection: Connection, schema: String = "main") throws -> Followed {
        try connection.queryOne("SELECT last_message_id, last_change FROM \(schema).state WHERE id = 1", []) {
            Followed(lastMessageID: $0.int64(at: 0), lastChange: $0.int64(at: 1))
        } ?? Followed(lastMessageID: 0, lastChange: 0)
    }

    /// Whether the index file has this version and was built from the attached main database:
    /// the database's identity token is the one it recorded, the message it followed last has
    /// the number it recorded, no change it followed is missing (as after restoring an older
    /// backup), and none it has not followed was pruned from the log (as after it lost commits).
    static func matchesDatabase(_ connection: Connection) throws -> Bool {
        guard try connection.scalar("PRAGMA user_version")?.int64 == schemaVersion,
            let recorded = try connection.queryOne(
                "SELECT database_token, last_message_id, last_message_number, last_change FROM state WHERE id = 1", [],
                { row in
                    (token: row.text(at: 0), id: row.int64(at: 1), number: row.string(at: 2), change: row.int64(at: 3))
                })
        else { return false }
        let token = try connection.scalar("SELECT token FROM okno.database_identity WHERE id = 1")?.string
        let number = try connection.scalar("SELECT number FROM okno.messages WHERE id = ?", [.integer(recorded.id)])
        let lastChange = try QueueIndexBuild.lastChange(connection)
        let pruned = try connection.scalar("SELECT through FROM okno.message_changes_pruned WHERE id = 1")?.int64 ?? 0
        return token == recorded.token && number?.string == recorded.number
            && recorded.change >= pruned && recorded.change <= lastChange
    }

    /// `file:` URI of the database at `path`, opening it read-only if `readOnly`.
    static func fileURI(_ path: String, readOnly: Bool) -> String {
        // Absolute, so that no `//` at its start is read as a host.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:" + encoded + (readOnly ? "?mode=ro" : "")
    }
}
