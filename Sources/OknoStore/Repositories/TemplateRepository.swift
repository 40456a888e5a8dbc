import Foundation
import OknoDomain

/// Answer templates.
public enum TemplateRepository {
    public static func list(_ connection: Connection) throws -> [AnswerTemplate] {
        var templates: [AnswerTemplate] = []
        try connection.query("SELECT code, title, topic, body FROM templates ORDER BY code") {
            templates.append(template($0))
        }
        return templates
    }

    public static func find(code: String, _ connection: Connection) throws -> AnswerTemplate? {
        try connection.queryOne(
            "SELECT code, title, topic, body FROM templates WHERE code = ?", [.text(code)], template)
    }

    /// Creates or replaces a template. The caller has validated its placeholders and topic.
    ///
    /// - Returns: whether it was new.
    @discardableResult
    public static func save(_ template: AnswerTemplate, by actor: String, at instant: Date, _ connection: Connection)
        throws
        -> Bool
    {
        let existed = try find(code: template.code, connection) != nil
        try connection.run(
            """
            INSERT INTO templates (code, title, topic, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET title = excluded.title, topic = excluded.topic, body = excluded.body,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            [
                .text(template.code), .text(template.title), .optional(template.topic), .text(template.body),
                .integer(Instant.milliseconds(instant)), .text(actor),
            ])
        return !existed
    }

    /// Deletes a template; returns whether it existed.
    public static func delete(code: String, _ connection: Connection) throws -> Bool {
        try connection.run("DELETE FROM templates WHERE code = ?", [.text(code)]) > 0
    }

    private static func template(_ row: Row) -> AnswerTemplate {
        AnswerTemplate(code: row.text(at: 0), title: row.text(at: 1), topic: row.string(at: 2), body: row.text(at: 3))
    }
}
