import Foundation
import OknoDomain

/// The messages table and what belongs to a message: applicant, access tokens, idempotency keys,
/// numbers and events.
public enum MessageRepository {
    /// Registers `new`: numbers it (the largest sequence of its year plus one), stores the
    /// applicant, the message, the access token hash and the events `message.registered` (and
    /// `message.assigned` when a unit was assigned), and claims its idempotency key for the
    /// message. The deadline scheduler enrols the message later (`DeadlineWatchRepository.enrol`),
    /// at `new.firstLook`.
    ///
    /// Run it as one `DatabaseWriter` item: the writer undoes everything if it throws, so the next
    /// message gets its number and numbers stay gap-free. Items run one at a time, so of
    /// simultaneous requests with one key the first claims it and the others find the claim.
    /// - Returns: `.created`; `.replayed` when the key was used before with the same request
    ///   hash (the new access token hash is added to that message, so the retrying client's
    ///   token works); `.idempotencyMismatch` when it was used with another (nothing written).
    /// - Throws: `DatabaseError`, e.g. a constraint failing for inconsistent input.
    /// - Parameter events: `RegistrationEvents(new)`, made beforehand off the writer thread;
    ///   made here when `nil`.
    public static func register(
        _ new: NewMessage, events: RegistrationEvents? = nil, _ connection: Connection
    ) throws -> RegistrationOutcome {
        let receivedAt = Instant.milliseconds(new.receivedAt ?? new.registeredAt)
        if let key = new.idempotencyKey,
            let claim = try connection.queryOne(
                "SELECT request_hash, message_id FROM idempotency_keys WHERE key = ?", [.text(key)],
                { row in (hash: row.text(at: 0), messageID: row.isNull(at: 1) ? nil : Optional(row.int64(at: 1))) })
        {
            return try replay(claim, new: new, at: receivedAt, connection)
        }

        let year = new.registeredDate.year
        let sequence =
            try connection.queryOne(
                "SELECT coalesce(max(sequence), 0) + 1 FROM messages WHERE year = ?", [.integer(Int64(year))]
            ) { $0.int64(at: 0) } ?? 1
        guard let number = RegistrationNumber(year: year, sequence: Int(sequence))?.description else {
            throw StoreError.corruptValue(table: "messages", column: "sequence")
        }

        let applicant = new.applicant
        try connection.run(
            "INSERT INTO applicants (kind, name, email, phone, inn, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .text(applicant.kind.rawValue), .text(applicant.name), .optional(applicant.email),
                .optional(applicant.phone), .optional(applicant.inn), .integer(receivedAt),
            ])
        let applicantID = connection.lastInsertRowID

        let answer = new.answerDeadline
        let forward = new.forwardDeadline
        try connection.run(
            """
            INSERT INTO messages (
                number, year, sequence, status, topic, region, channel, source_url, text, address, lat, lon,
                unit, suggested_agency, expedited, registered_at, registered_date,
                answer_kind, answer_due_at, answer_due_date, forward_due_at, forward_due_date,
                route_rule_id, rule_set_version, applicant_id, version, created_at, updated_at, first_look_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
            """,
            [
                .text(number), .integer(Int64(year)), .integer(sequence), .text(new.status.rawValue),
                .text(new.topic), .text(new.region), .text(new.channel.rawValue), .optional(new.sourceURL),
                .text(new.text), .optional(new.address), new.latitude.map(SQLValue.real) ?? .null,
                new.longitude.map(SQLValue.real) ?? .null, .optional(new.unit), .optional(new.suggestedAgency),
                .bool(new.expedited), Instant.value(new.registeredAt), .text(new.registeredDate.description),
                .text(answer.kind.rawValue), Instant.value(answer.dueAt), .text(answer.dueDate.description),
                Instant.value(forward?.dueAt), .optional(forward?.dueDate.description),
                new.routeRuleID.map(SQLValue.integer) ?? .null, new.ruleSetVersion.map(SQLValue.integer) ?? .null,
                .integer(applicantID), .integer(receivedAt), .integer(receivedAt), Instant.value(new.firstLook),
            ])
        let messageID = connection.lastInsertRowID

        try addAccessToken(hash: new.accessTokenHash, messageID: messageID, at: receivedAt, connection)
        if let key = new.idempotencyKey {
            // Claimed with the message: the primary key refuses a second claim, and the writer runs
            // one item at a time, so a retry in the same batch finds this one.
            try connection.run(
                "INSERT INTO idempotency_keys (key, request_hash, message_id, created_at) VALUES (?, ?, ?, ?)",
                [.text(key), .text(new.requestHash ?? ""), .integer(messageID), .integer(receivedAt)])
        }

        let events = events ?? RegistrationEvents(new)
        try EventRepository.append(
            type: "message.registered", messageID: messageID, number: number, at: new.registeredAt,
            actor: new.actor, json: events.registered, connection)
        if let assigned = events.assigned {
            try EventRepository.append(
                type: "message.assigned", messageID: messageID, number: number, at: new.registeredAt,
                actor: new.actor, json: assigned, connection)
        }

