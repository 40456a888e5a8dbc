import Foundation

/// One entry of the change feed, as stored.
public struct StoredEvent: Sendable, Equatable {
    /// Gap-free position in the feed, from 1.
    public let seq: Int64
    /// E.g. `message.registered`.
    public let type: String
    public let messageID: Int64?
    /// The message's number, if the event concerns one.
    public let number: String?
    public let at: Date
    /// Who caused it: a token name, or `nil` for the applicant or the system.
    public let actor: String?
    /// A JSON object, as compact text.
    public let data: String
}

/// The events table: appended to in the writer's transactions, read by the feed and histories.
public enum EventRepository {
    /// Appends an event; call it inside the same write as the change it records.
    ///
    /// - Returns: the event's `seq`.
    @discardableResult
    public static func append(
        type: String,
        messageID: Int64?,
        number: String?,
        at: Date,
        actor: String?,
        data: EventData = [:],
        _ connection: Connection
    ) throws -> Int64 {
        try append(type: type, messageID: messageID, number: number, at: at, actor: actor, json: data.json, connection)
    }

    /// `append` with `data` already written as a JSON object.
    @discardableResult
    static func append(
        type: String, messageID: Int64?, number: String?, at: Date, actor: String?, json: String,
        _ connection: Connection
    ) throws -> Int64 {
        try connection.run(
            "INSERT INTO events (type, message_id, number, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .text(type), messageID.map { .integer($0) } ?? .null, .optional(number),
                .integer(Instant.milliseconds(at)), .optional(actor), .text(json),
            ])
        return connection.lastInsertRowID
    }

    /// Events with `seq > after`, in order.
    ///
    /// - Parameter limit: at most this many, at least 1.
    public static func list(after: Int64, limit: Int, _ connection: Connection) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try connection.query(
            "SELECT \(columns) FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
            [.integer(after), .integer(Int64(max(1, limit)))]
        ) { events.append(event($0)) }
        return events
    }

    /// The events of one message, in order.
    public static func list(messageID: Int64, _ connection: Connection) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try connection.query(
            "SELECT \(columns) FROM events WHERE message_id = ? ORDER BY seq", [.integer(messageID)]
        ) { events.append(event($0)) }
        return events
    }

    /// The last `seq` given out; 0 when there are none.
    public static func lastSeq(_ connection: Connection) throws -> Int64 {
        try connection.scalar("SELECT coalesce(max(seq), 0) FROM events")?.int64 ?? 0
    }

    private static let columns = "seq, type, message_id, number, at, actor, data"

    private static func event(_ row: Row) -> StoredEvent {
        StoredEvent(
            seq: row.int64(at: 0), type: row.text(at: 1), messageID: row.isNull(at: 2) ? nil : row.int64(at: 2),
            number: row.string(at: 3), at: Instant.date(row.int64(at: 4)), actor: row.string(at: 5),
            data: row.text(at: 6))
    }
}
