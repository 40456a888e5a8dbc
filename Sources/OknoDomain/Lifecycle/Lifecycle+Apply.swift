import Foundation

extension Lifecycle {
    /// Performs a transition by the rule of `table` for the message's status, action and performer.
    ///
    /// Checks, in order: the message is visible to the performer (`notVisible`); the performer may do
    /// the action in some status (`forbiddenRole`); in this one (`notAllowedInState`); the message's
    /// own preconditions (`preconditionFailed`); every required field (`invalidFields`, all at once);
    /// the preconditions that read fields (`preconditionFailed`). Then applies the rule's effects.
    /// - Parameters:
    ///   - command: The action and the request body's fields.
    ///   - message: The message as stored.
    ///   - actor: Who acts; unit-scoped roles must be of the message's unit.
    ///   - instant: Now, as injected: when steps are done and from when a reopened term runs.
    ///   - context: Directory, terms, working calendar, templates and field limits.
    /// - Returns: The changed message and the event to record, or why nothing changes.
    public static func apply(
        _ command: TransitionCommand,
        to message: MessageSnapshot,
        by actor: LifecycleActor,
        at instant: Date,
        context: TransitionContext
    ) -> Result<TransitionOutcome, TransitionRefusal> {
        guard canSee(messageUnit: message.unit, principal: actor) else { return .failure(.notVisible) }
        let performable = table.filter { $0.action == command.action && $0.performers.contains(actor.kind) }
        guard !performable.isEmpty else { return .failure(.forbiddenRole) }
        guard let rule = performable.first(where: { $0.from.contains(message.status) }) else {
            return .failure(.notAllowedInState(allowed: allowedActions(for: message, principal: actor)))
        }
        if let failed = firstFailure(of: rule.preconditions.filter { !$0.readsFields }, message: message) {
            return .failure(.preconditionFailed(failed))
        }
        var reader = TransitionFieldReader(command: command, message: message, context: context)
        for field in rule.fields { reader.read(field) }
        guard reader.problems.isEmpty else { return .failure(.invalidFields(reader.problems)) }
        let fields = reader.fields
        if let failed = firstFailure(
            of: rule.preconditions.filter(\.readsFields), message: message, unit: fields.unit)
        {
            return .failure(.preconditionFailed(failed))
        }

        var next = message
        var data = reader.eventData
        for effect in rule.effects {
            switch effect {
            case .setUnit:
                if let previous = message.unit { data.append(EventField("previous_unit", .string(previous))) }
                next.unit = fields.unit
            case .clearSuggestedAgency:
                next.suggestedAgency = nil
            case .setDraft:
                next.answerDraft = fields.draft
            case .sendAnswer:
                next.answer = next.answerDraft.map { SentAnswer(text: $0, sentAt: instant) }
            case .recordAnswerDone:
                next.answerDoneAt = instant
                data.append(EventField("late", .bool(!next.answerDeadline.isMet(at: instant))))
            case .recordForwardDone:
                next.forwardDoneAt = instant
                next.forwardedTo = fields.agency
                if let deadline = next.forwardDeadline {
                    data.append(EventField("late", .bool(!deadline.isMet(at: instant))))
                }
            case .extendAnswerDeadline:
                let previous = next.answerDeadline
                do {
                    next.answerDeadline = try previous.extended(
                        byDays: fields.days ?? 0, in: message.timeZone, calendar: context.calendar)
                } catch {
                    // `days` was checked against `Deadline.extensionDays` and answer deadlines extend.
                    return .failure(
                        .invalidFields([FieldProblem(field: "days", code: .invalid, message: error.description)]))
                }
                next.extended = true
                data.append(EventField("previous_answer_due_date", .date(previous.dueDate)))
                data += deadlineData(next.answerDeadline)
            case .newTerm:
                next.answerDeadline = Deadline.reconsideration(
                    reopenedAt: instant, expedited: message.expedited, in: message.timeZone, terms: context.terms,
                    calendar: context.calendar)
                next.answerDoneAt = nil
                next.extended = false
                data += deadlineData(next.answerDeadline)
            case .recordClosureReason:
                next.closureReason = fields.closureReason
            }
        }
        next.status = rule.next(from: message.status)
        let event = TransitionEvent(
            type: rule.eventType, action: rule.action, actor: actor, at: instant, from: message.status,
            to: next.status, data: data)
        return .success(TransitionOutcome(message: next, event: event))
    }

    private static func deadlineData(_ deadline: Deadline) -> [EventField] {
        [EventField("answer_due_date", .date(deadline.dueDate)), EventField("answer_due_at", .instant(deadline.dueAt))]
    }

    /// The placeholder values of a message; unknown codes fall back to themselves.
    static func templateValues(for message: MessageSnapshot, in directory: Directory) -> AnswerTemplate.Values {
        AnswerTemplate.Values(
            number: message.number, registeredDate: message.registrationDate, applicantName: message.applicantName,
            topicTitle: directory.topic(message.topic)?.title ?? message.topic,
            unitName: message.unit.map { directory.unit($0)?.name ?? $0 } ?? "")
    }
}

