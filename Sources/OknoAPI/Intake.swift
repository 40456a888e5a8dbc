import Foundation
import OknoDomain
import OknoStore

/// Turns a valid submission into a message ready to store: route, status and deadlines.
enum Intake {
    static func newMessage(
        from submission: Submission, at now: Date, directory: Directory, routing: RoutingEngine,
        calendar: WorkingCalendar, atRiskDays: AtRiskDays, accessTokenHash: String, idempotencyKey: String?,
        requestHash: String?, actor: String? = nil
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
        let answerDeadline = deadline(.answer(expedited: topic.expedited))
        let forwardDeadline = assignment.needsForwardDeadline ? deadline(.forward) : nil
        let openDeadlines = MessageSnapshot.openDeadlines(
            status: status, answerDeadline: answerDeadline, answerDoneAt: nil, forwardDeadline: forwardDeadline,
            forwardDoneAt: nil, suggestedAgency: assignment.suggestedAgency)
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
            answerDeadline: answerDeadline, forwardDeadline: forwardDeadline,
            accessTokenHash: accessTokenHash, idempotencyKey: idempotencyKey, requestHash: requestHash,
            routeRuleID: decision.rule?.id, ruleSetVersion: decision.ruleSetVersion, actor: actor,
            receivedAt: now,
            firstLook: firstLook(of: openDeadlines, registeredAt: registeredAt, now: now, in: timeZone, atRiskDays))
    }

    /// When the deadline scheduler is first to look at a new message: when the risk of one of its
    /// deadlines next changes, as the scheduler's own first look would compute it; at once
    /// (`registeredAt`) when a risk was reached already (registered elsewhere earlier), so that
    /// the scheduler announces it. Looking at every new message at once would only move its look
    /// instant there: one more write per message, and a minute's intake in each scheduler pass.
    static func firstLook(
        of openDeadlines: [Deadline], registeredAt: Date, now: Date, in timeZone: TimeZone, _ atRiskDays: AtRiskDays
    ) -> Date {
        let plan = Risk.watch(openDeadlines, at: now, lookSince: registeredAt, in: timeZone, atRiskDays: atRiskDays) {
            _, _ in false
        }
        guard plan.notices.isEmpty, let next = plan.nextLook else { return registeredAt }
        return next
    }
}
