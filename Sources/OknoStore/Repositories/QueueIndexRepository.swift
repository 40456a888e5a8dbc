import Foundation
import OknoDomain

/// The queue's indexes that new messages enter in batches after intake rather than inside it: the
/// full-text index (`queue_fts`, the texts of messages in an open status) and the per-unit,
/// per-topic and per-region indexes (for `queue_pending = 0`, migration 0012).
/// `search_index_state.last_message_id` records how far the batches have got; every message after
/// it is pending. Triggers on `messages` (migration 0009) take a message out of the full-text index
/// when its status closes and put it back when it reopens.
///
/// The full-text index is an external-content FTS5 table over a subset of `messages`: FTS5's
/// `'rebuild'` would index every message and `'integrity-check'` reports the missing ones as
/// corruption, so neither may be run on it. Messages are never deleted; a purge would have to
/// take its open messages out of the index first.
public enum QueueIndexRepository {
    /// Whether messages wait to be indexed: one indexed read of each side, cheap enough per search.
    public static func isBehind(_ connection: Connection) throws -> Bool {
        let newest = try connection.scalar("SELECT ifnull(max(id), 0) FROM messages")?.int64 ?? 0
        return try newest > lastIndexed(connection)
    }

    /// Takes up to `limit` messages registered since the last batch, in id order, into the
    /// queue's indexes (the full-text index only those in an open status).
    ///
    /// - Returns: how many were taken; fewer than `limit` means it has caught up.
    @discardableResult
    public static func indexNew(limit: Int, _ connection: Connection) throws -> Int {
        let last = try lastIndexed(connection)
        var upTo = last
        var count = 0
        try connection.query(
            "SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?", [.integer(last), .integer(Int64(limit))]
        ) {
            upTo = $0.int64(at: 0)
            count += 1
        }
        guard count > 0 else { return 0 }
        let range: [SQLValue] = [.integer(last), .integer(upTo)]
        try connection.run(indexTextsSQL, range)
        try connection.run(takeIntoFilterIndexesSQL, range)
        try connection.run("UPDATE search_index_state SET last_message_id = ? WHERE id = 1", [.integer(upTo)])
        return count
    }

    /// The texts of the batch's open messages (ids after `?`, up to `?`) into the full-text index.
    /// `NOT INDEXED` keeps SQLite on the id range: with the status condition alone it would walk
    /// `messages_queue_by_status` through every open message of the database for each batch.
    static let indexTextsSQL = """
        INSERT INTO queue_fts (rowid, text) SELECT id, text FROM messages NOT INDEXED
        WHERE id > ? AND id <= ? AND status IN (\(MessageStatus.openSQLList))
        """

    /// The batch's messages (ids after `?`, up to `?`) into the unit, topic and region indexes.
    static let takeIntoFilterIndexesSQL =
        "UPDATE messages SET queue_pending = 0 WHERE id > ? AND id <= ? AND queue_pending = 1"

    /// A read of `messages m` through the unit, topic or region index, pending messages included:
    /// `select` (ending in `FROM messages m`) with `conditions` over the messages taken into the
    /// indexes, then `UNION ALL` the pending ones, read by id range (`NOT INDEXED` keeps SQLite on
    /// the rowid). The caller binds its arguments twice, once per part, and may add an
    /// `ORDER BY` of result columns.
    static func indexedAndPending(_ select: String, where conditions: String) -> String {
        """
        \(select)
        WHERE \(conditions) AND m.queue_pending = 0
        UNION ALL
        \(select) NOT INDEXED
        WHERE m.id > (SELECT last_message_id FROM search_index_state WHERE id = 1) AND m.queue_pending = 1
            AND \(conditions)
        """
    }

    /// The id of the last message taken into the indexes.
    static func lastIndexed(_ connection: Connection) throws -> Int64 {
        try connection.scalar("SELECT last_message_id FROM search_index_state WHERE id = 1")?.int64 ?? 0
    }
}

extension Store {
    /// Messages indexed per write transaction.
    public static let queueIndexBatch = 500

    /// Takes every pending message into the queue's indexes, in batches through the writer.
    public func catchUpQueueIndexes() throws {
        guard try read({ try QueueIndexRepository.isBehind($0) }) else { return }
        while try writeSync({ try QueueIndexRepository.indexNew(limit: Store.queueIndexBatch, $0) })
            == Store.queueIndexBatch
        {}
    }
}
