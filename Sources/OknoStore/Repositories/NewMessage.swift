import Foundation
import OknoDomain

/// A validated, routed message with its deadlines fixed, ready to be registered.
public struct NewMessage: Sendable {
    /// Who wrote; personal data, stored apart from the message.
    public struct Applicant: Sendable, Equatable {
        public var kind: ApplicantKind
        public var name: String
        public var email: String?
        public var phone: String?
        /// Required for organisations.
        public var inn: String?

        public init(kind: ApplicantKind, name: String, email: String? = nil, phone: String? = nil, inn: String? = nil) {
            self.kind = kind
            self.name = name
            self.email = email
            self.phone = phone
            self.inn = inn
        }
    }

    public var topic: String
    public var region: String
    public var channel: Channel
    /// Already trimmed and checked (`MessageText`).
    public var text: String
    public var applicant: Applicant
    public var address: String?
    /// Both or neither.
    public var latitude: Double?
    public var longitude: Double?
    /// Required for the `social` channel.
    public var sourceURL: String?
    public var registeredAt: Date
    /// The local date of `registeredAt` in the region's time zone; its year numbers the message.
    public var registeredDate: LocalDate
    /// `nil` exactly when `status` is `.registered` (no route found).
    public var unit: String?
    public var suggestedAgency: String?
    public var expedited: Bool
    /// `.registered` or `.assigned`.
    public var status: MessageStatus
    public var answerDeadline: Deadline
    public var forwardDeadline: Deadline?
    /// The SHA-256 hex of the applicant's access token.
    public var accessTokenHash: String
    /// The client's `Idempotency-Key`, with the hash of the request it came with.
    public var idempotencyKey: String?
    public var requestHash: String?
    /// The routing rule that chose the unit and the rule set's version; `nil` for a default route.
    public var routeRuleID: Int64?
    public var ruleSetVersion: Int64?
    /// The token name of an integration or registrar that registered it; `nil` for the portal.
    public var actor: String?
    /// When Okno received it; differs from `registeredAt` for messages registered elsewhere.
    /// Default: `registeredAt`.
    public var receivedAt: Date?
    /// When the deadline scheduler first looks at it (`deadline_watch`): the first change of its
    /// deadlines' risk, or `registeredAt` ("at once") when a risk was reached before it arrived.
    /// Default: `registeredAt`.
    public var firstLook: Date

    public init(
        topic: String, region: String, channel: Channel, text: String, applicant: Applicant,
        address: String? = nil, latitude: Double? = nil, longitude: Double? = nil, sourceURL: String? = nil,
        registeredAt: Date, registeredDate: LocalDate, unit: String?, suggestedAgency: String? = nil,
        expedited: Bool, status: MessageStatus, answerDeadline: Deadline, forwardDeadline: Deadline? = nil,
        accessTokenHash: String, idempotencyKey: String? = nil, requestHash: String? = nil,
        routeRuleID: Int64? = nil, ruleSetVersion: Int64? = nil, actor: String? = nil,
        receivedAt: Date? = nil, firstLook: Date? = nil
    ) {
        self.topic = topic
        self.region = region
        self.channel = channel
        self.text = text
        self.applicant = applicant
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.sourceURL = sourceURL
        self.registeredAt = registeredAt
        self.registeredDate = registeredDate
        self.unit = unit
        self.suggestedAgency = suggestedAgency
        self.expedited = expedited
        self.status = status
        self.answerDeadline = answerDeadline
        self.forwardDeadline = forwardDeadline
        self.accessTokenHash = accessTokenHash
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.routeRuleID = routeRuleID
        self.ruleSetVersion = ruleSetVersion
        self.actor = actor
        self.receivedAt = receivedAt
        self.firstLook = firstLook ?? registeredAt
    }
}

/// What registration tells the client: the message as registered.
public struct RegisteredMessage: Sendable, Equatable {
    public let number: String
    public let status: MessageStatus
    public let topic: String
    public let region: String
    public let unit: String?
    public let suggestedAgency: String?
    public let expedited: Bool
    public let registeredAt: Date
    public let answerDueAt: Date
    public let answerDueDate: LocalDate
    public let forwardDueAt: Date?
    public let forwardDueDate: LocalDate?
}

/// The result of `MessageRepository.register`.
public enum RegistrationOutcome: Sendable, Equatable {
    /// A new message.
    case created(RegisteredMessage)
    /// The idempotency key was seen with the same request: the message registered then (now also
    /// reachable with the new access token).
    case replayed(RegisteredMessage)
    /// The idempotency key was seen with a different request; nothing was written.
    case idempotencyMismatch

    /// The message, unless refused.
    public var message: RegisteredMessage? {
        switch self {
        case .created(let message), .replayed(let message): message
        case .idempotencyMismatch: nil
        }
    }
}

/// What an applicant sees with their access token.
public struct PublicMessage: Sendable, Equatable {
    /// One status the message went through, and when.
    public struct TimelineEntry: Sendable, Equatable {
        public let status: MessageStatus
        public let at: Date
    }

    /// The answer as sent.
    public struct Answer: Sendable, Equatable {
        public let text: String
        public let sentAt: Date
    }

    public let number: String
    /// The current status; internal steps (`answer_drafted`, `on_approval`) show as `in_progress`.
    public let status: MessageStatus
    /// Status changes in order, internal steps left out and repeats merged.
    public let timeline: [TimelineEntry]
    public let answer: Answer?
}
