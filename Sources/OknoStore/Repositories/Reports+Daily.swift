import Foundation
import OknoDomain

extension Reports {
    /// One unit's day.
    public struct DailyRow: Sendable, Equatable {
        /// `nil` for messages waiting for routing and for the total.
        public var unit: String?
        /// Registered on the date.
        public var new = 0
        /// Open at the end of the date: registered by then, neither answered, forwarded nor closed
        /// without an answer by then.
        public var inWork = 0
        /// Of those, the ones whose worst open deadline was at risk on the date.
        public var atRisk = 0
        /// Of those, the ones with an open deadline overdue on the date.
        public var overdue = 0
        /// Answers sent on the date.
        public var answered = 0

        public init(unit: String?) {
            self.unit = unit
        }

        mutating func add(_ other: DailyRow) {
            new += other.new
            inWork += other.inWork
            atRisk += other.atRisk
            overdue += other.overdue
            answered += other.answered
        }
    }

    /// The daily rows (units in directory order, units with nothing to report left out) and their total.
    public struct DailyReport: Sendable, Equatable {
        public var rows: [DailyRow]
        public var total: DailyRow
    }

    /// Per unit, what happened on local date `date` and how the work stood at its end.
    ///
    /// Every message is seen in its own region's time zone: "on the date" means between local
    /// 00:00 and 24:00 there, and risk is `Risk.of` at the last instant of the date. The state at
    /// the end of a past date is rebuilt from the stored done instants (`answer_done_at`,
    /// `forward_done_at`, and `updated_at` of a final `closed_no_answer`); the unit and the answer
    /// term are the current ones, so a message reassigned or reopened since counts as it is now.
    public static func daily(
        date: LocalDate, directory: Directory, atRiskDays: AtRiskDays, _ connection: Connection
    ) throws -> DailyReport {
        // Local days start between UTC−12 and UTC+14: anything done on the date somewhere, or
        // open at its end anywhere, was done at or after this instant or is open now.
        let earliest = Int64(date.daysSinceEpoch * 86_400 - 14 * 3600) * 1000
        var bounds: [String: (start: Int64, end: Int64)] = [:]
        var units: [String: DailyRow] = [:]
        var unassigned = DailyRow(unit: nil)
        try connection.query(
            """
            SELECT m.unit, m.region, m.status, m.registered_date, m.suggested_agency, m.updated_at,
                   m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
                   m.forward_due_at, m.forward_due_date, m.forward_done_at
            FROM messages m
            WHERE m.id IN (
                SELECT id FROM messages WHERE registered_date = ?1
                UNION SELECT id FROM messages WHERE status IN (\(MessageStatus.openSQLList))
                UNION SELECT id FROM messages WHERE answer_done_at >= ?2
                UNION SELECT id FROM messages WHERE forward_done_at >= ?2
                UNION SELECT id FROM messages WHERE status = 'closed_no_answer' AND updated_at >= ?2)
            """,
            [.text(date.description), .integer(earliest)]
        ) { row in
            let region = row.text(at: 1)
            guard let timeZone = directory.timeZone(ofRegion: region) else {
                throw StoreError.corruptValue(table: "messages", column: "region")
            }
            let day =
                bounds[region]
                ?? {
                    let found = (
                        start: Instant.milliseconds(date.startOfDay(in: timeZone)),
                        end: Instant.milliseconds(date.adding(days: 1).startOfDay(in: timeZone))
                    )
                    bounds[region] = found
                    return found
                }()
            guard let registeredDate = LocalDate(row.text(at: 3)) else {
                throw StoreError.corruptValue(table: "messages", column: "registered_date")
            }
            func doneBy(_ index: Int, _ instant: Int64) -> Bool {
                !row.isNull(at: index) && row.int64(at: index) < instant
            }

            var counts = DailyRow(unit: row.string(at: 0))
            if registeredDate == date { counts.new = 1 }
            if !row.isNull(at: 9), (day.start..<day.end).contains(row.int64(at: 9)) { counts.answered = 1 }

            let closedByEnd = row.text(at: 2) == MessageStatus.closedNoAnswer.rawValue && row.int64(at: 5) < day.end
            if registeredDate <= date, !doneBy(9, day.end), !doneBy(12, day.end), !closedByEnd {
                counts.inWork = 1
                let lastInstant = Instant.date(day.end - 1)
                var open = [try answerDeadline(row, kind: 6, dueAt: 7, dueDate: 8)]
                // The forward term runs until forwarded, while the message waits for its agency.
                if !row.isNull(at: 10), !row.isNull(at: 4) || !row.isNull(at: 12) {
                    open.append(try forwardDeadline(row, dueAt: 10, dueDate: 11))
                }
                switch Risk.worst(of: open, at: lastInstant, in: timeZone, atRiskDays: atRiskDays) {
                case .overdue?: counts.overdue = 1
                case .atRisk?: counts.atRisk = 1
                default: break
                }
            }
            guard counts.new + counts.answered + counts.inWork > 0 else { return }
            if let unit = counts.unit {
                units[unit, default: DailyRow(unit: unit)].add(counts)
            } else {
                unassigned.add(counts)
            }
        }
        let order = groupOrder(.unit, directory)
        var rows = units.values.sorted { order($0.unit) < order($1.unit) }
        if unassigned != DailyRow(unit: nil) { rows.append(unassigned) }
        var total = DailyRow(unit: nil)
        for row in rows { total.add(row) }
        return DailyReport(rows: rows, total: total)
    }
}

extension Reports.DailyReport {
    public static let columns = ["unit", "name", "new", "in_work", "at_risk", "overdue", "answered"]

    /// The rows and the total in `columns` order.
    public func table(directory: Directory, parameters: [ReportTable.Parameter]) -> ReportTable {
        func values(_ row: Reports.DailyRow) -> [ReportValue] {
            [
                .optional(row.unit), .optional(Reports.groupName(row.unit, .unit, directory)), .integer(row.new),
                .integer(row.inWork), .integer(row.atRisk), .integer(row.overdue), .integer(row.answered),
            ]
        }
        return ReportTable(columns: Self.columns, rows: rows.map(values), parameters: parameters, total: values(total))
    }
}