        return .created(
            RegisteredMessage(
                number: number, status: new.status, topic: new.topic, region: new.region, unit: new.unit,
                suggestedAgency: new.suggestedAgency, expedited: new.expedited,
                registeredAt: Instant.date(Instant.milliseconds(new.registeredAt)),
                answerDueAt: Instant.date(Instant.milliseconds(answer.dueAt)), answerDueDate: answer.dueDate,
                forwardDueAt: forward.map { Instant.date(Instant.milliseconds($0.dueAt)) },
                forwardDueDate: forward?.dueDate))
    }

    /// The outcome for an idempotency key that was claimed before.
    private static func replay(
        _ claim: (hash: String, messageID: Int64?), new: NewMessage, at receivedAt: Int64, _ connection: Connection
    ) throws -> RegistrationOutcome {
        guard claim.hash == (new.requestHash ?? "") else { return .idempotencyMismatch }
        guard let messageID = claim.messageID,
            let record = try find(where: "m.id = ?", [.integer(messageID)], connection)
        else { throw StoreError.idempotencyKeyWithoutMessage }
        try addAccessToken(hash: new.accessTokenHash, messageID: messageID, at: receivedAt, connection)
        return .replayed(record.registered)
    }

    private static func addAccessToken(hash: String, messageID: Int64, at: Int64, _ connection: Connection) throws {
        try connection.run(
            "INSERT INTO message_access_tokens (message_id, hash, created_at) VALUES (?, ?, ?)",
            [.integer(messageID), .text(hash), .integer(at)])
    }

    /// What the applicant holding the access token with SHA-256 `accessTokenHash` may see.
    ///
    /// - Returns: `nil` when no message has this number or the token is not one of its tokens;
    ///   the two are not told apart, so a number cannot be probed.
    public static func publicView(
        number: String, accessTokenHash: String, _ connection: Connection
    ) throws -> PublicMessage? {
        let found = try connection.queryOne(
            """
            SELECT m.id, m.status, m.answer_text, m.answer_sent_at
            FROM message_access_tokens t JOIN messages m ON m.id = t.message_id
            WHERE t.hash = ? AND m.number = ?
            """,
            [.text(accessTokenHash), .text(number)]
        ) { row in
            (
                id: row.int64(at: 0), status: row.text(at: 1), answerText: row.string(at: 2),
                answerSentAt: row.instant(at: 3)
            )
        }
        guard let found else { return nil }
        guard let status = MessageStatus(rawValue: found.status) else {
            throw StoreError.corruptValue(table: "messages", column: "status")
        }
        var timeline: [PublicMessage.TimelineEntry] = []
        try connection.query(
            """
            SELECT json_extract(data, '$.status'), at FROM events
            WHERE message_id = ? AND json_extract(data, '$.status') IS NOT NULL
            ORDER BY seq
            """,
            [.integer(found.id)]
        ) { row in
            guard let status = row.string(at: 0).flatMap(MessageStatus.init), !status.isInternalStep,
                timeline.last?.status != status
            else { return }
            timeline.append(.init(status: status, at: Instant.date(row.int64(at: 1))))
        }
        var answer: PublicMessage.Answer?
        if let text = found.answerText, let sentAt = found.answerSentAt {
            answer = .init(text: text, sentAt: sentAt)
        }
        return PublicMessage(
            number: number, status: status.isInternalStep ? .inProgress : status, timeline: timeline, answer: answer)
    }

    /// The message with this number and its applicant, if any.
    public static func find(number: String, _ connection: Connection) throws -> MessageRecord? {
        try find(where: "m.number = ?", [.text(number)], connection)
    }

    /// The message with this id and its applicant, if any.
    public static func find(id: Int64, _ connection: Connection) throws -> MessageRecord? {
        try find(where: "m.id = ?", [.integer(id)], connection)
    }

    /// The number of messages.
    public static func count(_ connection: Connection) throws -> Int {
        Int(try connection.scalar("SELECT count(*) FROM messages")?.int64 ?? 0)
    }

    /// Every message number, in registration order (year, then sequence).
    public static func numbers(_ connection: Connection) throws -> [String] {
        var numbers: [String] = []
        try connection.query("SELECT number FROM messages ORDER BY year, sequence") { numbers.append($0.text(at: 0)) }
        return numbers
    }

    private static func find(where condition: String, _ arguments: [SQLValue], _ connection: Connection) throws
        -> MessageRecord?
    {
        try connection.queryOne(
            "SELECT \(MessageRecord.columns) FROM \(MessageRecord.from) WHERE \(condition)", arguments
        ) { try MessageRecord(row: $0) }
    }
}

extension MessageStatus {
    /// Steps inside the ministry that the applicant's public timeline leaves out: to the
    /// applicant the message is in progress until the answer goes out.
    fileprivate var isInternalStep: Bool { self == .answerDrafted || self == .onApproval }
}

/// The `data` of the events a registration appends, as JSON: `message.registered`, and
/// `message.assigned` when a unit was assigned. Made from the new message alone, so the intake
/// endpoint makes it on its event loop and the writer thread only binds it.
public struct RegistrationEvents: Sendable {
    public let registered: String
    public let assigned: String?

    public init(_ new: NewMessage) {
        var registered: EventData = [
            "status": .string(MessageStatus.registered.rawValue), "topic": .string(new.topic),
            "region": .string(new.region), "channel": .string(new.channel.rawValue),
            "expedited": .bool(new.expedited), "answer_due_date": .string(new.answerDeadline.dueDate.description),
        ]
        if let forward = new.forwardDeadline {
            registered.set("forward_due_date", .string(forward.dueDate.description))
        }
        self.registered = registered.json
        guard let unit = new.unit else {
            assigned = nil
            return
        }
        var assigned: EventData = ["status": .string(new.status.rawValue), "unit": .string(unit)]
        if let agency = new.suggestedAgency { assigned.set("suggested_agency", .string(agency)) }
        if let rule = new.routeRuleID { assigned.set("route_rule_id", .integer(rule)) }
        self.assigned = assigned.json
    }
}
