import Foundation
import OknoDomain
import Testing

@Suite("Lifecycle deadlines")
struct LifecycleDeadlineTests {
    typealias F = LifecycleFixtures

    @Test(
        "reassigning moves no deadline, lands in assigned and ends the wait for forwarding",
        arguments: [MessageStatus.assigned, .inProgress, .answerDrafted, .onApproval], [F.registrar, F.approver])
    func reassignKeepsDeadlines(status: MessageStatus, officer: LifecycleActor) throws {
        let message = F.message(status, forwardDeadline: F.forwardDeadline)
        let outcome = try #require(F.apply(F.command(.reassign), to: message, by: officer).outcome)
        #expect(outcome.message.answerDeadline == message.answerDeadline)
        #expect(outcome.message.forwardDeadline == message.forwardDeadline)
        #expect(outcome.message.unit == "GU-77")
        #expect(outcome.message.status == .assigned)
        #expect(outcome.message.suggestedAgency == nil)
        #expect(!outcome.message.isForwardPending)
        #expect(outcome.message.answerDraft == message.answerDraft)
        #expect(outcome.event.type == "message.assigned")
        #expect(outcome.event.data.map(\.name) == ["unit", "reason", "previous_unit"])
        #expect(outcome.event["previous_unit"] == .string(F.unit))
    }

    @Test("forwarding moves no deadline", arguments: MessageStatus.open)
    func forwardKeepsDeadlines(status: MessageStatus) throws {
        let message = F.message(status, forwardDeadline: F.forwardDeadline)
        let outcome = try #require(F.apply(F.command(.forward), to: message, by: F.registrar).outcome)
        #expect(outcome.message.answerDeadline == message.answerDeadline)
        #expect(outcome.message.forwardDeadline == message.forwardDeadline)
        #expect(outcome.message.status == .forwarded)
        #expect(outcome.message.forwardedTo == "LOCAL_GOV")
        #expect(outcome.message.suggestedAgency == nil)
        #expect(outcome.message.forwardDoneAt == F.now)
    }

    @Test(
        "forwarding is late from forward_due_at on",
        arguments: [("2026-12-06T20:59:59Z", false), ("2026-12-06T21:00:00Z", true)])
    func forwardLateness(at: String, late: Bool) throws {
        let message = F.message(.assigned, forwardDeadline: F.forwardDeadline)
        let outcome = try #require(F.apply(F.command(.forward), to: message, by: F.registrar, at: instant(at)).outcome)
        #expect(outcome.event["late"] == .bool(late))
        #expect(outcome.event.type == "message.forwarded")
        #expect(outcome.event.data.map(\.name) == ["agency", "reason", "late"])
    }

    @Test("forwarding a message without a forward deadline records no lateness")
    func forwardWithoutDeadline() throws {
        let outcome = try #require(F.apply(F.command(.forward), to: F.message(.inProgress), by: F.approver).outcome)
        #expect(outcome.event["late"] == nil)
        #expect(outcome.message.forwardDoneAt == F.now)
    }

    @Test(
        "approving sends the draft and records the answer, late from answer_due_at on",
        arguments: [("2026-12-29T20:59:59Z", false), ("2026-12-29T21:00:00Z", true)])
    func approve(at: String, late: Bool) throws {
        let message = F.message(.onApproval)
        let outcome = try #require(F.apply(F.command(.approve), to: message, by: F.approver, at: instant(at)).outcome)
        #expect(outcome.message.status == .answered)
        #expect(outcome.message.answer == SentAnswer(text: F.draft, sentAt: instant(at)))
        #expect(outcome.message.answerDoneAt == instant(at))
        #expect(outcome.message.answerDeadline == message.answerDeadline)
        #expect(outcome.event["late"] == .bool(late))
        #expect(outcome.event.type == "message.answered")
    }

