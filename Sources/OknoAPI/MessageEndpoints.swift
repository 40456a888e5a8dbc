import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `GET /api/v1/messages/{number}` and `POST /api/v1/messages/{number}/transitions`.
enum MessageEndpoints {
    /// Roles that work with messages and so may read applicants' personal data; `admin` manages the
    /// directory, rules and tokens and has no need to.
    static let officerRoles: Set<OfficerRole> = [.registrar, .executor, .approver, .analyst, .integration]

    static func register(on router: inout Router, services: Services) {
        router.get("/api/v1/messages/{number}", .blocking { show($0, services) })
        router.post("/api/v1/messages/{number}/transitions", .blocking { transition($0, services) })
    }

    private static let notFound = Problem.response(status: 404, detail: "No message with this number.")

    private static func show(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let principal: Principal
        switch Authenticator.require(request, services: services, roles: officerRoles) {
        case .failure(let refusal): return refusal.response
        case .success(let found): principal = found
        }
        return Problem.guarded("message.show", detail: "The message could not be read; retry.") {
            try render(number: request.parameters["number"] ?? "", for: principal, status: 200, services) ?? notFound
        }
    }

    /// The officer view with its ETag, recording the read of the applicant's personal data;
    /// nil when the message does not exist or is not visible to `principal`.
    ///
    /// - Parameter actedOn: the principal has just changed the message, which may have taken it out
    ///   of their sight (an approver reassigning it to another unit): they still get the result of
    ///   their own transition, with no `allowed_actions`.
    private static func render(
        number: String, for principal: Principal, status: Int, actedOn: Bool = false, _ services: Services
    ) throws -> HTTPResponse? {
        let now = services.now()
        let loaded = try services.store.read {
            connection -> (MessageRecord, [StoredEvent], RatingRepository.Rating?)? in
            guard let record = try MessageRepository.find(number: number, connection) else { return nil }
            return (
                record, try EventRepository.list(messageID: record.id, connection),
                try RatingRepository.find(messageID: record.id, connection)
            )
        }
        guard let (record, events, rating) = loaded, let timeZone = services.directory.timeZone(ofRegion: record.region)
        else { return nil }
        let actor = principal.lifecycleActor
        guard actedOn || Lifecycle.canSee(messageUnit: record.unit, principal: actor) else { return nil }
        let snapshot = record.snapshot(timeZone: timeZone)
        // Audited without delaying the answer: written with the other reads of the next moments.
        services.personalDataReads.record(
            messageID: record.id, actor: principal.name, role: principal.role.rawValue, at: now)
        let body = MessageView.json(
            record, events: events, rating: rating,
            allowedActions: Lifecycle.allowedActions(for: snapshot, principal: actor),
            risk: MessageView.risk(of: snapshot, at: now, atRiskDays: services.configuration.atRiskDays))
        return .json(status, body, headers: ["ETag": MessageView.etag(record.version)])
    }

    private enum TransitionResult: Sendable {
        case done
        case notFound
        case preconditionRequired
        case stale(currentETag: String)
        /// With what the officer may do instead, for a 409.
        case refused(TransitionRefusal, allowed: [LifecycleAction])
    }

