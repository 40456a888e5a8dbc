import Foundation
import OknoDomain

/// The administrative department's reports, read from the messages table.
///
/// One implementation serves `GET /api/v1/reports/*`, `GET /api/v1/stats/public` and
/// `okno report`; each returns typed rows, turned into a `ReportTable` for rendering. Risk is
/// always `Risk.of` on the stored deadline in the time zone of the message's region; SQL only
/// preselects candidates through indexes.
public enum Reports {
    /// Which deadline of a message a row is about.
    public enum DeadlineName: String, Sendable, Equatable, CaseIterable {
        case answer
        case forward
    }

    /// One open deadline that is overdue, or at risk when asked for; no personal data.
    public struct OverdueRow: Sendable, Equatable {
        public var number: String
        /// `nil` while the message waits for routing (`registered`).
        public var unit: String?
        public var topic: String
        public var region: String
        public var status: MessageStatus
        public var deadline: DeadlineName
        public var dueAt: Date
        public var dueDate: LocalDate
        /// `−days_left` on local dates of the region: positive when overdue, 0 on the due date,
        /// negative days left when at risk.
        public var daysOverdue: Int
        /// `.overdue` or `.atRisk`.
        public var risk: Risk
        /// The executor working on it, by token name.
        public var assignee: String?
    }

    /// Every open deadline overdue at `asOf` (and at risk when `includeAtRisk`), most overdue first
    /// (by `due_at`, then number, answer before forward).
    ///
    /// A deadline is open as in `MessageSnapshot` and the `open_due_at` column: the answer
    /// deadline while the status is open and the term unanswered; the forward deadline while the
    /// message also still waits in AD for its suggested agency.
    /// - Parameters:
    ///   - unit: only messages of this unit; `nil` for all (messages waiting for routing have none).
    ///   - directory: gives each region's time zone.
    ///   - atRiskDays: the thresholds N of `at_risk`.
    /// - Throws: `StoreError.corruptValue` for a message whose region or dates cannot be read.
    public static func overdue(
        asOf: Date, unit: String?, includeAtRisk: Bool, directory: Directory, atRiskDays: AtRiskDays,
        _ connection: Connection
    ) throws -> [OverdueRow] {
        // Overdue means due_at <= as_of exactly. At risk starts at local 00:00 of due_date − N,
        // which is at most N + 1 days (plus a clock change) before due_at; Risk.of decides.
        let asOfMilliseconds = Instant.milliseconds(asOf)
        let horizonDays = max(atRiskDays.thirtyDay, atRiskDays.short) + 2
        let horizon = includeAtRisk ? asOfMilliseconds + Int64(horizonDays) * 86_400_000 : asOfMilliseconds
        let (sql, arguments) = overdueQuery(horizon: horizon, unit: unit)
        var rows: [OverdueRow] = []
        try connection.query(sql, arguments) { row in
            guard let status = MessageStatus(rawValue: row.text(at: 4)), status.isOpen else { return }
            let region = row.text(at: 3)
            guard let timeZone = directory.timeZone(ofRegion: region) else {
                throw StoreError.corruptValue(table: "messages", column: "region")
            }
            var open: [(DeadlineName, Deadline)] = []
            if row.isNull(at: 10) {
                open.append((.answer, try answerDeadline(row, kind: 7, dueAt: 8, dueDate: 9)))
            }
            if !row.isNull(at: 11), row.isNull(at: 13), !row.isNull(at: 6) {
                open.append((.forward, try forwardDeadline(row, dueAt: 11, dueDate: 12)))
            }
            for (name, deadline) in open {
                let risk = Risk.of(deadline, at: asOf, in: timeZone, atRiskDays: atRiskDays)
                guard risk == .overdue || (includeAtRisk && risk == .atRisk) else { continue }
                rows.append(
                    OverdueRow(
                        number: row.text(at: 0), unit: row.string(at: 1), topic: row.text(at: 2), region: region,
                        status: status, deadline: name, dueAt: deadline.dueAt, dueDate: deadline.dueDate,
                        daysOverdue: -deadline.daysLeft(at: asOf, in: timeZone), risk: risk,
                        assignee: row.string(at: 5)))
            }
        }
        rows.sort { ($0.dueAt, $0.number, $0.deadline.rawValue) < ($1.dueAt, $1.number, $1.deadline.rawValue) }
        return rows
    }

    /// The SQL of the overdue report's read and its arguments: the open messages whose earliest open
    /// deadline is due by `horizon` (milliseconds), of one unit or all, found through
    /// `messages_status` (the open statuses: tens of thousands of rows on a million messages). It
    /// reads the main database alone, so the command line can run it on a database file by itself
    /// and the answer never depends on how far the queue index file has followed.
    static func overdueQuery(horizon: Int64, unit: String?) -> (sql: String, arguments: [SQLValue]) {
        var sql = """
            SELECT m.number, m.unit, m.topic, m.region, m.status, m.assignee, m.suggested_agency,
                   m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
                   m.forward_due_at, m.forward_due_date, m.forward_done_at
            FROM messages m
            WHERE m.status IN (\(MessageStatus.openSQLList)) AND m.open_due_at <= ?
            """
        guard let unit else { return (sql, [.integer(horizon)]) }
        sql += " AND m.unit = ?"
        return (sql, [.integer(horizon), .text(unit)])
    }

    static func answerDeadline(_ row: Row, kind: Int, dueAt: Int, dueDate: Int) throws -> Deadline {
        guard let kind = DeadlineKind(rawValue: row.text(at: kind)), let date = LocalDate(row.text(at: dueDate)) else {
            throw StoreError.corruptValue(table: "messages", column: "answer_due_date")
        }
        return Deadline(kind: kind, dueDate: date, dueAt: Instant.date(row.int64(at: dueAt)))
    }

    static func forwardDeadline(_ row: Row, dueAt: Int, dueDate: Int) throws -> Deadline {
        guard let date = LocalDate(row.text(at: dueDate)) else {
            throw StoreError.corruptValue(table: "messages", column: "forward_due_date")
        }
        return Deadline(kind: .forward, dueDate: date, dueAt: Instant.date(row.int64(at: dueAt)))
    }
}

extension Reports.OverdueRow {
    /// The columns of the overdue report: the contract's, then `risk`.
    public static let columns = [
        "number", "unit", "topic", "region", "status", "deadline", "due_at", "days_overdue", "assignee", "risk",
    ]

    /// The row in `columns` order; `due_at` as RFC 3339 UTC.
    public var values: [ReportValue] {
        [
            .text(number), .optional(unit), .text(topic), .text(region), .text(status.rawValue),
            .text(deadline.rawValue), .text(Timestamp.format(dueAt)), .integer(daysOverdue), .optional(assignee),
            .text(risk.rawValue),
        ]
    }
}
