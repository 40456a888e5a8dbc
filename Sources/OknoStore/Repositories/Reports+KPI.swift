import Foundation
import OknoDomain

extension Reports {
    /// What the KPI report groups messages by.
    public enum Grouping: String, Sendable, Equatable, CaseIterable {
        case unit
        case topic
        case region
    }

    /// The figures of one group (or of all) over the messages registered in a date range.
    public struct KPIRow: Sendable, Equatable {
        /// The unit, topic or region code; `nil` for messages without a unit (waiting for routing,
        /// or forwarded before one was assigned) and for the total.
        public var group: String?
        public var received = 0
        /// Messages whose current answer term was met or missed by an answer sent (`answer_done_at`).
        public var answered = 0
        /// Answered before `answer_due_at` (an extended term counts as extended).
        public var answeredOnTime = 0
        /// Messages sent on to an external agency.
        public var forwarded = 0
        /// Forwarded before `forward_due_at`; a message forwarded without a forward term counts as on time.
        public var forwardedOnTime = 0
        public var ratings = 0
        public var scoreTotal = 0
        /// Ratings of 4 or 5.
        public var satisfied = 0

        public init(group: String?) {
            self.group = group
        }

        /// Counts one row of the KPI query (id, group, answer done/due, forward done/due).
        mutating func count(_ row: Row, scores: ScoreTable) {
            received += 1
            if !row.isNull(at: 2) {
                answered += 1
                if row.int64(at: 2) < row.int64(at: 3) { answeredOnTime += 1 }
                if let score = scores[id: row.int64(at: 0)] {
                    ratings += 1
                    scoreTotal += Int(score)
                    if score >= 4 { satisfied += 1 }
                }
            }
            if !row.isNull(at: 4) {
                forwarded += 1
                if row.isNull(at: 5) || row.int64(at: 4) < row.int64(at: 5) { forwardedOnTime += 1 }
            }
        }

        /// `answered_on_time / answered` in percent, one decimal; `nil` with nothing answered.
        public var timelinessPercent: Double? { Self.percent(answeredOnTime, of: answered) }
        /// Mean score, two decimals; `nil` without ratings.
        public var averageScore: Double? {
            ratings == 0 ? nil : (Double(scoreTotal) / Double(ratings) * 100).rounded() / 100
        }
        /// `satisfied / ratings` in percent, one decimal; `nil` without ratings.
        public var satisfiedPercent: Double? { Self.percent(satisfied, of: ratings) }

        static func percent(_ part: Int, of whole: Int) -> Double? {
            whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
        }

        mutating func add(_ other: KPIRow) {
            received += other.received
            answered += other.answered
            answeredOnTime += other.answeredOnTime
            forwarded += other.forwarded
            forwardedOnTime += other.forwardedOnTime
            ratings += other.ratings
            scoreTotal += other.scoreTotal
            satisfied += other.satisfied
        }
    }

    /// The KPI rows in directory order (groups with no message left out, `nil` last) and their total.
    public struct KPIReport: Sendable, Equatable {
        public var rows: [KPIRow]
        public var total: KPIRow
    }

    /// Per group, the messages whose registration date lies in `from...to` and what became of them.
    ///
    /// Ratings are counted when the `ratings` table exists (it arrived with a later migration than
    /// the messages); before that, the report has 0 ratings and no averages.
    /// - Parameter directory: orders the groups as the directory lists them.
    public static func kpi(
        from: LocalDate, to: LocalDate, groupBy: Grouping, directory: Directory, _ connection: Connection
    ) throws -> KPIReport {
        let column =
            switch groupBy {
            case .unit: "m.unit"
            case .topic: "m.topic"
            case .region: "m.region"
            }
        // One pass over the covering index `messages_report` (a date's messages in id order),
        // summed here: a GROUP BY would sort every row of the range, and probing `ratings` from SQL
        // row by row costs more than reading the whole (small) ratings table into memory first.
        let scores = try ratingScores(connection)
        var groups: [String?: KPIRow] = [:]
        try connection.query(
            """
            SELECT m.id, \(column), m.answer_done_at, m.answer_due_at, m.forward_done_at, m.forward_due_at
            FROM messages m
            WHERE m.registered_date BETWEEN ? AND ?
            """,
            [.text(from.description), .text(to.description)]
        ) { row in
            let code = row.string(at: 1)
            groups[code, default: KPIRow(group: code)].count(row, scores: scores)
        }
        var total = KPIRow(group: nil)
        for row in groups.values { total.add(row) }
        let order = groupOrder(groupBy, directory)
        let rows = groups.values.sorted { order($0.group) < order($1.group) }
        return KPIReport(rows: rows, total: total)
    }

