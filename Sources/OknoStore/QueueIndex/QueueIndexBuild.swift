import OknoDomain

/// Writes the queue index file (`QueueIndex`): builds it whole, and follows the main database,
/// attached as `okno`, batch by batch. Every step reads the main database at one snapshot, inside
/// the index's write transaction, so what the index holds is the main database's state as of
/// `state`.
enum QueueIndexBuild {
    static let schemaSQL = """
        CREATE TABLE state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            database_token TEXT NOT NULL,
            last_message_id INTEGER NOT NULL,
            last_message_number TEXT,
            last_change INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            unit TEXT,
            topic TEXT NOT NULL,
            region TEXT NOT NULL,
            status TEXT NOT NULL,
            open_due_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX entries_by_due ON entries (open_due_at, id);
        CREATE INDEX entries_by_status ON entries (status, open_due_at, id, unit, topic, region);
        CREATE INDEX entries_by_unit ON entries (unit, open_due_at, id, status, topic, region);
        CREATE INDEX entries_by_topic ON entries (topic, open_due_at, id, unit, status, region);
        CREATE INDEX entries_by_region ON entries (region, open_due_at, id, unit, status, topic);
        CREATE VIRTUAL TABLE texts USING fts5 (text, content = '', columnsize = 0);
        """

    /// Builds the index of every message in the main database into an empty file.
    static func build(_ connection: Connection) throws {
        try connection.transaction {
            try connection.execute(schemaSQL)
            try connection.execute("PRAGMA user_version = \(QueueIndex.schemaVersion)")
            let lastID = try connection.scalar("SELECT ifnull(max(id), 0) FROM okno.messages")?.int64 ?? 0
            let lastChange = try lastChange(connection)
            try connection.run("\(insertEntries) \(openMessages)", [.integer(lastID)])
            try connection.run("\(insertTexts) \(openMessages)", [.integer(lastID)])
            try connection.run(
                """
                INSERT INTO state (id, database_token, last_message_id, last_message_number, last_change)
                VALUES (
                    1, (SELECT token FROM okno.database_identity WHERE id = 1), ?1,
                    (SELECT number FROM okno.messages WHERE id = ?1), ?2)
                """, [.integer(lastID), .integer(lastChange)])
        }
    }

    /// The last sequence number given to a change in the main database (rows may have been pruned).
    static func lastChange(_ connection: Connection) throws -> Int64 {
        try connection.scalar("SELECT seq FROM okno.sqlite_sequence WHERE name = 'message_changes'")?.int64 ?? 0
    }

    /// Follows up to `limit` new messages and up to `limit` changes of the main database.
    ///
    /// A changed message leaves the index and enters it again as it is now. Changes of messages
    /// the index has not reached yet are passed over: it takes them in as they are when it does.
    /// - Returns: whether more is left to follow.
    static func follow(limit: Int, _ connection: Connection) throws -> Bool {
        let followed = try QueueIndex.followed(connection)
        let added = try connection.queryOne(
            "SELECT count(*), max(id) FROM (SELECT id FROM okno.messages WHERE id > ? ORDER BY id LIMIT ?)",
            [.integer(followed.lastMessageID), .integer(Int64(limit))]
        ) { (count: $0.int64(at: 0), last: $0.isNull(at: 1) ? followed.lastMessageID : $0.int64(at: 1)) }
        let changes = try connection.queryOne(
            "SELECT count(*), max(seq) FROM (SELECT seq FROM okno.message_changes WHERE seq > ? ORDER BY seq LIMIT ?)",
            [.integer(followed.lastChange), .integer(Int64(limit))]
        ) { (count: $0.int64(at: 0), last: $0.isNull(at: 1) ? followed.lastChange : $0.int64(at: 1)) }
        guard let added, let changes, added.count + changes.count > 0 else { return false }

        if changes.count > 0 {
            let range: [SQLValue] = [
                .integer(followed.lastChange), .integer(changes.last), .integer(followed.lastMessageID),
            ]
            // A contentless full-text index forgets a text given the text it was indexed with.
            try connection.run(
                """
                INSERT INTO texts (texts, rowid, text)
                SELECT 'delete', e.id, m.text FROM entries e JOIN okno.messages m ON m.id = e.id
                WHERE e.id IN (\(Self.changed))
                """, range)
            try connection.run("DELETE FROM entries WHERE id IN (\(Self.changed))", range)
            try connection.run("\(insertEntries) \(changedMessages)", range)
            try connection.run("\(insertTexts) \(changedMessages)", range)
        }
        if added.count > 0 {
            let range: [SQLValue] = [.integer(followed.lastMessageID), .integer(added.last)]
            try connection.run("\(insertEntries) \(Self.newMessages)", range)
            try connection.run("\(insertTexts) \(Self.newMessages)", range)
        }
        try connection.run(
            """
            UPDATE state SET last_message_id = ?1, last_change = ?2,
                last_message_number = (SELECT number FROM okno.messages WHERE id = ?1)
            WHERE id = 1
            """, [.integer(added.last), .integer(changes.last)])
        return added.count == limit || changes.count == limit
    }

    /// The messages with an open deadline up to id `?`, for a build: found through the open
    /// statuses of `messages_status` (only an open message has an open deadline), not by reading
    /// every row of the table.
    static let openMessages = """
        FROM okno.messages m
        WHERE m.status IN (\(MessageStatus.openSQLList)) AND m.open_due_at IS NOT NULL AND m.id <= ?
        """
    /// The messages changed between two change sequence numbers (`?1`, `?2`] that the index has
    /// followed (ids up to `?3`).
    static let changed = "SELECT message_id FROM okno.message_changes WHERE seq > ?1 AND seq <= ?2 AND message_id <= ?3"
    /// The changed messages with an open deadline, to select columns of `m` from.
    static let changedMessages = "FROM okno.messages m WHERE m.id IN (\(changed)) AND m.open_due_at IS NOT NULL"
    /// The new messages (ids after `?`, up to `?`) with an open deadline; NOT INDEXED keeps
    /// SQLite on the id range rather than the main database's status index.
    static let newMessages =
        "FROM okno.messages AS m NOT INDEXED WHERE m.id > ? AND m.id <= ? AND m.open_due_at IS NOT NULL"

    static let insertEntries = """
        INSERT INTO entries (id, unit, topic, region, status, open_due_at)
        SELECT m.id, m.unit, m.topic, m.region, m.status, m.open_due_at
        """
    static let insertTexts = "INSERT INTO texts (rowid, text) SELECT m.id, m.text"
}
