import Foundation
import OknoDomain

/// The full-text index searched by the queue (`queue_fts`): the texts of messages in an open status,
/// filled in batches after intake rather than inside it. Triggers on `messages` (migration 0009)
/// take a message out when its status closes and put it back when it reopens.
///
/// The index is an external-content FTS5 table over a subset of `messages`: FTS5's `'rebuild'`
/// would index every message and `'integrity-check'` reports the missing ones as corruption, so
/// neither may be run on it. Messages are never deleted; a purge would have to take its open
/// messages out of the index first.
public enum SearchIndexRepository {
    /// Whether messages wait to be indexed: one indexed read of each side, cheap enough per search.
    public static func isBehind(_ connection: Connection) throws -> Bool {
        let last = try connection.scalar("SELECT last_message_id FROM search_index_state WHERE id = 1")?.int64 ?? 0
        let newest = try connection.scalar("SELECT ifnull(max(id), 0) FROM messages")?.int64 ?? 0
        return newest > last
    }

    /// Looks at up to `limit` messages registered since the last batch, in id order, and indexes
    /// those in an open status.
    ///
    /// - Returns: how many were looked at; fewer than `limit` means it has caught up.
    @discardableResult
    public static func indexNew(limit: Int, _ connection: Connection) throws -> Int {
        let last = try connection.scalar("SELECT last_message_id FROM search_index_state WHERE id = 1")?.int64 ?? 0
        var upTo = last
        var count = 0
        try connection.query(
            "SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?", [.integer(last), .integer(Int64(limit))]
        ) {
            upTo = $0.int64(at: 0)
            count += 1
        }
        guard count > 0 else { return 0 }
        try connection.run(
            """
            INSERT INTO queue_fts (rowid, text) SELECT id, text FROM messages
            WHERE id > ? AND id <= ? AND status IN (\(MessageStatus.openSQLList))
            """,
            [.integer(last), .integer(upTo)])
        try connection.run("UPDATE search_index_state SET last_message_id = ? WHERE id = 1", [.integer(upTo)])
        return count
    }
}

extension Store {
    /// Messages indexed per write transaction.
    public static let searchIndexBatch = 5_000

    /// Indexes every message not yet in the full-text index, in batches through the writer.
    public func catchUpSearchIndex() throws {
        guard try read({ try SearchIndexRepository.isBehind($0) }) else { return }
        while try writeSync({ try SearchIndexRepository.indexNew(limit: Store.searchIndexBatch, $0) })
            == Store.searchIndexBatch
        {}
    }
}
