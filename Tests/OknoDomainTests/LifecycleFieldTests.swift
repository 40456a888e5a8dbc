import Foundation
import OknoDomain
import Testing

@Suite("Lifecycle fields")
struct LifecycleFieldTests {
    typealias F = LifecycleFixtures

    @Test(
        "an empty body lists every required field of the action",
        arguments: [
            (LifecycleAction.route, MessageStatus.registered, F.registrar, ["unit"]),
            (.reassign, .inProgress, F.registrar, ["unit", "reason"]),
            (.forward, .assigned, F.approver, ["agency", "reason"]),
            (.draftAnswer, .inProgress, F.executor, ["text"]),
            (.reject, .onApproval, F.approver, ["comment"]),
            (.extend, .onApproval, F.approver, ["days", "reason"]),
            (.closeNoAnswer, .assigned, F.registrar, ["reason"]),
            (.reopen, .answered, F.registrar, ["reason"]),
        ])
    func missingFields(action: LifecycleAction, status: MessageStatus, officer: LifecycleActor, fields: [String]) {
        for body: [String: FieldValue] in [[:], Dictionary(uniqueKeysWithValues: fields.map { ($0, .null) })] {
            let refusal = F.apply(TransitionCommand(action, body), to: F.message(status), by: officer).refusal
            guard case .invalidFields(let problems) = refusal else {
                Issue.record("expected invalid fields, got \(String(describing: refusal))")
                continue
            }
            #expect(problems.map(\.field) == fields)
            #expect(problems.allSatisfy { $0.code == .required })
        }
    }

