import Foundation
import OknoDomain

/// A deadline's risk level as announced by the scheduler, with when it was due and when given.
public struct DeadlineNotice: Sendable, Equatable {
    public let messageID: Int64
    public let kind: DeadlineKind
    /// The deadline's due instant; with `kind` it names the deadline.
    public let dueAt: Date
    public let level: RiskLevel
    /// When the notice was due: when the level was reached (or the deadline appeared, if later).
    public let dueInstant: Date
    /// When the scheduler gave it.
    public let noticedAt: Date
    /// The `deadline.*` event written with it.
    public let eventSeq: Int64

    /// How late the scheduler was: `noticedAt − dueInstant`, in seconds; never negative.
    public var lateness: TimeInterval { noticedAt.timeIntervalSince(dueInstant) }
}

/// The `deadline_notices` table: written by `DeadlineScheduler` only, once per row.
public enum DeadlineNoticeRepository {
    /// Whether `level` of `deadline` was announced for message `messageID`.
    static func isAnnounced(
        messageID: Int64, _ deadline: Deadline, _ level: RiskLevel, _ connection: Connection
    ) throws -> Bool {
        try connection.scalar(
            "SELECT 1 FROM deadline_notices WHERE message_id = ? AND kind = ? AND due_at = ? AND level = ?",
            [
                .integer(messageID), .text(deadline.kind.rawValue), .integer(Instant.milliseconds(deadline.dueAt)),
                .text(level.rawValue),
            ]) != nil
    }

    /// The notices of one message, in the order they were given.
    public static func list(messageID: Int64, _ connection: Connection) throws -> [DeadlineNotice] {
        var notices: [DeadlineNotice] = []
        try connection.query(
            """
            SELECT message_id, kind, due_at, level, due_instant, noticed_at, event_seq
            FROM deadline_notices WHERE message_id = ? ORDER BY event_seq
            """,
            [.integer(messageID)]
        ) { row in
            guard let kind = DeadlineKind(rawValue: row.text(at: 1)) else {
                throw StoreError.corruptValue(table: "deadline_notices", column: "kind")
            }
            guard let level = RiskLevel(rawValue: row.text(at: 3)) else {
                throw StoreError.corruptValue(table: "deadline_notices", column: "level")
            }
            notices.append(
                DeadlineNotice(
                    messageID: row.int64(at: 0), kind: kind, dueAt: Instant.date(row.int64(at: 2)), level: level,
                    dueInstant: Instant.date(row.int64(at: 4)), noticedAt: Instant.date(row.int64(at: 5)),
                    eventSeq: row.int64(at: 6)))
        }
        return notices
    }
}
