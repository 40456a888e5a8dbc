import Foundation
import OknoDomain

/// Closes answered messages whose rating window has passed without a rating.
public enum RatingWindowRepository {
    /// Closes up to `limit` messages answered before `cutoff` (oldest first) through the
    /// lifecycle's system `close`, each with its `message.closed` event.
    ///
    /// - Returns: how many were closed.
    public static func closeExpired(
        answeredBefore cutoff: Date, at instant: Date, directory: Directory, limit: Int, _ connection: Connection
    ) throws -> Int {
        var ids: [Int64] = []
        try connection.query(
            """
            SELECT id FROM messages INDEXED BY messages_awaiting_rating
            WHERE status = 'answered' AND answer_sent_at < ? ORDER BY answer_sent_at, id LIMIT ?
            """, [.integer(Instant.milliseconds(cutoff)), .integer(Int64(limit))]
        ) { ids.append($0.int64(at: 0)) }
        var closed = 0
        for id in ids {
            guard let record = try MessageRepository.find(id: id, connection),
                let timeZone = directory.timeZone(ofRegion: record.region),
                case .success(let outcome) = Lifecycle.apply(
                    TransitionCommand(.close), to: record.snapshot(timeZone: timeZone), by: .system, at: instant,
                    context: TransitionContext(directory: directory))
            else { continue }
            if try TransitionRepository.store(
                outcome, messageID: id, expectedVersion: record.version, actor: "scheduler", connection) != nil
            {
                closed += 1
            }
        }
        return closed
    }
}
