import OknoDomain

/// The directory tables: regions, units, agencies, topics and `directory_settings`.
public enum DirectoryRepository {
    /// Where stored rows refer to directory codes; a code in use cannot be removed.
    ///
    /// A later migration that adds such a reference adds it here too.
    static let references: [(list: DirectoryProblem.List, table: String, column: String)] = [
        (.topics, "messages", "topic"),
        (.regions, "messages", "region"),
        (.units, "messages", "unit"),
        (.agencies, "messages", "suggested_agency"),
        (.agencies, "messages", "forwarded_to"),
        (.units, "api_tokens", "unit"),
        (.topics, "routing_rules", "match_topic"),
        (.regions, "routing_rules", "match_region"),
        (.units, "routing_rules", "target_unit"),
        (.agencies, "routing_rules", "target_agency"),
    ]

    /// Whether a directory has been stored (the settings row exists).
    public static func isStored(_ connection: Connection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM directory_settings")?.int64 ?? 0 > 0
    }

    /// The stored directory, every list in the order it was given.
    ///
    /// - Throws: `StoreError.directoryMissing` if none is stored, or `DatabaseError`.
    public static func load(_ connection: Connection) throws -> Directory {
        let settings = try connection.queryOne(
            "SELECT answer_days, expedited_answer_days, forward_days, about FROM directory_settings WHERE id = 1"
        ) { row in
            (
                DeadlineDays(
                    answer: row.int(at: 0), expeditedAnswer: row.int(at: 1), forwardOutOfCompetence: row.int(at: 2)),
                row.string(at: 3)
            )
        }
        guard let (deadlineDays, about) = settings else { throw StoreError.directoryMissing }
        var regions: [Directory.Region] = []
        try connection.query("SELECT code, name, time_zone FROM regions ORDER BY position, code") { row in
            regions.append(.init(code: row.text(at: 0), name: row.text(at: 1), timeZone: row.text(at: 2)))
        }
        var units: [Directory.Unit] = []
        try connection.query("SELECT code, name, short, kind, region, time_zone FROM units ORDER BY position, code") {
            row in
            units.append(
                .init(
                    code: row.text(at: 0), name: row.text(at: 1), short: row.string(at: 2),
                    kind: Directory.Unit.Kind(rawValue: row.text(at: 3)) ?? .central, region: row.string(at: 4),
                    timeZone: row.text(at: 5)))
        }
        var agencies: [Directory.Agency] = []
        try connection.query("SELECT code, name FROM agencies ORDER BY position, code") { row in
            agencies.append(.init(code: row.text(at: 0), name: row.text(at: 1)))
        }
        var topics: [Directory.Topic] = []
        try connection.query(
            "SELECT code, title, competence, expedited, unit, agency FROM topics ORDER BY position, code"
        ) { row in
            topics.append(
                .init(
                    code: row.text(at: 0), title: row.text(at: 1),
                    competence: Directory.Topic.Competence(rawValue: row.text(at: 2)) ?? .territorial,
                    expedited: row.int(at: 3) != 0, unit: row.string(at: 4), agency: row.string(at: 5)))
        }
        return Directory(
            about: about, deadlineDays: deadlineDays, regions: regions, units: units, agencies: agencies,
            topics: topics)
    }

    /// Replaces the stored directory with `directory`, all or nothing.
    ///
    /// Entries keep their codes' rows (updated in place), new codes are added, and codes the new
    /// directory lacks are removed. Runs in a savepoint, so inside a writer item or alone.
    /// - Throws: `DirectoryReplacementError` listing every problem of `directory.validate()`, or
    ///   else every removed code that messages or tokens still refer to; nothing is changed then.
    public static func replace(with directory: Directory, _ connection: Connection) throws {
        let problems = directory.validate()
        guard problems.isEmpty else { throw DirectoryReplacementError(problems: problems) }
        try connection.savepoint("directory_replace") {
            let removed = try removedCodes(by: directory, connection)
            let inUse = try stillReferenced(removed, connection)
            guard inUse.isEmpty else { throw DirectoryReplacementError(stillReferenced: inUse) }
            try store(directory, connection)
            for (list, table) in [
                (DirectoryProblem.List.topics, "topics"), (.agencies, "agencies"), (.units, "units"),
                (.regions, "regions"),
            ] {
                for code in removed[list] ?? [] {
                    try connection.run("DELETE FROM \(table) WHERE code = ?", [.text(code)])
                }
            }
        }
    }

