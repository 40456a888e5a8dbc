import Foundation
import OknoDomain
import OknoStore

/// Turns a valid submission into a message ready to store: route, status and deadlines.
enum Intake {
    /// The administrative department, which holds messages for external agencies and unrouted ones.
    static let administrativeDepartment = "AD"

    static func newMessage(
        from submission: Submission, at now: Date, directory: Directory, calendar: WorkingCalendar,
        accessTokenHash: String, idempotencyKey: String?, requestHash: String
    ) -> NewMessage {
        let registeredAt = submission.registeredAt ?? now
        let topic = directory.topic(submission.topic)!
        let timeZone = directory.timeZone(ofRegion: submission.region)!
        let route = DefaultRoute.for(
            topic: submission.topic, region: submission.region, channel: submission.channel, in: directory)
        let unit: String?
        let suggestedAgency: String?
        let status: String
        var forwardDeadline: Deadline?
        switch route {
        case .unit(let code):
            (unit, suggestedAgency, status) = (code, nil, "assigned")
        case .agency(let code):
            (unit, suggestedAgency, status) = (administrativeDepartment, code, "assigned")
            forwardDeadline = Deadline(
                kind: .forward, from: registeredAt, in: timeZone, terms: directory.deadlineDays, calendar: calendar)
        case nil:
            (unit, suggestedAgency, status) = (nil, nil, "registered")
        }
        let answerDeadline = Deadline(
            kind: .answer(expedited: topic.expedited), from: registeredAt, in: timeZone, terms: directory.deadlineDays,
            calendar: calendar)
        return NewMessage(
            topic: submission.topic, region: submission.region, channel: submission.channel.rawValue,
            text: submission.text,
            applicant: NewMessage.Applicant(
                kind: submission.applicant.kind.rawValue, name: submission.applicant.name,
                email: submission.applicant.email, phone: submission.applicant.phone, inn: submission.applicant.inn),
            address: submission.address, latitude: submission.latitude, longitude: submission.longitude,
            sourceURL: submission.sourceURL, registeredAt: registeredAt, registeredDate: LocalDate.of(registeredAt, in: timeZone),
            unit: unit, suggestedAgency: suggestedAgency, expedited: topic.expedited, status: status,
            answerDeadline: answerDeadline, forwardDeadline: forwardDeadline, accessTokenHash: accessTokenHash,
            idempotencyKey: idempotencyKey, requestHash: requestHash)
    }
}