    private static func transition(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let principal: Principal
        let body: JSONObject
        switch Authenticator.requireJSON(request, services: services, roles: officerRoles) {
        case .failure(let refusal): return refusal.response
        case .success(let (found, object)): (principal, body) = (found, object)
        }
        let command: TransitionCommand
        switch TransitionInput.command(from: body) {
        case .failure(let invalid): return Problem.invalid(invalid.errors)
        case .success(let parsed): command = parsed
        }
        let number = request.parameters["number"] ?? ""
        let ifMatch = request.headers["if-match"]
        let now = services.now()
        let directory = services.directory
        let calendar = services.configuration.workingCalendar
        let result: TransitionResult
        do {
            // Read, check and write in one transaction of the single writer: of concurrent
            // conflicting transitions exactly one wins, the others see a stale version.
            result = try services.store.writeSync { connection -> TransitionResult in
                guard let record = try MessageRepository.find(number: number, connection),
                    let timeZone = directory.timeZone(ofRegion: record.region)
                else { return .notFound }
                let actor = principal.lifecycleActor
                guard Lifecycle.canSee(messageUnit: record.unit, principal: actor) else { return .notFound }
                guard let ifMatch else { return .preconditionRequired }
                let current = MessageView.etag(record.version)
                guard ifMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: " \t") == current })
                else {
                    return .stale(currentETag: current)
                }
                var template: AnswerTemplate?
                if case .string(let code) = command.fields["template"] {
                    template = try TemplateRepository.find(code: code, connection)
                }
                let context = TransitionContext(
                    directory: directory, calendar: calendar,
                    template: { [template] code in template?.code == code ? template : nil })
                let snapshot = record.snapshot(timeZone: timeZone)
                switch Lifecycle.apply(command, to: snapshot, by: actor, at: now, context: context) {
                case .failure(let refusal):
                    return .refused(refusal, allowed: Lifecycle.allowedActions(for: snapshot, principal: actor))
                case .success(let outcome):
                    guard
                        try TransitionRepository.store(
                            outcome, messageID: record.id, expectedVersion: record.version, actor: principal.name,
                            connection) != nil
                    else { return .stale(currentETag: current) }
                    return .done
                }
            }
        } catch {
            Log.storeFailure("message.transition", error)
            return Problem.response(status: 500, detail: "The transition could not be stored; retry.")
        }
        switch result {
        case .done:
            return Problem.guarded("message.show", detail: "The transition was stored but could not be read back.") {
                try render(number: number, for: principal, status: 200, actedOn: true, services) ?? notFound
            }
        case .notFound:
            return notFound
        case .preconditionRequired:
            return Problem.response(status: 428, detail: "Send If-Match with the message's ETag.")
        case .stale(let current):
            return Problem.response(
                status: 412, detail: "The message changed since it was read; reload it and retry.",
                headers: ["ETag": current])
        case .refused(let refusal, let allowed):
            return response(for: refusal, allowed: allowed)
        }
    }

    private static func response(for refusal: TransitionRefusal, allowed current: [LifecycleAction]) -> HTTPResponse {
        switch refusal {
        case .notVisible:
            return notFound
        case .forbiddenRole:
            return Problem.response(status: 403, detail: "This role may not perform this action.")
        case .notAllowedInState(let allowed):
            return Problem.response(
                status: 409, detail: "The action is not allowed in the message's current status.",
                extensions: [("allowed_actions", .array(allowed.map { .string($0.rawValue) }))])
        case .invalidFields(let problems):
            return Problem.invalid(problems.map { FieldError($0.field, $0.code.rawValue, $0.message) })
        case .preconditionFailed(let precondition):
            // Like any 409 of a transition: what the officer may do with the message now.
            return Problem.response(
                status: 409, detail: precondition.description,
                extensions: [("allowed_actions", .array(current.map { .string($0.rawValue) }))])
        }
    }
}

extension Principal {
    var lifecycleActor: LifecycleActor { LifecycleActor(role: role, unit: unit) }
}

/// Reads `{"action": "...", ...fields}` into a command.
enum TransitionInput {
    static func command(from body: JSONObject) -> Result<TransitionCommand, ValidationErrors> {
        guard let raw = body["action"]?.stringValue else {
            return .failure(ValidationErrors(errors: [FieldError("action", "required", "action is required.")]))
        }
        guard let action = LifecycleAction(rawValue: raw), action != .close else {
            return .failure(ValidationErrors(errors: [FieldError("action", "unknown", "Unknown action \(raw).")]))
        }
        var fields: [String: FieldValue] = [:]
        for (key, value) in body.members where key != "action" {
            switch value {
            case .string(let text): fields[key] = .string(text)
            case .null: fields[key] = .null
            case .number(let number):
                if let integer = number.int64, let small = Int(exactly: integer) {
                    fields[key] = .integer(small)
                } else {
                    fields[key] = .other
                }
            default: fields[key] = .other
            }
        }
        return .success(TransitionCommand(action, fields))
    }
}
