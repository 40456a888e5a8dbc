import Foundation

/// The `deadline_watch` table: when the deadline scheduler is to look at an open message next.
///
/// A new message is enrolled after its registration, in batches (`enrol`), at its
/// `first_look_at`. Writers of a message call `look(at:)` with the instant of their change ("look
/// at it now"), or with `nil` when the message is finished; the scheduler moves the instant to the
/// next risk change (`move`), or removes the row (`look(at: nil)`) when no risk will change any more.
public enum DeadlineWatchRepository {
    /// Sets when the scheduler looks at message `id` next: at `instant`, or never (`nil`).
    static func look(at instant: Date?, messageID id: Int64, _ connection: Connection) throws {
        guard let instant else {
            try connection.run("DELETE FROM deadline_watch WHERE message_id = ?", [.integer(id)])
            return
        }
        try connection.run(
            """
            INSERT INTO deadline_watch (message_id, next_change_at) VALUES (?, ?)
            ON CONFLICT (message_id) DO UPDATE SET next_change_at = excluded.next_change_at
            """,
            [.integer(id), .integer(Instant.milliseconds(instant))])
    }

    /// Moves the look instant of a message under watch (the scheduler's own rescheduling, cheaper
    /// than `look(at:)`'s insert-or-update).
    static func move(messageID id: Int64, to instant: Date, _ connection: Connection) throws {
        try connection.run(
            "UPDATE deadline_watch SET next_change_at = ? WHERE message_id = ?",
            [.integer(Instant.milliseconds(instant)), .integer(id)])
    }

    /// When the scheduler looks at message `id` next, enrolled or not; `nil` when it never will.
    public static func nextLook(messageID id: Int64, _ connection: Connection) throws -> Date? {
        try connection.scalar(nextLookQuery, [.integer(id)])?.int64.map(Instant.date)
    }

    /// Whether messages were registered since the last enrolment.
    public static func hasNewMessages(_ connection: Connection) throws -> Bool {
        try connection.scalar(newMessagesProbe) != nil
    }

    /// Puts the next `limit` messages registered since the last enrolment under watch, at their
    /// first look instant; those finished meanwhile are passed over. A row a writer has set since
    /// (`look(at:)`: "look at it now") is kept.
    ///
    /// Run it as one `DatabaseWriter` item.
    /// - Returns: whether more messages are left to enrol.
    public static func enrol(limit: Int, _ connection: Connection) throws -> Bool {
        let through = try connection.scalar(enrolledThrough)?.int64 ?? 0
        let batch = try connection.queryOne(
            "SELECT count(*), max(id) FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)",
            [.integer(through), .integer(Int64(limit))]
        ) { (count: $0.int64(at: 0), last: $0.isNull(at: 1) ? nil : Optional($0.int64(at: 1))) }
        guard let batch, let last = batch.last else { return false }
        try connection.run(enrolmentInsert, [.integer(through), .integer(last)])
        try connection.run("UPDATE deadline_watch_enrolment SET through = ? WHERE id = 1", [.integer(last)])
        return batch.count == limit
    }

    /// The id of the last message enrolled.
    private static let enrolledThrough = "SELECT through FROM deadline_watch_enrolment WHERE id = 1"
    /// A message's first look instant; messages registered before migration 0015 have none.
    private static let firstLook = "ifnull(m.first_look_at, m.registered_at)"

    /// The look of message `?1`: its watch row, else its first look if it is open and not enrolled.
    static let nextLookQuery = """
        SELECT next_change_at FROM deadline_watch WHERE message_id = ?1
        UNION ALL
        SELECT \(firstLook) FROM messages m
        WHERE m.id = ?1 AND m.id > (\(enrolledThrough)) AND m.open_due_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM deadline_watch WHERE message_id = ?1)
        """
    /// A row if a message was registered since the last enrolment.
    static let newMessagesProbe = "SELECT 1 FROM messages WHERE id > (\(enrolledThrough)) LIMIT 1"
    /// Enrols the open messages with ids after `?` up to `?`, by id range (NOT INDEXED keeps
    /// SQLite off `messages_status`).
    static let enrolmentInsert = """
        INSERT INTO deadline_watch (message_id, next_change_at)
        SELECT m.id, \(firstLook) FROM messages AS m NOT INDEXED
        WHERE m.id > ? AND m.id <= ? AND m.open_due_at IS NOT NULL
        ON CONFLICT (message_id) DO NOTHING
        """
}
