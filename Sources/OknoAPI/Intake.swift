import Foundation
import OknoDomain
import OknoStore

/// Turns a valid submission into a message ready to store: route, status and deadlines.
enum Intake {
    static func newMessage(
        from submission: Submission, at now: Date, directory: Directory, routing: RoutingEngine,
        calendar: WorkingCalendar, accessTokenHash: String, idempotencyKey: String?, requestHash: String?,
        actor: String? = nil
    ) -> NewMessage {
        let registeredAt = submission.registeredAt ?? now
        let topic = directory.topic(submission.topic)!
        let timeZone = directory.timeZone(ofRegion: submission.region)!
        let decision = routing.decide(topic: submission.topic, region: submission.region, channel: submission.channel)
        let assignment = RoutingAssignment(decision: decision)
        let deadline = { (kind: DeadlineKind) in
            Deadline(kind: kind, from: registeredAt, in: timeZone, terms: directory.deadlineDays, calendar: calendar)
        }
        let status: MessageStatus = assignment.status == .assigned ? .assigned : .registered
        return NewMessage(
            topic: submission.topic, region: submission.region, channel: submission.channel, text: submission.text,
            applicant: NewMessage.Applicant(
                kind: submission.applicant.kind, name: submission.applicant.name,
                email: submission.applicant.email, phone: submission.applicant.phone, inn: submission.applicant.inn),
            address: submission.address, latitude: submission.latitude, longitude: submission.longitude,
            sourceURL: submission.sourceURL, registeredAt: registeredAt,
            registeredDate: LocalDate.of(registeredAt, in: timeZone),
            // An unrouted message waits in the administrative department's triage queue, without a unit.
            unit: status == .assigned ? assignment.unit : nil, suggestedAgency: assignment.suggestedAgency,
            expedited: topic.expedited, status: status,
            answerDeadline: deadline(.answer(expedited: topic.expedited)),
            forwardDeadline: assignment.needsForwardDeadline ? deadline(.forward) : nil,
            accessTokenHash: accessTokenHash, idempotencyKey: idempotencyKey, requestHash: requestHash,
            routeRuleID: decision.rule?.id, ruleSetVersion: decision.ruleSetVersion, actor: actor,
            receivedAt: now)
    }
}