    @Test("fields of the wrong type are each listed")
    func wrongTypes() {
        let command = TransitionCommand(.extend, ["days": "10", "reason": 5])
        let refusal = F.apply(command, to: F.message(.inProgress), by: F.approver).refusal
        #expect(
            refusal
                == .invalidFields([
                    FieldProblem(field: "days", code: .invalidType, message: "days must be an integer."),
                    FieldProblem(field: "reason", code: .invalidType, message: "reason must be a string."),
                ]))
        let other = F.apply(TransitionCommand(.reject, ["comment": .other]), to: F.message(.onApproval), by: F.approver)
        #expect(
            other.refusal
                == .invalidFields([
                    FieldProblem(field: "comment", code: .invalidType, message: "comment must be a string.")
                ]))
    }

    @Test("units and agencies must be in the directory")
    func unknownCodes() {
        let route = F.apply(TransitionCommand(.route, ["unit": "NOPE"]), to: F.message(.registered), by: F.registrar)
        #expect(
            route.refusal
                == .invalidFields([
                    FieldProblem(field: "unit", code: .unknown, message: "unit is not in the directory.")
                ]))
        let forward = F.apply(
            TransitionCommand(.forward, ["agency": "NOPE", "reason": " "]), to: F.message(.assigned), by: F.registrar)
        #expect(
            forward.refusal
                == .invalidFields([
                    FieldProblem(field: "agency", code: .unknown, message: "agency is not in the directory."),
                    FieldProblem(field: "reason", code: .required, message: "reason must not be empty."),
                ]))
    }

    @Test("reassigning to the message's own unit is a conflict, checked after the fields")
    func reassignSameUnit() {
        let same = TransitionCommand(.reassign, ["unit": .string(F.unit), "reason": "ошибка"])
        #expect(
            F.apply(same, to: F.message(.inProgress), by: F.approver).refusal == .preconditionFailed(.targetUnitDiffers)
        )
        let sameNoReason = TransitionCommand(.reassign, ["unit": .string(F.unit)])
        #expect(F.apply(sameNoReason, to: F.message(.inProgress), by: F.approver).refusal?.isInvalidFields == true)
    }

    @Test("closing without an answer needs a legal reason", arguments: ClosureReason.allCases)
    func legalReasons(reason: ClosureReason) throws {
        let command = TransitionCommand(.closeNoAnswer, ["reason": .string(reason.rawValue)])
        let outcome = try #require(F.apply(command, to: F.message(.inProgress), by: F.approver).outcome)
        #expect(outcome.message.closureReason == reason)
        #expect(outcome.event["reason"] == .string(reason.rawValue))
    }

    @Test("closing without an answer for another reason is refused on reason", arguments: ["spam", "", "Duplicate"])
    func illegalReason(reason: String) {
        let command = TransitionCommand(.closeNoAnswer, ["reason": .string(reason)])
        let refusal = F.apply(command, to: F.message(.inProgress), by: F.registrar).refusal
        #expect(
            refusal
                == .invalidFields([
                    FieldProblem(
                        field: "reason", code: .invalid,
                        message: "reason must be one of anonymous, obscene, unreadable, duplicate, repeated.")
                ]))
    }

    @Test("reasons and comments are trimmed and at most 2,000 characters")
    func reasonLength() throws {
        let atLimit = String(repeating: "я", count: 2000)
        let accepted = TransitionCommand(.reopen, ["reason": .string("  \(atLimit)\n")])
        let outcome = try #require(F.apply(accepted, to: F.message(.answered), by: F.registrar).outcome)
        #expect(outcome.event["reason"] == .string(atLimit))
        let overLimit = TransitionCommand(.reopen, ["reason": .string(atLimit + "я")])
        #expect(
            F.apply(overLimit, to: F.message(.answered), by: F.registrar).refusal
                == .invalidFields([
                    FieldProblem(field: "reason", code: .tooLong, message: "reason is longer than 2000 characters.")
                ]))
    }

    @Test("an answer text is kept as written, non-blank and at most 20,000 characters")
    func answerText() throws {
        let atLimit = String(repeating: "ж", count: 20_000)
        let outcome = try #require(
            F.apply(
                TransitionCommand(.draftAnswer, ["text": .string(atLimit)]), to: F.message(.inProgress), by: F.executor
            )
            .outcome)
        #expect(outcome.message.answerDraft == atLimit)
        #expect(outcome.message.status == .answerDrafted)
        #expect(outcome.event.data.isEmpty)
        let over = TransitionCommand(.draftAnswer, ["text": .string(atLimit + "ж")])
        #expect(F.apply(over, to: F.message(.inProgress), by: F.executor).refusal?.problemCodes == ["text: too_long"])
        let blank = TransitionCommand(.draftAnswer, ["text": " \n "])
        #expect(F.apply(blank, to: F.message(.inProgress), by: F.executor).refusal?.problemCodes == ["text: required"])
    }

    @Test("a draft is text or template, not both")
    func textXorTemplate() {
        let both = TransitionCommand(.draftAnswer, ["text": "Ответ", "template": "STANDARD"])
        #expect(
            F.apply(both, to: F.message(.inProgress), by: F.executor).refusal?.problemCodes == ["template: conflict"])
        let unknown = TransitionCommand(.draftAnswer, ["template": "NOPE"])
        #expect(
            F.apply(unknown, to: F.message(.inProgress), by: F.executor).refusal?.problemCodes == ["template: unknown"])
    }

    @Test("a draft can be revised, by the executor or the approver")
    func reviseDraft() throws {
        let revised = try #require(
            F.apply(
                TransitionCommand(.draftAnswer, ["text": "Новый ответ"]), to: F.message(.answerDrafted), by: F.approver
            )
            .outcome)
        #expect(revised.message.answerDraft == "Новый ответ")
        #expect(revised.message.status == .answerDrafted)
    }

    @Test("fields an action does not use are ignored")
    func extraFieldsIgnored() throws {
        let command = TransitionCommand(.accept, ["unit": 5, "comment": .other])
        let outcome = try #require(F.apply(command, to: F.message(.assigned), by: F.executor).outcome)
        #expect(outcome.message.status == .inProgress)
        #expect(outcome.event.type == "message.in_progress")
    }
}

extension TransitionRefusal {
    var isInvalidFields: Bool {
        if case .invalidFields = self { return true }
        return false
    }

    /// `field: code` of each problem; empty for other refusals.
    var problemCodes: [String] {
        if case .invalidFields(let problems) = self { return problems.map(\.description) }
        return []
    }
}