    /// Stored codes that `directory` does not have, per list, sorted.
    private static func removedCodes(
        by directory: Directory, _ connection: Connection
    ) throws -> [DirectoryProblem.List: [String]] {
        let kept: [DirectoryProblem.List: Set<String>] = [
            .regions: Set(directory.regions.map(\.code)), .units: Set(directory.units.map(\.code)),
            .agencies: Set(directory.agencies.map(\.code)), .topics: Set(directory.topics.map(\.code)),
        ]
        var removed: [DirectoryProblem.List: [String]] = [:]
        for list in [DirectoryProblem.List.regions, .units, .agencies, .topics] {
            try connection.query("SELECT code FROM \(list.rawValue) ORDER BY code") { row in
                let code = row.text(at: 0)
                if kept[list]?.contains(code) != true { removed[list, default: []].append(code) }
            }
        }
        return removed
    }

    private static func stillReferenced(
        _ removed: [DirectoryProblem.List: [String]], _ connection: Connection
    ) throws -> [DirectoryReplacementError.StillReferenced] {
        var found: [DirectoryReplacementError.StillReferenced] = []
        for reference in references {
            for code in removed[reference.list] ?? [] {
                let count =
                    try connection.scalar(
                        "SELECT count(*) FROM \(reference.table) WHERE \(reference.column) = ?", [.text(code)]
                    )?.int64 ?? 0
                if count > 0 {
                    found.append(
                        .init(list: reference.list, code: code, referencedBy: reference.table, count: Int(count)))
                }
            }
        }
        return found
    }

    /// Inserts or updates every entry and the settings row.
    private static func store(_ directory: Directory, _ connection: Connection) throws {
        let terms = directory.deadlineDays
        try connection.run(
            """
            INSERT INTO directory_settings (id, answer_days, expedited_answer_days, forward_days, about)
            VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET answer_days = excluded.answer_days,
                expedited_answer_days = excluded.expedited_answer_days, forward_days = excluded.forward_days,
                about = excluded.about
            """,
            [
                .integer(Int64(terms.answer)), .integer(Int64(terms.expeditedAnswer)),
                .integer(Int64(terms.forwardOutOfCompetence)), .optional(directory.about),
            ])
        for (position, region) in directory.regions.enumerated() {
            try connection.run(
                """
                INSERT INTO regions (code, name, time_zone, position) VALUES (?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                    position = excluded.position
                """,
                [.text(region.code), .text(region.name), .text(region.timeZone), .integer(Int64(position))])
        }
        for (position, unit) in directory.units.enumerated() {
            try connection.run(
                """
                INSERT INTO units (code, name, short, kind, region, time_zone, position) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, short = excluded.short, kind = excluded.kind,
                    region = excluded.region, time_zone = excluded.time_zone, position = excluded.position
                """,
                [
                    .text(unit.code), .text(unit.name), .optional(unit.short), .text(unit.kind.rawValue),
                    .optional(unit.region), .text(unit.timeZone), .integer(Int64(position)),
                ])
        }
        for (position, agency) in directory.agencies.enumerated() {
            try connection.run(
                """
                INSERT INTO agencies (code, name, position) VALUES (?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position
                """,
                [.text(agency.code), .text(agency.name), .integer(Int64(position))])
        }
        for (position, topic) in directory.topics.enumerated() {
            try connection.run(
                """
                INSERT INTO topics (code, title, competence, expedited, unit, agency, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET title = excluded.title, competence = excluded.competence,
                    expedited = excluded.expedited, unit = excluded.unit, agency = excluded.agency,
                    position = excluded.position
                """,
                [
                    .text(topic.code), .text(topic.title), .text(topic.competence.rawValue), .bool(topic.expedited),
                    .optional(topic.unit), .optional(topic.agency), .integer(Int64(position)),
                ])
        }
    }
}
