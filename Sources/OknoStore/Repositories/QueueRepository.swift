import Foundation
import OknoDomain

/// The officers' queue: open messages, earliest open deadline first, read through the
/// `messages_queue*` indexes with keyset pagination.
public enum QueueRepository {
    /// Filters of `GET /api/v1/queue`; nil means any.
    public struct Filter: Sendable, Equatable {
        public var unit: String?
        public var status: MessageStatus?
        public var topic: String?
        public var region: String?
        /// Full-text query over the message text, or an exact registration number.
        public var text: String?
        /// Only messages whose earliest open deadline is in this range (a prefilter for risk).
        public var dueAfter: Date?
        public var dueBefore: Date?

        public init(
            unit: String? = nil, status: MessageStatus? = nil, topic: String? = nil, region: String? = nil,
            text: String? = nil, dueAfter: Date? = nil, dueBefore: Date? = nil
        ) {
            self.unit = unit
            self.status = status
            self.topic = topic
            self.region = region
            self.text = text
            self.dueAfter = dueAfter
            self.dueBefore = dueBefore
        }
    }

    /// Where a page starts: after this deadline and id.
    public struct Position: Sendable, Equatable {
        public var dueAt: Int64
        public var id: Int64

        public init(dueAt: Int64, id: Int64) {
            self.dueAt = dueAt
            self.id = id
        }
    }

    /// One queue row; no personal data.
    public struct Item: Sendable, Equatable {
        public var position: Position
        public var number: String
        public var status: MessageStatus
        public var unit: String?
        public var topic: String
        public var region: String
        public var registeredAt: Date
        public var answerDeadline: Deadline
        public var answerDoneAt: Date?
        public var forwardDeadline: Deadline?
        public var forwardDoneAt: Date?
        public var suggestedAgency: String?
        public var assignee: String?
    }

    /// Visits queue rows in order after `position`, until `visit` returns false.
    public static func scan(
        _ filter: Filter, after position: Position?, _ connection: Connection, _ visit: (Item) throws -> Bool
    ) throws {
        let (sql, arguments) = query(filter, after: position)
        let statement = try connection.prepare(sql)
        try statement.bind(arguments)
        while try statement.step() {
            if try !visit(item(statement)) { break }
        }
    }

    /// The SQL of a queue read and its arguments.
    ///
    /// It walks one `messages_queue*` index in deadline order: by unit, topic or region when one is
    /// given (those indexes also hold the other filter columns, so further filters are checked
    /// inside the index), else by status, else the whole queue. The unary `+` keeps SQLite from
    /// walking the status index when a narrower one applies. The unit, topic and region indexes
    /// take new messages in batches after intake, so those reads also read the pending messages and
    /// merge them in (`QueueIndexRepository.indexedAndPending`); a text search needs not, as pending
    /// messages are not in the full-text index either.
    static func query(_ filter: Filter, after position: Position?) -> (sql: String, arguments: [SQLValue]) {
        var conditions = ["m.open_due_at IS NOT NULL"]
        var arguments: [SQLValue] = []
        func add(_ condition: String, _ value: SQLValue) {
            conditions.append(condition)
            arguments.append(value)
        }
        let narrower = filter.unit != nil || filter.topic != nil || filter.region != nil
        if let unit = filter.unit { add("m.unit = ?", .text(unit)) }
        if let status = filter.status { add(narrower ? "+m.status = ?" : "m.status = ?", .text(status.rawValue)) }
        if let topic = filter.topic { add("m.topic = ?", .text(topic)) }
        if let region = filter.region { add("m.region = ?", .text(region)) }
        if let after = filter.dueAfter { add("m.open_due_at > ?", .integer(Instant.milliseconds(after))) }
        if let before = filter.dueBefore { add("m.open_due_at <= ?", .integer(Instant.milliseconds(before))) }
        var searchesText = false
        if let text = filter.text {
            if RegistrationNumber(text) != nil {
                add("m.number = ?", .text(text))
            } else {
                add("m.id IN (SELECT rowid FROM queue_fts WHERE queue_fts MATCH ?)", .text(ftsQuery(text)))
                searchesText = true
            }
        }
        if let position {
            conditions.append("(m.open_due_at, m.id) > (?, ?)")
            arguments += [.integer(position.dueAt), .integer(position.id)]
        }
        let select = """
            SELECT m.id, m.open_due_at, m.number, m.status, m.unit, m.topic, m.region, m.registered_at,
                   m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
                   m.forward_due_at, m.forward_due_date, m.forward_done_at, m.suggested_agency, m.assignee
            FROM messages m
            """
        let matching = conditions.joined(separator: " AND ")
        guard narrower else {
            return ("\(select)\nWHERE \(matching)\nORDER BY m.open_due_at, m.id", arguments)
        }
        // The full-text index takes messages in with the same batches, so no pending message matches a search.
        guard !searchesText else {
            return ("\(select)\nWHERE \(matching) AND m.queue_pending = 0\nORDER BY m.open_due_at, m.id", arguments)
        }
        let sql = QueueIndexRepository.indexedAndPending(select, where: matching) + "\nORDER BY 2, 1"
        return (sql, arguments + arguments)
    }

    /// Each word quoted, so the user's text is never read as FTS5 syntax.
    static func ftsQuery(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }

    private static func item(_ statement: Statement) throws -> Item {
        func optionalInstant(_ index: Int) -> Date? {
            statement.isNull(at: index) ? nil : Instant.date(statement.int64(at: index))
        }
        let answerKind = DeadlineKind(rawValue: statement.string(at: 8) ?? "") ?? .answer
        guard let answerDueDate = LocalDate(statement.string(at: 10) ?? ""),
            let status = MessageStatus(rawValue: statement.string(at: 3) ?? "")
        else { throw StoreError.corruptValue(table: "messages", column: "answer_due_date") }
        var forward: Deadline?
        if !statement.isNull(at: 12), let date = LocalDate(statement.string(at: 13) ?? "") {
            forward = Deadline(kind: .forward, dueDate: date, dueAt: Instant.date(statement.int64(at: 12)))
        }
        return Item(
            position: Position(dueAt: statement.int64(at: 1), id: statement.int64(at: 0)),
            number: statement.string(at: 2) ?? "", status: status, unit: statement.string(at: 4),
            topic: statement.string(at: 5) ?? "", region: statement.string(at: 6) ?? "",
            registeredAt: Instant.date(statement.int64(at: 7)),
            answerDeadline: Deadline(
                kind: answerKind, dueDate: answerDueDate, dueAt: Instant.date(statement.int64(at: 9))),
            answerDoneAt: optionalInstant(11), forwardDeadline: forward, forwardDoneAt: optionalInstant(14),
            suggestedAgency: statement.string(at: 15), assignee: statement.string(at: 16))
    }
}
