/// Reads of `messages m` through the queue index file (`QueueIndex`, attached as `queue_index`),
/// exact however far behind the index is: the messages it has followed are read through its
/// indexes, the others (new, or changed since: few) by id from the main database (`CROSS JOIN`
/// keeps SQLite from walking a main index instead), and both merged. The exception is the text:
/// `textMatches` asks the file's full-text index, which holds only the texts it has followed.
enum QueueIndexQuery {
    /// SQL selecting `id, open_due_at` and then `columns` (of `m`) of the messages with an open
    /// deadline that meet `conditions`, in deadline order (`ORDER BY 2, 1`, which the caller
    /// may leave off).
    ///
    /// `conditions` gets a table alias, `q` for the index's `entries` and `m` for `messages`,
    /// and may use `id, unit, topic, region, status, open_due_at` through it. Bind the arguments
    /// with `arguments(_:_:)`.
    static func indexedAndChanged(columns: String, where conditions: (String) -> String) -> String {
        """
        WITH changed (id) AS (
            SELECT id FROM messages WHERE id > ?
            UNION SELECT message_id FROM message_changes WHERE seq > ?
        )
        SELECT q.id, q.open_due_at, \(columns)
        FROM \(QueueIndex.schema).entries q JOIN messages m ON m.id = q.id
        WHERE \(conditions("q")) AND q.id NOT IN changed
        UNION ALL
        SELECT m.id, m.open_due_at, \(columns)
        FROM changed c CROSS JOIN messages m ON m.id = c.id
        WHERE m.open_due_at IS NOT NULL AND \(conditions("m"))
        """
    }

    /// The arguments of an `indexedAndChanged` read: where the index stands, then the
    /// conditions' arguments once per part.
    static func arguments(_ followed: QueueIndex.Followed, _ conditions: [SQLValue]) -> [SQLValue] {
        [.integer(followed.lastMessageID), .integer(followed.lastChange)] + conditions + conditions
    }

    /// The condition that the message's text matches the FTS5 query bound to it, as far as the
    /// index file has followed: a new message, or one reopened since, matches once it is followed.
    static func textMatches(_ alias: String) -> String {
        "\(alias).id IN (SELECT rowid FROM \(QueueIndex.schema).texts WHERE texts MATCH ?)"
    }
}
