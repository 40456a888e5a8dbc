import Foundation
import OknoDomain

/// Messages, officers and a context for the lifecycle tests.
enum LifecycleFixtures {
    /// The unit of the fixture message and of the unit-scoped officers.
    static let unit = "DNDPR"
    /// Registered 2026-11-29 07:30 Moscow time: `D` = 2026-11-29, answer due 2026-12-29.
    static let registeredAt = instant("2026-11-29T04:30:00Z")
    static let answerDeadline = Deadline(kind: .answer, dueDate: date("2026-12-29"), in: Fixtures.moscow)
    static let forwardDeadline = Deadline(kind: .forward, dueDate: date("2026-12-06"), in: Fixtures.moscow)
    static let now = instant("2026-12-01T09:00:00Z")
    static let draft = "Уважаемый заявитель, ваше обращение рассмотрено."

    static let templates: [String: AnswerTemplate] = [
        "STANDARD": AnswerTemplate(
            code: "STANDARD", title: "Стандартный ответ",
            body: "{{applicant.name}}, на ваше обращение № {{number}} от {{registered_date}} ({{topic.title}}) "
                + "отвечает {{unit.name}}.")
    ]

    static let context = TransitionContext(directory: Fixtures.directory(), template: { templates[$0] })

    /// A message in `status`, with a unit unless `registered` and a draft from `answer_drafted` on.
    static func message(
        _ status: MessageStatus,
        expedited: Bool = false,
        forwardDeadline: Deadline? = nil,
        extended: Bool = false,
        timeZone: TimeZone = Fixtures.moscow,
        registeredAt: Date = registeredAt,
        answerDeadline: Deadline = answerDeadline
    ) -> MessageSnapshot {
        let hasDraft = [.answerDrafted, .onApproval, .answered, .closed].contains(status)
        let answered = status == .answered || status == .closed
        return MessageSnapshot(
            number: "2026-000042", status: status, unit: status == .registered ? nil : unit,
            suggestedAgency: forwardDeadline == nil ? nil : "LOCAL_GOV", topic: "LICENSING",
            applicantName: "Иванов Иван Иванович", expedited: expedited, registeredAt: registeredAt,
            timeZone: timeZone, answerDeadline: answerDeadline,
            answerDoneAt: answered ? instant("2026-12-20T10:00:00Z") : nil, extended: extended,
            forwardDeadline: forwardDeadline, answerDraft: hasDraft ? draft : nil,
            answer: answered ? SentAnswer(text: draft, sentAt: instant("2026-12-20T10:00:00Z")) : nil)
    }

    /// A performer of a kind; executors and approvers work for `unit`.
    static func actor(_ kind: LifecycleActor.Kind, unit: String? = unit) -> LifecycleActor {
        switch kind {
        case .system: .system
        case .officer(let role): LifecycleActor(role: role, unit: role.isUnitScoped ? unit : nil)
        }
    }

    static let registrar = actor(.registrar)
    static let executor = actor(.executor)
    static let approver = actor(.approver)

    /// Valid fields for every action, targeting a unit other than the message's.
    static func command(_ action: LifecycleAction) -> TransitionCommand {
        switch action {
        case .route: TransitionCommand(.route, ["unit": "GU-77"])
        case .reassign: TransitionCommand(.reassign, ["unit": "GU-77", "reason": "не по компетенции"])
        case .forward: TransitionCommand(.forward, ["agency": "LOCAL_GOV", "reason": "компетенция ОМСУ"])
        case .draftAnswer: TransitionCommand(.draftAnswer, ["text": .string(draft)])
        case .reject: TransitionCommand(.reject, ["comment": "уточнить сроки"])
        case .extend: TransitionCommand(.extend, ["days": 10, "reason": "запрос в ОМСУ"])
        case .closeNoAnswer: TransitionCommand(.closeNoAnswer, ["reason": "duplicate"])
        case .reopen: TransitionCommand(.reopen, ["reason": "жалоба заявителя"])
        case .accept, .submit, .approve, .close: TransitionCommand(action)
        }
    }

    /// Applies a command at `now` with the fixture context.
    static func apply(
        _ command: TransitionCommand, to message: MessageSnapshot, by actor: LifecycleActor, at instant: Date = now,
        context: TransitionContext = context
    ) -> Result<TransitionOutcome, TransitionRefusal> {
        Lifecycle.apply(command, to: message, by: actor, at: instant, context: context)
    }
}

extension Result where Success == TransitionOutcome, Failure == TransitionRefusal {
    /// The outcome, or `nil` when refused.
    var outcome: TransitionOutcome? {
        if case .success(let outcome) = self { return outcome }
        return nil
    }

    /// The refusal, or `nil` when performed.
    var refusal: TransitionRefusal? {
        if case .failure(let refusal) = self { return refusal }
        return nil
    }
}
