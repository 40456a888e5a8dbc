import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `POST /api/v1/messages/{number}/rating`: the applicant rates the answer once; the message closes.
enum RatingEndpoint {
    static let maxCommentLength = 2_000

    static func register(on router: inout Router, services: Services) {
        router.post(
            "/api/v1/messages/{number}/rating", PublicGate.wrap(.blocking { rate($0, services) }, services: services))
    }

    private enum Outcome: Sendable {
        case rated(RatingRepository.Rating)
        case notFound
        case notAnswered
        case alreadyRated
        case windowPassed
    }

    private static func rate(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        guard let token = request.headers["x-access-token"], !token.isEmpty else {
            return Problem.response(status: 401, detail: "The X-Access-Token header is required.")
        }
        let body: JSONObject
        switch JSONBody.object(of: request, maxDepth: services.configuration.maxJSONDepth) {
        case .failure(let refusal): return refusal.response
        case .success(let object): body = object
        }
        var reader = FieldReader(body)
        var score: Int?
        if let value = body["score"], !value.isNull {
            if let number = value.int64Value, (1...5).contains(number) {
                score = Int(number)
            } else {
                reader.fail("score", "invalid", "score is an integer from 1 to 5.")
            }
        } else {
            reader.fail("score", "required", "score is required.")
        }
        let comment = reader.optionalString("comment", maxLength: maxCommentLength)
        guard reader.errors.isEmpty, let score else { return Problem.invalid(reader.errors) }

        let number = request.parameters["number"] ?? ""
        let tokenHash = Secret.hash(token)
        let now = services.now()
        let directory = services.directory
        let windowDays = services.configuration.ratingWindowDays
        return Problem.guarded("message.rate") {
            let outcome = try services.store.writeSync { connection -> Outcome in
                guard let id = try RatingRepository.messageID(number: number, accessTokenHash: tokenHash, connection),
                    let record = try MessageRepository.find(id: id, connection),
                    let timeZone = directory.timeZone(ofRegion: record.region)
                else { return .notFound }
                if try RatingRepository.find(messageID: id, connection) != nil { return .alreadyRated }
                guard record.status == .answered else { return .notAnswered }
                if let sentAt = record.answerSentAt, now.timeIntervalSince(sentAt) > Double(windowDays) * 86_400 {
                    return .windowPassed
                }
                let rating = try RatingRepository.insert(
                    messageID: id, number: number, score: score, comment: comment, at: now, connection)
                let closing = Lifecycle.apply(
                    TransitionCommand(.close), to: record.snapshot(timeZone: timeZone), by: .system, at: now,
                    context: TransitionContext(directory: directory))
                if case .success(let outcome) = closing {
                    _ = try TransitionRepository.store(
                        outcome, messageID: id, expectedVersion: record.version, actor: "applicant", connection)
                }
                return .rated(rating)
            }
            switch outcome {
            case .rated(let rating):
                return .json(
                    201,
                    [
                        "number": .string(number), "score": .number(JSONNumber(rating.score)),
                        "comment": rating.comment.map(JSONValue.string) ?? .null,
                        "rated_at": .string(Timestamp.format(rating.ratedAt)), "flagged": .bool(rating.flagged),
                    ], headers: ["Location": "/api/v1/messages/\(number)/public"])
            case .notFound:
                return Problem.response(status: 404, detail: "No message with this number and access token.")
            case .notAnswered:
                return Problem.response(status: 409, detail: "The message can be rated only after its answer was sent.")
            case .alreadyRated:
                return Problem.response(status: 409, detail: "The message was already rated.")
            case .windowPassed:
                return Problem.response(status: 409, detail: "The time to rate this answer has passed.")
            }
        }
    }
}
