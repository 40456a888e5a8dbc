import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `GET /api/v1/events?after=&limit=`: the ordered, gap-free change feed for the EDMS.
///
/// Events are read by `seq`, the rowid the single writer gives out in commit order, from a reader
/// that sees only committed transactions; so a client that polls with `after` = the last
/// `next_after` it got sees every event once, in order, and never skips one.
enum EventsEndpoint {
    /// Events per page when `limit` is not given. Default: 50.
    static let defaultLimit = 50
    /// Larger `limit`s are clamped to this. Default: 500.
    static let maxLimit = 500

    static func register(on router: inout Router, services: Services) {
        router.get("/api/v1/events", .blocking { list($0, services) })
    }

    private static func list(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.require(
            request, services: services, roles: [.integration, .registrar])
        {
            return refusal.response
        }
        var errors: [FieldError] = []
        var after: Int64 = 0
        if let raw = request.queryValue("after") {
            if let value = Int64(raw), value >= 0 {
                after = value
            } else {
                errors.append(FieldError("after", "invalid", "after must be a whole number ≥ 0: the last seq seen."))
            }
        }
        var limit = defaultLimit
        if let raw = request.queryValue("limit") {
            if let value = Int(raw), value >= 1 {
                limit = min(value, maxLimit)
            } else {
                errors.append(
                    FieldError("limit", "invalid", "limit must be a whole number ≥ 1 (at most \(maxLimit) are sent)."))
            }
        }
        guard errors.isEmpty else { return Problem.invalid(errors) }
        return Problem.guarded("events.list", detail: "The events could not be read; retry.") {
            let events = try services.store.read { try EventRepository.list(after: after, limit: limit, $0) }
            return .json(
                200,
                [
                    "items": .array(events.map(json)),
                    "next_after": .number(JSONNumber(events.last?.seq ?? after)),
                ])
        }
    }

    static func json(_ event: StoredEvent) -> JSONValue {
        // The store writes `data` itself as a JSON object (and a CHECK keeps it one).
        let data = (try? JSONParser.parse(Array(event.data.utf8))) ?? .object(JSONObject([]))
        return [
            "seq": .number(JSONNumber(event.seq)),
            "type": .string(event.type),
            "number": event.number.map(JSONValue.string) ?? .null,
            "at": .string(Timestamp.format(event.at)),
            "data": data,
        ]
    }
}
