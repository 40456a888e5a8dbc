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
    /// A notice's primary key.
    struct Key: Hashable {
        let messageID: Int64
        let kind: String
        let dueAt: Int64
        let level: String

        init(messageID: Int64, kind: String, dueAt: Int64, level: String) {
            self.messageID = messageID
            self.kind = kind
            self.dueAt = dueAt
            self.level = level
        }

        init(messageID: Int64, deadline: Deadline, level: RiskLevel) {
            self.init(
                messageID: messageID, kind: deadline.kind.rawValue, dueAt: Instant.milliseconds(deadline.dueAt),
                level: level.rawValue)
        }
    }

    /// The notices given so far for these messages: one query for a whole batch instead of a probe
    /// per deadline and level.
    static func announced(messageIDs: [Int64], _ connection: Connection) throws -> Set<Key> {
        var keys: Set<Key> = []
        // SQLite allows 32766 bound parameters; batches stay far below.
        for chunk in stride(from: 0, to: messageIDs.count, by: 1000) {
            let ids = messageIDs[chunk..<min(chunk + 1000, messageIDs.count)]
            let placeholders = repeatElement("?", count: ids.count).joined(separator: ",")
            let statement = try connection.prepare(
                "SELECT message_id, kind, due_at, level FROM deadline_notices WHERE message_id IN (\(placeholders))")
            try statement.bind(ids.map { .integer($0) })
            while try statement.step() {
                keys.insert(
                    Key(
                        messageID: statement.int64(at: 0), kind: statement.string(at: 1) ?? "",
                        dueAt: statement.int64(at: 2), level: statement.string(at: 3) ?? ""))
            }
        }
        return keys
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
