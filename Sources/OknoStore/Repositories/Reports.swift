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
        var rows: [OverdueRow] = []
        // The columns after the query's leading `id, open_due_at`.
        func visitOverdue(_ row: Row) throws {
            guard let status = MessageStatus(rawValue: row.text(at: 6)), status.isOpen else { return }
            let region = row.text(at: 5)
            guard let timeZone = directory.timeZone(ofRegion: region) else {
                throw StoreError.corruptValue(table: "messages", column: "region")
            }
            var open: [(DeadlineName, Deadline)] = []
            if row.isNull(at: 12) {
                open.append((.answer, try answerDeadline(row, kind: 9, dueAt: 10, dueDate: 11)))
            }
            if !row.isNull(at: 13), row.isNull(at: 15), !row.isNull(at: 8) {
                open.append((.forward, try forwardDeadline(row, dueAt: 13, dueDate: 14)))
            }
            for (name, deadline) in open {
                let risk = Risk.of(deadline, at: asOf, in: timeZone, atRiskDays: atRiskDays)
                guard risk == .overdue || (includeAtRisk && risk == .atRisk) else { continue }
                rows.append(
                    OverdueRow(
                        number: row.text(at: 2), unit: row.string(at: 3), topic: row.text(at: 4), region: region,
                        status: status, deadline: name, dueAt: deadline.dueAt, dueDate: deadline.dueDate,
                        daysOverdue: -deadline.daysLeft(at: asOf, in: timeZone), risk: risk,
                        assignee: row.string(at: 7)))
            }
        }
        try QueueIndex.read(connection) { followed in
            let (sql, arguments) = overdueQuery(horizon: horizon, unit: unit, followed: followed)
            try connection.query(sql, arguments) { try visitOverdue($0) }
        }
        rows.sort { ($0.dueAt, $0.number, $0.deadline.rawValue) < ($1.dueAt, $1.number, $1.deadline.rawValue) }
        return rows
    }

    /// The SQL of the overdue report's read and its arguments: `id, open_due_at`, then the columns
    /// the report reads, of the open messages whose earliest open deadline is due by `horizon`
    /// (milliseconds), of one unit or all: a range of the queue index file's deadline order (or
    /// of its unit's), merged with what the file has not followed yet (`QueueIndexQuery`).
    static func overdueQuery(
        horizon: Int64, unit: String?, followed: QueueIndex.Followed
    ) -> (sql: String, arguments: [SQLValue]) {
        let columns = """
            m.number, m.unit, m.topic, m.region, m.status, m.assignee, m.suggested_agency,
            m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
            m.forward_due_at, m.forward_due_date, m.forward_done_at
            """
        let sql = QueueIndexQuery.indexedAndChanged(columns: columns) { alias in
            "\(alias).open_due_at <= ?" + (unit == nil ? "" : " AND \(alias).unit = ?")
        }
        let conditions: [SQLValue] = [.integer(horizon)] + (unit.map { [.text($0)] } ?? [])
        return (sql, QueueIndexQuery.arguments(followed, conditions))
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
