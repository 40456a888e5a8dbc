import Foundation

/// The `deadline_watch` table: when the deadline scheduler is to look at an open message next.
///
/// Writers of a message call `look(at:)` with the instant of their change ("look at it now"), or
/// with `nil` when the message is finished; the scheduler moves the instant to the next risk change
/// (`move`), or removes the row (`look(at: nil)`) when no risk will change any more.
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

    /// When the scheduler looks at message `id` next; `nil` when it never will.
    public static func nextLook(messageID id: Int64, _ connection: Connection) throws -> Date? {
        try connection.scalar(
            "SELECT next_change_at FROM deadline_watch WHERE message_id = ?", [.integer(id)]
        )?.int64.map(Instant.date)
    }
}
