import Foundation
import OknoDomain

/// Writes the outcome of a lifecycle transition: the message's new state and its event, at once.
public enum TransitionRepository {
    /// Stores `outcome` for message `id` if its version is still `expectedVersion`.
    ///
    /// - Returns: the new version, or nil when another change got there first (nothing written).
    public static func store(
        _ outcome: TransitionOutcome, messageID id: Int64, expectedVersion: Int64, actor: String,
        _ connection: Connection
    ) throws -> Int64? {
        let message = outcome.message
        let event = outcome.event
        let at = Instant.milliseconds(event.at)
        // The executor who accepts becomes the assignee; a new unit or term has none yet.
        let assignee: (clause: String, values: [SQLValue]) =
            switch event.action {
            case .accept: ("assignee = ?,", [.text(actor)])
            case .reassign, .route, .reopen: ("assignee = NULL,", [])
            default: ("", [])
            }
        let changed = try connection.run(
            """
            UPDATE messages SET
                status = ?, unit = ?, suggested_agency = ?, forwarded_to = ?,
                answer_kind = ?, answer_due_at = ?, answer_due_date = ?, answer_done_at = ?, extended = ?,
                forward_done_at = ?, answer_draft = ?, answer_text = ?, answer_sent_at = ?, close_reason = ?,
                \(assignee.clause) version = version + 1, updated_at = ?
            WHERE id = ? AND version = ?
            """,
            [
                .text(message.status.rawValue), .optional(message.unit), .optional(message.suggestedAgency),
                .optional(message.forwardedTo),
                .text(message.answerDeadline.kind.rawValue),
                .integer(Instant.milliseconds(message.answerDeadline.dueAt)),
                .text(message.answerDeadline.dueDate.description), Instant.value(message.answerDoneAt),
                .bool(message.extended), Instant.value(message.forwardDoneAt), .optional(message.answerDraft),
                .optional(message.answer?.text), Instant.value(message.answer?.sentAt),
                .optional(message.closureReason?.rawValue),
            ] + assignee.values + [
                .integer(at), .integer(id), .integer(expectedVersion),
            ])
        guard changed == 1 else { return nil }
        // The deadline scheduler recomputes the next risk change from the new state.
        try DeadlineWatchRepository.look(at: message.status.isOpen ? event.at : nil, messageID: id, connection)
        var data = EventData([
            ("action", .string(event.action.rawValue)), ("from", .string(event.from.rawValue)),
            ("status", .string(event.to.rawValue)),
        ])
        for field in event.data {
            data.set(field.name, field.value.eventDataValue)
        }
        try EventRepository.append(
            type: event.type, messageID: id, number: message.number, at: event.at, actor: actor, data: data, connection)
        return expectedVersion + 1
    }
}

extension EventValue {
    var eventDataValue: EventData.Value {
        switch self {
        case .string(let text): .string(text)
        case .integer(let number): .integer(Int64(number))
        case .bool(let flag): .bool(flag)
        case .instant(let date): .string(Timestamp.format(date))
        case .date(let date): .string(date.description)
        }
    }
}