/// The typed fields of a transition request.
struct TransitionFields {
    var unit: String?
    var agency: String?
    var reason: String?
    var closureReason: ClosureReason?
    var comment: String?
    var days: Int?
    var draft: String?
}

/// Reads the fields a rule requires, collecting a problem for every bad one and the event data.
struct TransitionFieldReader {
    let command: TransitionCommand
    let message: MessageSnapshot
    let context: TransitionContext
    var fields = TransitionFields()
    var problems: [FieldProblem] = []
    var eventData: [EventField] = []

    init(command: TransitionCommand, message: MessageSnapshot, context: TransitionContext) {
        self.command = command
        self.message = message
        self.context = context
    }

    mutating func read(_ field: RequiredField) {
        let directory = context.directory
        switch field {
        case .unit:
            fields.unit = code("unit", exists: { directory.unit($0) != nil })
            if let unit = fields.unit { eventData.append(EventField("unit", .string(unit))) }
        case .agency:
            fields.agency = code("agency", exists: { directory.agency($0) != nil })
            if let agency = fields.agency { eventData.append(EventField("agency", .string(agency))) }
        case .reason:
            fields.reason = freeText("reason")
            if let reason = fields.reason { eventData.append(EventField("reason", .string(reason))) }
        case .comment:
            fields.comment = freeText("comment")
            if let comment = fields.comment { eventData.append(EventField("comment", .string(comment))) }
        case .closureReason:
            guard let text = string("reason") else { return }
            guard let reason = ClosureReason(rawValue: text) else {
                let legal = ClosureReason.allCases.map(\.rawValue).joined(separator: ", ")
                return fail("reason", .invalid, "reason must be one of \(legal).")
            }
            fields.closureReason = reason
            eventData.append(EventField("reason", .string(reason.rawValue)))
        case .days:
            readDays()
        case .textOrTemplate:
            readDraft()
        }
    }

    private mutating func readDays() {
        let limit = Deadline.extensionDays
        switch command.fields["days"] {
        case nil, .null?: fail("days", .required, "days is required.")
        case .integer(let days)?:
            guard limit.contains(days) else {
                return fail("days", .outOfRange, "days must be within \(limit.lowerBound)…\(limit.upperBound).")
            }
            fields.days = days
            eventData.append(EventField("days", .integer(days)))
        case .string?, .other?: fail("days", .invalidType, "days must be an integer.")
        }
    }

    private mutating func readDraft() {
        let hasText = isPresent("text")
        let hasTemplate = isPresent("template")
        switch (hasText, hasTemplate) {
        case (false, false):
            fail("text", .required, "text or template is required.")
        case (true, true):
            fail("template", .conflict, "give either text or template, not both.")
        case (true, false):
            guard let text = string("text") else { return }
            guard !MessageText.trimmed(text).isEmpty else { return fail("text", .required, "text must not be empty.") }
            guard text.count <= context.limits.maxAnswerLength else {
                return fail("text", .tooLong, "text is longer than \(context.limits.maxAnswerLength) characters.")
            }
            fields.draft = text
        case (false, true):
            guard let code = string("template") else { return }
            guard let template = context.template(code) else {
                return fail("template", .unknown, "there is no template with this code.")
            }
            let text = AnswerTemplate.render(
                template.body, Lifecycle.templateValues(for: message, in: context.directory))
            guard text.count <= context.limits.maxAnswerLength else {
                return fail(
                    "template", .tooLong,
                    "the rendered template is longer than \(context.limits.maxAnswerLength) characters.")
            }
            fields.draft = text
            eventData.append(EventField("template", .string(code)))
        }
    }

    private func isPresent(_ name: String) -> Bool {
        switch command.fields[name] {
        case nil, .null?: false
        default: true
        }
    }

    /// A present string, or `nil` after recording why not.
    private mutating func string(_ name: String) -> String? {
        switch command.fields[name] {
        case nil, .null?:
            fail(name, .required, "\(name) is required.")
            return nil
        case .string(let value)?:
            return value
        case .integer?, .other?:
            fail(name, .invalidType, "\(name) must be a string.")
            return nil
        }
    }

    /// A code that must name an entry of the directory.
    private mutating func code(_ name: String, exists: (String) -> Bool) -> String? {
        guard let value = string(name) else { return nil }
        guard !value.isEmpty else {
            fail(name, .required, "\(name) must not be empty.")
            return nil
        }
        guard exists(value) else {
            fail(name, .unknown, "\(name) is not in the directory.")
            return nil
        }
        return value
    }

    /// Trimmed text of 1...`maxReasonLength` characters.
    private mutating func freeText(_ name: String) -> String? {
        guard let value = string(name) else { return nil }
        let trimmed = MessageText.trimmed(value)
        guard !trimmed.isEmpty else {
            fail(name, .required, "\(name) must not be empty.")
            return nil
        }
        guard trimmed.count <= context.limits.maxReasonLength else {
            fail(name, .tooLong, "\(name) is longer than \(context.limits.maxReasonLength) characters.")
            return nil
        }
        return trimmed
    }

    private mutating func fail(_ field: String, _ code: FieldProblem.Code, _ message: String) {
        problems.append(FieldProblem(field: field, code: code, message: message))
    }
}
