import Foundation
import OknoDomain

/// Routing rules, the rule-set version and the audit trail of rule changes.
public enum RoutingRuleRepository {
    private static let columns =
        "id, priority, match_topic, match_region, match_channel, target_unit, target_agency, created_at"

    /// Every rule with the current version, for building the routing engine.
    public static func ruleSet(_ connection: Connection) throws -> RuleSet {
        let version = try connection.scalar("SELECT version FROM routing_state WHERE id = 1")?.int64 ?? 0
        var rules: [RoutingRule] = []
        try connection.query("SELECT \(columns) FROM routing_rules ORDER BY id") { rules.append(rule($0)) }
        return RuleSet(version: version, rules: rules)
    }

    /// The current rule-set version alone: cheap enough to poll.
    public static func version(_ connection: Connection) throws -> Int64 {
        try connection.scalar("SELECT version FROM routing_state WHERE id = 1")?.int64 ?? 0
    }

    /// Validates and adds a rule, bumping the version and recording the change.
    ///
    /// - Throws: `RuleValidationError` listing every problem (nothing is written), or `DatabaseError`.
    public static func create(
        _ draft: RuleDraft, directory: Directory, actor: String, at instant: Date, _ connection: Connection
    ) throws -> RoutingRule {
        let existing = try ruleSet(connection).rules
        let valid = try RoutingRuleValidator.validated(draft, existing: existing, directory: directory)
        let createdAt = Instant.milliseconds(instant)
        try connection.run(
            """
            INSERT INTO routing_rules
                (priority, match_topic, match_region, match_channel, target_unit, target_agency, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(Int64(valid.priority)), .optional(valid.match.topic), .optional(valid.match.region),
                .optional(valid.match.channel?.rawValue), .optional(valid.target.unitCode),
                .optional(valid.target.agencyCode), .integer(createdAt), .text(actor),
            ])
        let rule = valid.rule(id: connection.lastInsertRowID, createdAt: Instant.date(createdAt))
        try recordChange(
            ruleID: rule.id, change: "created", before: nil, after: rule, actor: actor, at: instant, connection)
        return rule
    }

    /// Deletes a rule, bumping the version and recording it; nil when no such rule exists.
    public static func delete(id: Int64, actor: String, at instant: Date, _ connection: Connection) throws
        -> RoutingRule?
    {
        guard
            let rule = try connection.queryOne(
                "SELECT \(columns) FROM routing_rules WHERE id = ?", [.integer(id)], rule)
        else { return nil }
        try connection.run("DELETE FROM routing_rules WHERE id = ?", [.integer(id)])
        try recordChange(ruleID: id, change: "deleted", before: rule, after: nil, actor: actor, at: instant, connection)
        return rule
    }

    /// Replaces every rule with `drafts` (for `okno routing import`): all valid or nothing changes.
    ///
    /// - Throws: `RuleValidationError` whose problems' fields are prefixed `rules[i].`.
    public static func replaceAll(
        with drafts: [RuleDraft], directory: Directory, actor: String, at instant: Date, _ connection: Connection
    ) throws -> RuleSet {
        try connection.savepoint("replace_rules") {
            for rule in try ruleSet(connection).rules {
                _ = try delete(id: rule.id, actor: actor, at: instant, connection)
            }
            var problems: [FieldProblem] = []
            for (index, draft) in drafts.enumerated() {
                do {
                    _ = try create(draft, directory: directory, actor: actor, at: instant, connection)
                } catch let error as RuleValidationError {
                    problems += error.problems.map {
                        FieldProblem(field: "rules[\(index)].\($0.field)", code: $0.code, message: $0.message)
                    }
                }
            }
            if !problems.isEmpty { throw RuleValidationError(problems: problems) }
            return try ruleSet(connection)
        }
    }

    /// The audit trail, oldest first.
    public static func changes(_ connection: Connection) throws -> [RuleChange] {
        var changes: [RuleChange] = []
        try connection.query(
            "SELECT id, rule_id, change, actor, at, version, before, after FROM routing_rule_changes ORDER BY id"
        ) { row in
            changes.append(
                RuleChange(
                    id: row.int64(at: 0), ruleID: row.int64(at: 1), change: row.text(at: 2), actor: row.text(at: 3),
                    at: Instant.date(row.int64(at: 4)), version: row.int64(at: 5), before: row.string(at: 6),
                    after: row.string(at: 7)))
        }
        return changes
    }

    private static func recordChange(
        ruleID: Int64, change: String, before: RoutingRule?, after: RoutingRule?, actor: String, at instant: Date,
        _ connection: Connection
    ) throws {
        try connection.run("UPDATE routing_state SET version = version + 1 WHERE id = 1")
        try connection.run(
            """
            INSERT INTO routing_rule_changes (rule_id, change, actor, at, version, before, after)
            VALUES (?, ?, ?, ?, (SELECT version FROM routing_state WHERE id = 1), ?, ?)
            """,
            [
                .integer(ruleID), .text(change), .text(actor), .integer(Instant.milliseconds(instant)),
                .optional(before.map(json)), .optional(after.map(json)),
            ])
    }

    /// A compact JSON image of a rule for the audit trail.
    static func json(_ rule: RoutingRule) -> String {
        func quoted(_ text: String?) -> String { text.map { "\"\($0)\"" } ?? "null" }
        return "{\"id\":\(rule.id),\"priority\":\(rule.priority),\"match\":{\"topic\":\(quoted(rule.match.topic)),"
            + "\"region\":\(quoted(rule.match.region)),\"channel\":\(quoted(rule.match.channel?.rawValue))},"
            + "\"target\":{\"unit\":\(quoted(rule.target.unitCode)),\"agency\":\(quoted(rule.target.agencyCode))}}"
    }

    private static func rule(_ row: Row) -> RoutingRule {
        let target: RouteTarget = row.string(at: 5).map { .unit($0) } ?? .agency(row.text(at: 6))
        return RoutingRule(
            id: row.int64(at: 0), priority: row.int(at: 1),
            match: RuleMatch(
                topic: row.string(at: 2), region: row.string(at: 3), channel: row.string(at: 4).flatMap(Channel.init)),
            target: target, createdAt: Instant.date(row.int64(at: 7)))
    }
}

/// One recorded change of the rule set.
public struct RuleChange: Sendable, Equatable {
    public var id: Int64
    public var ruleID: Int64
    /// `created` or `deleted`.
    public var change: String
    public var actor: String
    public var at: Date
    /// The rule-set version the change produced.
    public var version: Int64
    /// The rule as JSON before and after the change.
    public var before: String?
    public var after: String?
}

extension RouteTarget {
    var unitCode: String? {
        if case .unit(let code) = self { code } else { nil }
    }

    var agencyCode: String? {
        if case .agency(let code) = self { code } else { nil }
    }
}
