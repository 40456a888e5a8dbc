import Foundation
import OknoDomain

extension MessageRecord {
    /// The lifecycle's view of this message, in its region's time zone.
    public func snapshot(timeZone: TimeZone) -> MessageSnapshot {
        MessageSnapshot(
            number: number, status: status, unit: unit, suggestedAgency: suggestedAgency, topic: topic,
            applicantName: applicant.name, expedited: expedited, registeredAt: registeredAt, timeZone: timeZone,
            answerDeadline: answerDeadline, answerDoneAt: answerDoneAt, extended: extended,
            forwardDeadline: forwardDeadline, forwardDoneAt: forwardDoneAt, forwardedTo: forwardedTo,
            answerDraft: answerDraft,
            answer: answerText.flatMap { text in answerSentAt.map { SentAnswer(text: text, sentAt: $0) } },
            closureReason: closeReason)
    }
}
