import Foundation
import OknoDomain

/// A message as stored, with its applicant: the officer's full view.
public struct MessageRecord: Sendable, Equatable {
    /// The applicant as stored, with the row's id.
    public struct StoredApplicant: Sendable, Equatable {
        public let id: Int64
        public let kind: ApplicantKind
        public let name: String
        public let email: String?
        public let phone: String?
        public let inn: String?
    }

    public let id: Int64
    public let number: String
    public let status: MessageStatus
    public let topic: String
    public let region: String
    public let channel: Channel
    public let sourceURL: String?
    public let text: String
    public let address: String?
    public let latitude: Double?
    public let longitude: Double?
    public let unit: String?
    public let suggestedAgency: String?
    /// The agency it was forwarded to.
    public let forwardedTo: String?
    public let expedited: Bool
    public let registeredAt: Date
    public let registeredDate: LocalDate
    public let answerDeadline: Deadline
    public let answerDoneAt: Date?
    public let extended: Bool
    public let forwardDeadline: Deadline?
    public let forwardDoneAt: Date?
    public let answerDraft: String?
    public let answerText: String?
    public let answerSentAt: Date?
    public let closeReason: ClosureReason?
    public let routeRuleID: Int64?
    public let ruleSetVersion: Int64?
    public let assignee: String?
    public let applicant: StoredApplicant
    /// The ETag: incremented by every change.
    public let version: Int64
    public let createdAt: Date
    public let updatedAt: Date

    /// The fields registration reports.
    public var registered: RegisteredMessage {
        RegisteredMessage(
            number: number, status: status, topic: topic, region: region, unit: unit,
            suggestedAgency: suggestedAgency, expedited: expedited, registeredAt: registeredAt,
            answerDueAt: answerDeadline.dueAt, answerDueDate: answerDeadline.dueDate,
            forwardDueAt: forwardDeadline?.dueAt, forwardDueDate: forwardDeadline?.dueDate)
    }
}

extension MessageRecord {
    /// The columns `init(row:)` reads, in order, from `messages m JOIN applicants a`.
    static let columns = """
        m.id, m.number, m.status, m.topic, m.region, m.channel, m.source_url, m.text, m.address, m.lat, m.lon,
        m.unit, m.suggested_agency, m.forwarded_to, m.expedited, m.registered_at, m.registered_date,
        m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at, m.extended,
        m.forward_due_at, m.forward_due_date, m.forward_done_at,
        m.answer_draft, m.answer_text, m.answer_sent_at, m.close_reason, m.route_rule_id, m.rule_set_version,
        m.assignee, m.version, m.created_at, m.updated_at,
        a.id, a.kind, a.name, a.email, a.phone, a.inn
        """

    static let from = "messages m JOIN applicants a ON a.id = m.applicant_id"

    init(row: Row) throws {
        func decode<T>(_ value: T?, _ column: String) throws -> T {
            guard let value else { throw StoreError.corruptValue(table: "messages", column: column) }
            return value
        }
        func optionalInt(_ index: Int) -> Int64? { row.isNull(at: index) ? nil : row.int64(at: index) }
        func optionalDouble(_ index: Int) -> Double? { row.isNull(at: index) ? nil : row.double(at: index) }

        id = row.int64(at: 0)
        number = row.text(at: 1)
        status = try decode(MessageStatus(rawValue: row.text(at: 2)), "status")
        topic = row.text(at: 3)
        region = row.text(at: 4)
        channel = try decode(Channel(rawValue: row.text(at: 5)), "channel")
        sourceURL = row.string(at: 6)
        text = row.text(at: 7)
        address = row.string(at: 8)
        latitude = optionalDouble(9)
        longitude = optionalDouble(10)
        unit = row.string(at: 11)
        suggestedAgency = row.string(at: 12)
        forwardedTo = row.string(at: 13)
        expedited = row.int(at: 14) != 0
        registeredAt = Instant.date(row.int64(at: 15))
        registeredDate = try decode(LocalDate(row.text(at: 16)), "registered_date")
        answerDeadline = Deadline(
            kind: try decode(DeadlineKind(rawValue: row.text(at: 17)), "answer_kind"),
            dueDate: try decode(LocalDate(row.text(at: 19)), "answer_due_date"),
            dueAt: Instant.date(row.int64(at: 18)))
        answerDoneAt = row.instant(at: 20)
        extended = row.int(at: 21) != 0
        if let dueAt = row.instant(at: 22) {
            forwardDeadline = Deadline(
                kind: .forward, dueDate: try decode(row.string(at: 23).flatMap(LocalDate.init), "forward_due_date"),
                dueAt: dueAt)
        } else {
            forwardDeadline = nil
        }
        forwardDoneAt = row.instant(at: 24)
        answerDraft = row.string(at: 25)
        answerText = row.string(at: 26)
        answerSentAt = row.instant(at: 27)
        closeReason = try row.string(at: 28).map { try decode(ClosureReason(rawValue: $0), "close_reason") }
        routeRuleID = optionalInt(29)
        ruleSetVersion = optionalInt(30)
        assignee = row.string(at: 31)
        version = row.int64(at: 32)
        createdAt = Instant.date(row.int64(at: 33))
        updatedAt = Instant.date(row.int64(at: 34))
        applicant = StoredApplicant(
            id: row.int64(at: 35), kind: try decode(ApplicantKind(rawValue: row.text(at: 36)), "applicants.kind"),
            name: row.text(at: 37), email: row.string(at: 38), phone: row.string(at: 39), inn: row.string(at: 40))
    }
}
