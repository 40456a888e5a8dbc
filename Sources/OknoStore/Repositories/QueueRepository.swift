import Foundation
import OknoDomain

/// The officers' queue: open messages, earliest open deadline first, read through the queue
/// index file's indexes (`QueueIndex`) with keyset pagination.
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
        func run(_ sql: String, _ arguments: [SQLValue]) throws {
            let statement = try connection.prepare(sql)
            try statement.bind(arguments)
            while try statement.step() {
                if try !visit(item(statement)) { break }
            }
        }
        guard readsIndexFile(filter) else {
            let (sql, arguments) = query(filter, after: position)
            return try run(sql, arguments)
        }
        try QueueIndex.read(connection) { followed in
            let (sql, arguments) = query(filter, after: position, followed: followed)
            try run(sql, arguments)
        }
    }

    /// Whether a read goes through the queue index file: every one but a registration number's,
    /// which is looked up in the main database.
    static func readsIndexFile(_ filter: Filter) -> Bool {
        guard let text = filter.text else { return true }
        return RegistrationNumber(text) == nil
    }

    /// The SQL of a queue read and its arguments; `followed` (where the index file stands) is
    /// needed when `readsIndexFile(filter)`.
    ///
    /// A read walks an index of the index file in deadline order: by unit, topic, region or
    /// status when one is given (each also holds the other filter columns, so further filters are
    /// checked inside it), else the whole queue's; and merges in what the file has not followed
    /// yet (`QueueIndexQuery`). A search looks the matches up in its full-text index. A number is
    /// looked up in the main database.
    static func query(
        _ filter: Filter, after position: Position?,
        followed: QueueIndex.Followed = .init(lastMessageID: 0, lastChange: 0)
    ) -> (sql: String, arguments: [SQLValue]) {
        var conditions: [(String) -> String] = []
        var arguments: [SQLValue] = []
        func add(_ value: SQLValue, _ condition: @escaping (String) -> String) {
            conditions.append(condition)
            arguments.append(value)
        }
        if let unit = filter.unit { add(.text(unit)) { "\($0).unit = ?" } }
        if let status = filter.status { add(.text(status.rawValue)) { "\($0).status = ?" } }
        if let topic = filter.topic { add(.text(topic)) { "\($0).topic = ?" } }
        if let region = filter.region { add(.text(region)) { "\($0).region = ?" } }
        if let after = filter.dueAfter { add(.integer(Instant.milliseconds(after))) { "\($0).open_due_at > ?" } }
        if let before = filter.dueBefore { add(.integer(Instant.milliseconds(before))) { "\($0).open_due_at <= ?" } }
        if let text = filter.text {
            if RegistrationNumber(text) != nil {
                add(.text(text)) { "\($0).number = ?" }
            } else {
                add(.text(ftsQuery(text)), QueueIndexQuery.textMatches)
            }
        }
        if let position {
            conditions.append { "(\($0).open_due_at, \($0).id) > (?, ?)" }
            arguments += [.integer(position.dueAt), .integer(position.id)]
        }
        let columns = """
            m.number, m.status, m.unit, m.topic, m.region, m.registered_at,
            m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
            m.forward_due_at, m.forward_due_date, m.forward_done_at, m.suggested_agency, m.assignee
            """
        let matching = { (alias: String) in
            conditions.isEmpty ? "1" : conditions.map { $0(alias) }.joined(separator: " AND ")
        }
        guard readsIndexFile(filter) else {
            let sql = """
                SELECT m.id, m.open_due_at, \(columns)
                FROM messages m
                WHERE m.open_due_at IS NOT NULL AND \(matching("m"))
                ORDER BY m.open_due_at, m.id
                """
            return (sql, arguments)
        }
        let sql = QueueIndexQuery.indexedAndChanged(columns: columns, where: matching) + "\nORDER BY 2, 1"
        return (sql, QueueIndexQuery.arguments(followed, arguments))
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