    /// Each rated message's score, from the `ratings` table if the database has it (it came with a
    /// later migration than the messages); empty before that, so the report shows 0 ratings.
    static func ratingScores(_ connection: Connection) throws -> ScoreTable {
        let exists =
            try connection.scalar(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ratings'")?.int64 ?? 0
        var table = ScoreTable()
        guard exists > 0 else { return table }
        try connection.query("SELECT message_id, score FROM ratings ORDER BY message_id") { row in
            table.set(row.int64(at: 0), Int8(clamping: row.int(at: 1)))
        }
        return table
    }

    /// Scores by message id in a flat array: message ids are dense rowids, so this takes a byte
    /// per message from the first rated one, and a lookup is an index instead of a hash.
    struct ScoreTable {
        private var base: Int64 = 0
        private var scores: [Int8] = []

        /// Ids must come in ascending order.
        mutating func set(_ id: Int64, _ score: Int8) {
            if scores.isEmpty { base = id }
            let offset = Int(id - base)
            if offset >= scores.count { scores.append(contentsOf: repeatElement(0, count: offset - scores.count + 1)) }
            scores[offset] = score
        }

        subscript(id id: Int64) -> Int8? {
            let offset = id - base
            guard offset >= 0, offset < scores.count, scores[Int(offset)] > 0 else { return nil }
            return scores[Int(offset)]
        }
    }

    /// Sort keys: directory position, then unknown codes by code, then `nil`.
    static func groupOrder(_ grouping: Grouping, _ directory: Directory) -> (String?) -> (Int, String) {
        let codes: [String] =
            switch grouping {
            case .unit: directory.units.map(\.code)
            case .topic: directory.topics.map(\.code)
            case .region: directory.regions.map(\.code)
            }
        let positions = Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return { code in
            guard let code else { return (Int.max, "") }
            return (positions[code] ?? Int.max - 1, code)
        }
    }

    /// The name a group's code stands for in the directory.
    public static func groupName(_ code: String?, _ grouping: Grouping, _ directory: Directory) -> String? {
        guard let code else { return nil }
        switch grouping {
        case .unit: return directory.unit(code)?.name
        case .topic: return directory.topic(code)?.title
        case .region: return directory.region(code)?.name
        }
    }
}

extension Reports.KPIReport {
    /// `group`, `name`, then the contract's figures.
    public static let columns = [
        "group", "name", "received", "answered", "answered_on_time", "timeliness_pct", "forwarded",
        "forwarded_on_time", "ratings", "avg_score", "satisfied_pct",
    ]

    /// The rows and the total in `columns` order.
    public func table(groupBy: Reports.Grouping, directory: Directory, parameters: [ReportTable.Parameter])
        -> ReportTable
    {
        func values(_ row: Reports.KPIRow) -> [ReportValue] {
            [
                .optional(row.group), .optional(Reports.groupName(row.group, groupBy, directory)),
                .integer(row.received), .integer(row.answered), .integer(row.answeredOnTime),
                .optional(row.timelinessPercent), .integer(row.forwarded), .integer(row.forwardedOnTime),
                .integer(row.ratings), .optional(row.averageScore), .optional(row.satisfiedPercent),
            ]
        }
        return ReportTable(
            columns: Self.columns, rows: rows.map(values), parameters: parameters, total: values(total))
    }
}

extension Reports {
    /// Message counts by topic and by region, for the public statistics page; no personal data.
    public struct PublicStats: Sendable, Equatable {
        public var total = 0
        /// `(code, count)` in directory order, topics with no message left out.
        public var byTopic: [(code: String, count: Int)] = []
        public var byRegion: [(code: String, count: Int)] = []

        public static func == (lhs: PublicStats, rhs: PublicStats) -> Bool {
            lhs.total == rhs.total && lhs.byTopic.elementsEqual(rhs.byTopic, by: ==)
                && lhs.byRegion.elementsEqual(rhs.byRegion, by: ==)
        }
    }

    /// Counts of the messages whose registration date lies in `from...to`, in one pass.
    public static func publicStats(
        from: LocalDate, to: LocalDate, directory: Directory, _ connection: Connection
    ) throws -> PublicStats {
        var topics: [String: Int] = [:]
        var regions: [String: Int] = [:]
        var stats = PublicStats()
        try connection.query(
            """
            SELECT m.topic, m.region, count(*) FROM messages m
            WHERE m.registered_date BETWEEN ? AND ?
            GROUP BY 1, 2
            """,
            [.text(from.description), .text(to.description)]
        ) { row in
            let count = row.int(at: 2)
            topics[row.text(at: 0), default: 0] += count
            regions[row.text(at: 1), default: 0] += count
            stats.total += count
        }
        let topicOrder = groupOrder(.topic, directory)
        let regionOrder = groupOrder(.region, directory)
        stats.byTopic = topics.map { (code: $0.key, count: $0.value) }.sorted {
            topicOrder($0.code) < topicOrder($1.code)
        }
        stats.byRegion = regions.map { (code: $0.key, count: $0.value) }
            .sorted { regionOrder($0.code) < regionOrder($1.code) }
        return stats
    }
}
