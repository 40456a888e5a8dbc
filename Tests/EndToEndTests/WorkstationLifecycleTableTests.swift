import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// The transitions endpoint against `Lifecycle.table`: for messages in each state the API reaches,
/// every action by every role answers what `Lifecycle.apply` decides on the same snapshot.
@Suite struct WorkstationLifecycleTableTests {
    /// States a message reaches through the API alone, from an `assigned` intake (`closed` by the
    /// applicant's rating), and `registered`, which only a missing directory entry produces (set by SQL).
    static let states: [MessageStatus] = [
        .registered, .assigned, .inProgress, .answerDrafted, .onApproval, .answered, .closed,
    ]

    /// A new message of GU-77 in `state`.
    static func message(in state: MessageStatus, _ server: TestServer, _ officers: Officers) throws -> String {
        let (number, access) = try server.register()
        switch state {
        case .registered:
            try server.sql("UPDATE messages SET status = 'registered', unit = NULL WHERE number = ?", [.text(number)])
        case .closed:
            try server.drive(number, to: .answered, officers)
            let rating = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                body: (["score": 4] as JSONValue).serialized())
            guard rating.status == 201 else { throw ClientError("rating answered \(rating)") }
        default:
            try server.drive(number, to: state, officers)
        }
        return number
    }

    /// Valid fields for every action, so that the table's outcome is what gets checked.
    static func fields(_ action: LifecycleAction) -> [(String, JSONValue)] {
        switch action {
        case .route: [("unit", "GU-50")]
        case .reassign: [("unit", "GU-50"), ("reason", "Проблема на территории Московской области.")]
        case .forward: [("agency", "LOCAL_GOV"), ("reason", "Вопрос органа местного самоуправления.")]
        case .draftAnswer: [("text", "Проверка проведена, нарушение устранено.")]
        case .reject: [("comment", "Дополните ответ.")]
        case .extend: [("days", 5), ("reason", "Нужен выезд на место.")]
        case .closeNoAnswer: [("reason", "duplicate")]
        case .reopen: [("reason", "Заявитель не согласен с ответом.")]
        case .accept, .submit, .approve, .close: []
        }
    }

    static func command(_ action: LifecycleAction) -> TransitionCommand {
        var fields: [String: FieldValue] = [:]
        for (name, value) in Self.fields(action) {
            switch value {
            case .string(let text): fields[name] = .string(text)
            case .number(let number): fields[name] = .integer(Int(number.int64 ?? 0))
            default: fields[name] = .other
            }
        }
        return TransitionCommand(action, fields)
    }

    /// The status code the contract gives a lifecycle decision.
    static func status(of decision: Result<TransitionOutcome, TransitionRefusal>) -> Int {
        switch decision {
        case .success: 200
        case .failure(.notVisible): 404
        case .failure(.forbiddenRole): 403
        case .failure(.notAllowedInState), .failure(.preconditionFailed): 409
        case .failure(.invalidFields): 422
        }
    }

    /// `close` is the system's: the API does not accept it as an action at all.
    static let actions = LifecycleAction.allCases.filter { $0 != .close }

    @Test(arguments: states)
    func everyActionByEveryRoleAnswersWhatTheTableDecides(_ state: MessageStatus) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let directory = server.server.services.directory
            var current: String?
            /// A message of GU-77 in `state`; a new one once a transition moved the last one on.
            func message() throws -> String {
                if let current { return current }
                let number = try Self.message(in: state, server, officers)
                current = number
                return number
            }
            var checked = 0
            var successes = 0
            for action in Self.actions {
                for role in OfficerRole.allCases {
                    let number = try message()
                    let record = try #require(try server.message(number))
                    #expect(record.status == state)
                    let snapshot = record.snapshot(timeZone: try #require(directory.timeZone(ofRegion: record.region)))
                    let decision = Lifecycle.apply(
                        Self.command(action), to: snapshot, by: LifecycleActor(role: role, unit: "GU-77"), at: Date(),
                        context: TransitionContext(directory: directory))
                    let expected = Self.status(of: decision)

                    let reply = try server.transition(
                        number, token: officers[role], etag: try server.etag(number, token: officers.registrar),
                        action.rawValue, Self.fields(action))
                    #expect(
                        reply.status == expected,
                        "\(state.rawValue) × \(action.rawValue) × \(role.rawValue): \(reply)")
                    switch decision {
                    case .success(let outcome):
                        #expect(reply.json["status"] == .string(outcome.message.status.rawValue))
                        #expect(reply.header("ETag") != nil)
                        current = nil
                        successes += 1
                    case .failure(.notAllowedInState(let allowed)):
                        #expect(reply.json["allowed_actions"] == .array(allowed.map { .string($0.rawValue) }))
                    case .failure(.preconditionFailed):
                        let allowed = Lifecycle.allowedActions(
                            for: snapshot, principal: LifecycleActor(role: role, unit: "GU-77"))
                        #expect(reply.json["allowed_actions"] == .array(allowed.map { .string($0.rawValue) }))
                    case .failure(.invalidFields(let problems)):
                        #expect(reply.errorFields == problems.map(\.field))
                    case .failure:
                        break
                    }
                    if case .failure = decision {
                        // A refusal changes nothing.
                        #expect(try server.message(number)?.version == record.version)
                    }
                    checked += 1
                }
            }
            #expect(checked == Self.actions.count * OfficerRole.allCases.count)
            // Every state the API reaches allows something to someone.
            #expect(successes > 0)
        }
    }

    @Test func aFailedPreconditionIsAConflictListingTheAllowedActions() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            try server.drive(number, to: .inProgress, officers)
            let extended = try server.act(
                number, token: officers.approver, "extend", [("days", 30), ("reason", "Экспертиза.")])
            #expect(extended.status == 200, "\(extended)")
            #expect(extended.json["extended"] == true)
            let event = try #require(
                try server.events(number, token: officers.registrar, type: "message.extended").first)
            let previous = try #require(
                event["data"]?["previous_answer_due_date"]?.stringValue.flatMap { LocalDate($0) })
            #expect(extended.json["answer_due_date"] == .string(previous.adding(days: 30).description))
            let version = try #require(try server.message(number)?.version)

            let again = try server.act(number, token: officers.approver, "extend", [("days", 1), ("reason", "Ещё.")])
            #expect(again.status == 409, "\(again)")
            #expect(again.json["allowed_actions"] == ["draft_answer", "reassign", "forward", "close_no_answer"])
            let sameUnit = try server.act(
                number, token: officers.registrar, "reassign", [("unit", "GU-77"), ("reason", "x")])
            #expect(sameUnit.status == 409, "\(sameUnit)")
            #expect(sameUnit.json["allowed_actions"] == ["reassign", "forward", "close_no_answer"])
            #expect(try server.message(number)?.version == version)
        }
    }

    @Test func closeIsNotAnActionOfficersMaySend() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            try server.drive(number, to: .answered, officers)
            for role in OfficerRole.allCases {
                let reply = try server.act(number, token: officers[role], reader: officers.registrar, "close")
                if role == .admin {
                    // Admins manage the directory, rules and tokens; messages are not theirs to read or act on.
                    #expect(reply.status == 403, "\(reply)")
                } else {
                    #expect(reply.status == 422, "\(role.rawValue): \(reply)")
                    #expect(reply.errorCodes == ["action:unknown"])
                }
            }
            #expect(try server.message(number)?.status == .answered)
        }
    }

    @Test func missingAndInvalidFieldsAreListedAtOnce() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            var reply = try server.act(number, token: officers.approver, "extend", [("days", 31)])
            #expect(reply.status == 422, "\(reply)")
            #expect(Set(reply.errorCodes) == ["days:out_of_range", "reason:required"])
            reply = try server.act(number, token: officers.approver, "reassign", [("unit", "GU-00"), ("reason", "  ")])
            #expect(reply.status == 422, "\(reply)")
            #expect(Set(reply.errorFields) == ["unit", "reason"])
            reply = try server.act(number, token: officers.approver, "close_no_answer", [("reason", "boring")])
            #expect(reply.status == 422, "\(reply)")
            #expect(reply.errorCodes == ["reason:invalid"])
            reply = try server.act(number, token: officers.registrar, "forward", [("agency", "NASA")])
            #expect(Set(reply.errorFields) == ["agency", "reason"])
            reply = try server.act(number, token: officers.registrar, "dance")
            #expect(reply.errorCodes == ["action:unknown"])
            #expect(try server.message(number)?.version == 1)
        }
    }
}