    @Test(
        "an answer deadline extends by 1 to 30 days, keeping the status",
        arguments: [(1, "2026-12-30", "2026-12-30T21:00:00Z"), (30, "2027-01-28", "2027-01-28T21:00:00Z")],
        MessageStatus.open.filter { $0 != .registered })
    func extend(expectation: (days: Int, dueDate: String, dueAt: String), status: MessageStatus) throws {
        let (days, dueDate, dueAt) = expectation
        let command = TransitionCommand(.extend, ["days": .integer(days), "reason": "запрос сведений"])
        let outcome = try #require(F.apply(command, to: F.message(status), by: F.approver).outcome)
        let expected = Deadline(kind: .answer, dueDate: date(dueDate), dueAt: instant(dueAt))
        #expect(outcome.message.answerDeadline == expected)
        #expect(outcome.message.extended)
        #expect(outcome.message.status == status)
        #expect(outcome.event.type == "message.extended")
        #expect(outcome.event.from == status && outcome.event.to == status)
        #expect(
            outcome.event.data == [
                EventField("days", .integer(days)), EventField("reason", .string("запрос сведений")),
                EventField("previous_answer_due_date", .date(date("2026-12-29"))),
                EventField("answer_due_date", .date(date(dueDate))),
                EventField("answer_due_at", .instant(instant(dueAt))),
            ])
    }

    @Test("extensions outside 1...30 days are refused on days", arguments: [0, -1, 31, Int.max])
    func extendOutOfRange(days: Int) {
        let command = TransitionCommand(.extend, ["days": .integer(days), "reason": "запрос сведений"])
        let refusal = F.apply(command, to: F.message(.inProgress), by: F.approver).refusal
        #expect(
            refusal
                == .invalidFields([
                    FieldProblem(field: "days", code: .outOfRange, message: "days must be within 1…30.")
                ]))
    }

    @Test("an answer deadline extends only once")
    func extendOnce() throws {
        let first = try #require(F.apply(F.command(.extend), to: F.message(.inProgress), by: F.approver).outcome)
        #expect(!Lifecycle.allowedActions(for: first.message, principal: F.approver).contains(.extend))
        let second = F.apply(F.command(.extend), to: first.message, by: F.approver)
        #expect(second.refusal == .preconditionFailed(.notExtendedYet))
        // Still refused for that reason even when the body is also bad: the state conflict comes first.
        let bad = F.apply(TransitionCommand(.extend, ["days": 99]), to: first.message, by: F.approver)
        #expect(bad.refusal == .preconditionFailed(.notExtendedYet))
    }

    @Test("an extension lands off non-working days of the working calendar")
    func extendWithCalendar() throws {
        let calendar = WorkingCalendar(shift: .nextWorkingDay, nonWorkingDays: [date("2027-01-08")])
        let context = TransitionContext(directory: Fixtures.directory(), calendar: calendar)
        let outcome = try #require(
            F.apply(F.command(.extend), to: F.message(.assigned), by: F.approver, context: context).outcome)
        #expect(outcome.message.answerDeadline.dueDate == date("2027-01-09"))
    }

    @Test(
        "reopening starts a new 30-day (10 if expedited) term from the local date of reopening",
        arguments: [
            (false, "2027-02-10T12:30:00Z", "2027-03-13"), (true, "2027-02-10T12:30:00Z", "2027-02-21"),
            (false, "2027-02-10T11:59:59Z", "2027-03-12"), (true, "2027-02-10T11:59:59Z", "2027-02-20"),
        ], [MessageStatus.answered, .closed])
    func reopen(expectation: (expedited: Bool, at: String, dueDate: String), status: MessageStatus) throws {
        let (expedited, at, dueDate) = expectation
        // Kamchatka is UTC+12: 12:00Z is local midnight.
        let message = F.message(status, expedited: expedited, extended: true, timeZone: Fixtures.kamchatka)
        let outcome = try #require(F.apply(F.command(.reopen), to: message, by: F.registrar, at: instant(at)).outcome)
        let expected = Deadline(kind: .answer(expedited: expedited), dueDate: date(dueDate), in: Fixtures.kamchatka)
        #expect(outcome.message.answerDeadline == expected)
        #expect(outcome.message.status == .inProgress)
        #expect(outcome.message.answerDoneAt == nil)
        #expect(!outcome.message.extended)
        #expect(outcome.message.isAnswerPending)
        #expect(outcome.message.answer == message.answer)
        #expect(outcome.event.type == "message.reopened")
        #expect(outcome.event["answer_due_date"] == .date(date(dueDate)))
        #expect(outcome.event["reason"] == .string("жалоба заявителя"))
    }

    @Test("a reopened term may be extended once again")
    func reopenedTermExtends() throws {
        let reopened = try #require(
            F.apply(F.command(.reopen), to: F.message(.closed, extended: true), by: F.registrar).outcome)
        #expect(Lifecycle.allowedActions(for: reopened.message, principal: F.approver).contains(.extend))
    }

    @Test("rejecting returns the draft to work; closing without answer records the reason")
    func rejectAndCloseNoAnswer() throws {
        let rejected = try #require(F.apply(F.command(.reject), to: F.message(.onApproval), by: F.approver).outcome)
        #expect(rejected.message.status == .inProgress)
        #expect(rejected.message.answerDraft == F.draft)
        #expect(rejected.event["comment"] == .string("уточнить сроки"))
        let closed = try #require(
            F.apply(F.command(.closeNoAnswer), to: F.message(.registered), by: F.registrar).outcome)
        #expect(closed.message.status == .closedNoAnswer)
        #expect(closed.message.closureReason == .duplicate)
        #expect(closed.message.answerDeadline == LifecycleFixtures.answerDeadline)
        #expect(closed.event.type == "message.closed")
    }

    @Test("the system closes an answered message")
    func systemClose() throws {
        let outcome = try #require(F.apply(F.command(.close), to: F.message(.answered), by: .system).outcome)
        #expect(outcome.message.status == .closed)
        #expect(outcome.event.type == "message.closed")
        #expect(outcome.event.data.isEmpty)
        #expect(F.apply(F.command(.close), to: F.message(.answered), by: F.registrar).refusal == .forbiddenRole)
    }

    @Test("the open deadlines are the pending ones, for every status and state of both deadlines")
    func openDeadlinesArePending() {
        for status in MessageStatus.allCases {
            for answerDone in [nil, F.now] {
                for forward in [nil, F.forwardDeadline] {
                    for forwardDone in [nil, F.now] {
                        for agency in [nil, "LOCAL_GOV"] {
                            var message = F.message(status, forwardDeadline: forward)
                            message.answerDoneAt = answerDone
                            message.forwardDoneAt = forwardDone
                            message.suggestedAgency = agency
                            let open = MessageSnapshot.openDeadlines(
                                status: status, answerDeadline: message.answerDeadline, answerDoneAt: answerDone,
                                forwardDeadline: forward, forwardDoneAt: forwardDone, suggestedAgency: agency)
                            var pending: [Deadline] = []
                            if message.isAnswerPending { pending.append(message.answerDeadline) }
                            if message.isForwardPending, let forward { pending.append(forward) }
                            #expect(open == pending, "\(status) \(String(describing: answerDone)) \(agency ?? "-")")
                        }
                    }
                }
            }
        }
    }
}
