import Foundation
import OknoDomain
import OknoJSON
import OknoStore

/// The officer's view of a message: `GET /api/v1/messages/{number}` and transition answers.
enum MessageView {
    static func json(
        _ record: MessageRecord, events: [StoredEvent], rating: RatingRepository.Rating?,
        allowedActions: [LifecycleAction], risk: Risk?
    ) -> JSONValue {
        func instant(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.format($0)) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let applicant = record.applicant
        var location: JSONValue = .null
        if let lat = record.latitude, let lon = record.longitude, let latNumber = JSONNumber(lat),
            let lonNumber = JSONNumber(lon)
        {
            location = ["lat": .number(latNumber), "lon": .number(lonNumber)]
        }
        let answer: JSONValue =
            record.answerText.map { ["text": .string($0), "sent_at": instant(record.answerSentAt)] } ?? .null
        return [
            "number": .string(record.number),
            "status": .string(record.status.rawValue),
            "risk": risk.map { .string($0.rawValue) } ?? .null,
            "allowed_actions": .array(allowedActions.map { .string($0.rawValue) }),
            "topic": .string(record.topic),
            "region": .string(record.region),
            "channel": .string(record.channel.rawValue),
            "unit": text(record.unit),
            "suggested_agency": text(record.suggestedAgency),
            "forwarded_to": text(record.forwardedTo),
            "assignee": text(record.assignee),
            "expedited": .bool(record.expedited),
            "text": .string(record.text),
            "address": text(record.address),
            "location": location,
            "source_url": text(record.sourceURL),
            "registered_at": instant(record.registeredAt),
            "registered_date": .string(record.registeredDate.description),
            "answer_due_at": instant(record.answerDeadline.dueAt),
            "answer_due_date": .string(record.answerDeadline.dueDate.description),
            "answer_done_at": instant(record.answerDoneAt),
            "extended": .bool(record.extended),
            "forward_due_at": instant(record.forwardDeadline?.dueAt),
            "forward_due_date": record.forwardDeadline.map { .string($0.dueDate.description) } ?? .null,
            "forward_done_at": instant(record.forwardDoneAt),
            "applicant": [
                "kind": .string(applicant.kind.rawValue), "name": .string(applicant.name),
                "email": text(applicant.email),
                "phone": text(applicant.phone), "inn": text(applicant.inn),
            ],
            "answer_draft": text(record.answerDraft),
            "answer": answer,
            "close_reason": text(record.closeReason?.rawValue),
            // A flagged (low) rating tells the administrative department to consider reopening.
            "rating": rating.map {
                [
                    "score": .number(JSONNumber($0.score)), "comment": text($0.comment),
                    "rated_at": instant($0.ratedAt), "flagged": .bool($0.flagged),
                ]
            } ?? .null,
            "route_rule_id": record.routeRuleID.map { .number(JSONNumber($0)) } ?? .null,
            "rule_set_version": record.ruleSetVersion.map { .number(JSONNumber($0)) } ?? .null,
            "version": .number(JSONNumber(record.version)),
            "events": .array(events.map(eventJSON)),
        ]
    }

    static func eventJSON(_ event: StoredEvent) -> JSONValue {
        let data = (try? JSONParser.parse(Array(event.data.utf8))) ?? [:]
        return [
            "seq": .number(JSONNumber(event.seq)),
            "type": .string(event.type),
            "at": .string(Timestamp.format(event.at)),
            "actor": event.actor.map(JSONValue.string) ?? .null,
            "data": data,
        ]
    }

    /// The ETag of a message version.
    static func etag(_ version: Int64) -> String { "\"\(version)\"" }

    /// The worst risk of the message's open deadlines at `now`, or how its finished steps ended.
    static func risk(of snapshot: MessageSnapshot, at now: Date, atRiskDays: AtRiskDays) -> Risk? {
        var risks: [Risk] = []
        if snapshot.status.isOpen || snapshot.answerDoneAt != nil {
            risks.append(
                Risk.of(
                    snapshot.answerDeadline, at: now, finishedAt: snapshot.answerDoneAt, in: snapshot.timeZone,
                    atRiskDays: atRiskDays))
        }
        if let forward = snapshot.forwardDeadline, snapshot.isForwardPending || snapshot.forwardDoneAt != nil {
            risks.append(
                Risk.of(
                    forward, at: now, finishedAt: snapshot.forwardDoneAt, in: snapshot.timeZone, atRiskDays: atRiskDays)
            )
        }
        return Risk.worst(risks)
    }
}
