import Foundation
import OknoDomain

/// Applicants' ratings of answers.
public enum RatingRepository {
    /// A stored rating.
    public struct Rating: Sendable, Equatable {
        public var score: Int
        public var comment: String?
        public var ratedAt: Date
        /// Scores 1 and 2 are flagged for the administrative department.
        public var flagged: Bool
    }

    /// Scores at or below this are flagged.
    public static let flagThreshold = 2

    /// The message id when `accessTokenHash` is one of the message's access tokens.
    public static func messageID(number: String, accessTokenHash: String, _ connection: Connection) throws -> Int64? {
        try connection.scalar(
            """
            SELECT m.id FROM messages m JOIN message_access_tokens t ON t.message_id = m.id
            WHERE m.number = ? AND t.hash = ?
            """, [.text(number), .text(accessTokenHash)])?.int64
    }

    public static func find(messageID: Int64, _ connection: Connection) throws -> Rating? {
        try connection.queryOne(
            "SELECT score, comment, rated_at, flagged FROM ratings WHERE message_id = ?", [.integer(messageID)]
        ) { row in
            Rating(
                score: row.int(at: 0), comment: row.string(at: 1), ratedAt: Instant.date(row.int64(at: 2)),
                flagged: row.int(at: 3) == 1)
        }
    }

    /// Stores the rating and its `rating.received` event; the caller checked it is the first.
    public static func insert(
        messageID: Int64, number: String, score: Int, comment: String?, at instant: Date, _ connection: Connection
    ) throws -> Rating {
        let rating = Rating(score: score, comment: comment, ratedAt: instant, flagged: score <= flagThreshold)
        try connection.run(
            "INSERT INTO ratings (message_id, score, comment, rated_at, flagged) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(messageID), .integer(Int64(score)), .optional(comment),
                .integer(Instant.milliseconds(instant)), .bool(rating.flagged),
            ])
        try EventRepository.append(
            type: "rating.received", messageID: messageID, number: number, at: instant, actor: "applicant",
            data: ["score": .integer(Int64(score)), "flagged": .bool(rating.flagged)], connection)
        return rating
    }
}
