import Dispatch
import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `POST /api/v1/messages`: validates, routes, fixes the deadlines and registers a message,
/// answering only once the message is durable.
enum IntakeEndpoint {
    static let maxIdempotencyKeyLength = 255

    static func register(on router: inout Router, services: Services) {
        router.post(
            "/api/v1/messages",
            PublicGate.wrap(
                .deferred { request, responder in submit(request, services, responder) }, services: services))
    }

    private static func submit(_ request: HTTPRequest, _ services: Services, _ responder: Responder) {
        // No readiness check: once shutdown starts no new request gets in, and a request in
        // flight is finished (the store closes only after the server has stopped).
        let body: JSONObject
        switch JSONBody.object(of: request, maxDepth: services.configuration.maxJSONDepth) {
        case .failure(let refusal):
            responder.respond(refusal.response)
            return
        case .success(let object):
            body = object
        }
        let idempotencyKey = request.headers["idempotency-key"]
        if let key = idempotencyKey, key.isEmpty || key.utf8.count > maxIdempotencyKeyLength {
            responder.respond(
                Problem.response(
                    status: 400, detail: "Idempotency-Key must be 1 to \(maxIdempotencyKeyLength) bytes."))
            return
        }
        guard request.headers.contains("authorization") else {
            register(body, principal: nil, idempotencyKey: idempotencyKey, services, responder)
            return
        }
        // Token lookup reads the database: off the event loop.
        DispatchQueue.global().async {
            switch Authenticator.authenticate(request, services: services) {
            case .failure(let refusal):
                responder.respond(refusal.response)
            case .success(let principal):
                register(body, principal: principal, idempotencyKey: idempotencyKey, services, responder)
            }
        }
    }

    private static func register(
        _ body: JSONObject, principal: Principal?, idempotencyKey: String?, _ services: Services, _ responder: Responder
    ) {
        let now = services.now()
        let mayBackdate = principal.map { $0.role == .integration || $0.role == .registrar } ?? false
        let submission: Submission
        switch Submission.validate(body, directory: services.directory, mayBackdate: mayBackdate, now: now) {
        case .failure(let invalid):
            responder.respond(Problem.invalid(invalid.errors))
            return
        case .success(let valid):
            submission = valid
        }
        let accessToken = Secret.generate()
        let newMessage = Intake.newMessage(
            from: submission, at: now, directory: services.directory, routing: services.routing.engine,
            calendar: services.configuration.workingCalendar, atRiskDays: services.configuration.atRiskDays,
            accessTokenHash: Secret.hash(accessToken), idempotencyKey: idempotencyKey,
            // Only a keyed request can be replayed: the others need no hash.
            requestHash: idempotencyKey.map { _ in SHA256.hex(SHA256.hash(canonical(.object(body)).serialized())) },
            actor: principal?.name)
        let events = RegistrationEvents(newMessage)
        services.store.writer.submit({ connection in
            try MessageRepository.register(newMessage, events: events, connection)
        }) { result in
            switch result {
            case .success(.created(let message)):
                responder.respond(response(201, message, accessToken: accessToken))
            case .success(.replayed(let message)):
                responder.respond(response(200, message, accessToken: accessToken))
            case .success(.idempotencyMismatch):
                responder.respond(
                    Problem.invalid([
                        FieldError(
                            "Idempotency-Key", "reused",
                            "This Idempotency-Key was used with a different body.")
                    ]))
            case .failure(let error):
                Log.storeFailure("message.register", error)
                responder.respond(Problem.response(status: 500, detail: "The message could not be stored; retry."))
            }
        }
    }

    /// The body with object keys sorted, so a retry that re-serializes it differently is the same body.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, canonical($0.value)) }))
        case .array(let items):
            .array(items.map(canonical))
        default:
            value
        }
    }

    private static func response(_ status: Int, _ message: RegisteredMessage, accessToken: String) -> HTTPResponse {
        let body: JSONValue = [
            "number": .string(message.number),
            "status": .string(message.status.rawValue),
            "topic": .string(message.topic),
            "region": .string(message.region),
            "unit": message.unit.map(JSONValue.string) ?? .null,
            "suggested_agency": message.suggestedAgency.map(JSONValue.string) ?? .null,
            "expedited": .bool(message.expedited),
            "registered_at": .string(Timestamp.format(message.registeredAt)),
            "answer_due_at": .string(Timestamp.format(message.answerDueAt)),
            "answer_due_date": .string(message.answerDueDate.description),
            "forward_due_at": message.forwardDueAt.map { .string(Timestamp.format($0)) } ?? .null,
            "forward_due_date": message.forwardDueDate.map { .string($0.description) } ?? .null,
            "access_token": .string(accessToken),
        ]
        return .json(status, body, headers: ["Location": "/api/v1/messages/\(message.number)"])
    }
}
