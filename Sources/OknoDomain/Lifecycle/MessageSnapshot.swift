import Foundation

/// What the lifecycle needs to know about a message, and what a transition changes.
///
/// The store builds one from its row and persists the one in a `TransitionOutcome`.
public struct MessageSnapshot: Hashable, Sendable {
    /// `YYYY-NNNNNN`, for `{{number}}`.
    public var number: String
    public var status: MessageStatus
    /// The handling unit; `nil` while `registered`.
    public var unit: String?
    /// The agency the routing chose while the message waits in `AD` to be forwarded.
    public var suggestedAgency: String?
    /// The topic code, for `{{topic.title}}`.
    public var topic: String
    /// For `{{applicant.name}}`.
    public var applicantName: String
    /// Whether the topic is expedited: a reopened term is then 10 days, not 30.
    public var expedited: Bool
    public var registeredAt: Date
    /// The time zone of the message's region, in which its deadlines are counted.
    public var timeZone: TimeZone
    /// The answer deadline of the current term.
    public var answerDeadline: Deadline
    /// When the current term's answer was sent; `nil` while it is open.
    public var answerDoneAt: Date?
    /// Whether the current term's answer deadline was extended (once only).
    public var extended: Bool
    /// Set when the routing sent the message to an external agency.
    public var forwardDeadline: Deadline?
    public var forwardDoneAt: Date?
    /// The agency the message was forwarded to.
    public var forwardedTo: String?
    /// The current answer draft, if any.
    public var answerDraft: String?
    /// The last answer sent to the applicant; kept when the message is reopened.
    public var answer: SentAnswer?
    /// Why the message was closed without an answer.
    public var closureReason: ClosureReason?

    public init(
        number: String,
        status: MessageStatus,
        unit: String?,
        suggestedAgency: String? = nil,
        topic: String,
        applicantName: String,
        expedited: Bool,
        registeredAt: Date,
        timeZone: TimeZone,
        answerDeadline: Deadline,
        answerDoneAt: Date? = nil,
        extended: Bool = false,
        forwardDeadline: Deadline? = nil,
        forwardDoneAt: Date? = nil,
        forwardedTo: String? = nil,
        answerDraft: String? = nil,
        answer: SentAnswer? = nil,
        closureReason: ClosureReason? = nil
    ) {
        self.number = number
        self.status = status
        self.unit = unit
        self.suggestedAgency = suggestedAgency
        self.topic = topic
        self.applicantName = applicantName
        self.expedited = expedited
        self.registeredAt = registeredAt
        self.timeZone = timeZone
        self.answerDeadline = answerDeadline
        self.answerDoneAt = answerDoneAt
        self.extended = extended
        self.forwardDeadline = forwardDeadline
        self.forwardDoneAt = forwardDoneAt
        self.forwardedTo = forwardedTo
        self.answerDraft = answerDraft
        self.answer = answer
        self.closureReason = closureReason
    }

    /// The registration date `D`: the local date of `registeredAt` in the region's time zone.
    public var registrationDate: LocalDate { LocalDate.of(registeredAt, in: timeZone) }

    /// Whether the answer deadline is open: the message is open and the current term unanswered.
    public var isAnswerPending: Bool { status.isOpen && answerDoneAt == nil }

    /// Whether the forward deadline is open: the message still waits in `AD` to be forwarded.
    ///
    /// Reassigning to a unit clears `suggestedAgency`, which ends the wait without moving the deadline.
    public var isForwardPending: Bool {
        status.isOpen && forwardDeadline != nil && forwardDoneAt == nil && suggestedAgency != nil
    }

    /// The deadlines whose risk can still change, as `isAnswerPending` and `isForwardPending` say,
    /// from the fields they depend on: for the deadline scheduler's rows and a message being
    /// registered, which have no whole snapshot.
    public static func openDeadlines(
        status: MessageStatus, answerDeadline: Deadline, answerDoneAt: Date?, forwardDeadline: Deadline?,
        forwardDoneAt: Date?, suggestedAgency: String?
    ) -> [Deadline] {
        guard status.isOpen else { return [] }
        var open: [Deadline] = []
        if answerDoneAt == nil { open.append(answerDeadline) }
        if let forwardDeadline, forwardDoneAt == nil, suggestedAgency != nil { open.append(forwardDeadline) }
        return open
    }
}

/// An answer as it went out to the applicant.
public struct SentAnswer: Hashable, Sendable {
    public var text: String
    public var sentAt: Date

    public init(text: String, sentAt: Date) {
        self.text = text
        self.sentAt = sentAt
    }
}
