import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `GET /api/v1/messages/{number}/public`: what the applicant may see with their access token.
enum PublicMessageEndpoint {
    static func register(on router: inout Router, services: Services) {
        router.get(
            "/api/v1/messages/{number}/public",
            PublicGate.wrap(.blocking { request in view(request, services) }, services: services))
    }

    private static func view(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        guard let token = request.headers["x-access-token"], !token.isEmpty else {
            return Problem.response(status: 401, detail: "The X-Access-Token header is required.")
        }
        let number = request.parameters["number"] ?? ""
        let notFound = Problem.response(status: 404, detail: "No message with this number and access token.")
        return Problem.guarded("message.public_view", detail: "The message could not be read; retry.") {
            let found = try services.store.readers.read { connection in
                try MessageRepository.publicView(number: number, accessTokenHash: Secret.hash(token), connection)
            }
            guard let message = found else { return notFound }
            let answer: JSONValue =
                message.answer.map { ["text": .string($0.text), "sent_at": .string(Timestamp.format($0.sentAt))] }
                ?? .null
            return .json(
                200,
                [
                    "number": .string(message.number),
                    "status": .string(message.status.rawValue),
                    "timeline": .array(
                        message.timeline.map {
                            ["status": .string($0.status.rawValue), "at": .string(Timestamp.format($0.at))]
                        }),
                    "answer": answer,
                ])
        }
    }
}
