import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `GET /api/v1/queue`: open messages, most urgent first, with filters and cursor pagination.
enum QueueEndpoint {
    static let defaultLimit = 50
    static let maxLimit = 500

    static func register(on router: inout Router, services: Services) {
        router.get("/api/v1/queue", .blocking { queue($0, services) })
    }

    private static func queue(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let principal: Principal
        switch Authenticator.require(request, services: services, roles: MessageEndpoints.officerRoles) {
        case .failure(let refusal): return refusal.response
        case .success(let found): principal = found
        }
        let now = services.now()
        let parameters: Parameters
        switch Parameters.read(request, directory: services.directory, now: now) {
        case .failure(let invalid): return Problem.invalid(invalid.errors)
        case .success(let parsed): parameters = parsed
        }
        var filter = parameters.filter
        if principal.role.isUnitScoped {
            if let asked = filter.unit, asked != principal.unit {
                return Problem.response(status: 403, detail: "This role sees only its own unit's queue.")
            }
            filter.unit = principal.unit
        }
        let atRiskDays = services.configuration.atRiskDays
        let directory = services.directory
        return Problem.guarded("queue") {
            // The queue index file follows new messages every second; a search catches it up first.
            if filter.text != nil { try services.store.catchUpQueueIndexes() }
            var items: [JSONValue] = []
            var last: QueueRepository.Position?
            var more = false
            try services.store.read { connection in
                try QueueRepository.scan(filter, after: parameters.cursor, connection) { item in
                    guard let timeZone = directory.timeZone(ofRegion: item.region) else { return true }
                    let risk = risk(of: item, at: now, timeZone: timeZone, atRiskDays: atRiskDays)
                    if let wanted = parameters.risk, risk != wanted { return true }
                    if items.count == parameters.limit {
                        more = true
                        return false
                    }
                    items.append(json(item, risk: risk))
                    last = item.position
                    return true
                }
            }
            let next: JSONValue = more ? last.map { .string(Cursor.encode($0)) } ?? .null : .null
            return .json(200, ["items": .array(items), "next_cursor": next])
        }
    }

    /// The worst risk of the item's open deadlines.
    static func risk(of item: QueueRepository.Item, at now: Date, timeZone: TimeZone, atRiskDays: AtRiskDays) -> Risk {
        var open: [Deadline] = item.answerDoneAt == nil ? [item.answerDeadline] : []
        if let forward = item.forwardDeadline, item.forwardDoneAt == nil, item.suggestedAgency != nil {
            open.append(forward)
        }
        return Risk.worst(of: open, at: now, in: timeZone, atRiskDays: atRiskDays) ?? .onTrack
    }

    private static func json(_ item: QueueRepository.Item, risk: Risk) -> JSONValue {
        [
            "number": .string(item.number),
            "status": .string(item.status.rawValue),
            "risk": .string(risk.rawValue),
            "unit": item.unit.map(JSONValue.string) ?? .null,
            "topic": .string(item.topic),
            "region": .string(item.region),
            "registered_at": .string(Timestamp.format(item.registeredAt)),
            "answer_due_at": .string(Timestamp.format(item.answerDeadline.dueAt)),
            "forward_due_at": item.forwardDeadline.map { .string(Timestamp.format($0.dueAt)) } ?? .null,
            "suggested_agency": item.suggestedAgency.map(JSONValue.string) ?? .null,
            "assignee": item.assignee.map(JSONValue.string) ?? .null,
        ]
    }

    /// The query parameters, checked.
    struct Parameters {
        var filter = QueueRepository.Filter()
        var risk: Risk?
        var limit = QueueEndpoint.defaultLimit
        var cursor: QueueRepository.Position?

        static func read(_ request: HTTPRequest, directory: Directory, now: Date) -> Result<
            Parameters, ValidationErrors
        > {
            var parameters = Parameters()
            var errors: [FieldError] = []
            func value(_ name: String) -> String? {
                guard let raw = request.queryValue(name), !raw.isEmpty else { return nil }
                return raw
            }
            if let unit = value("unit") {
                if directory.unit(unit) == nil { errors.append(FieldError("unit", "unknown", "Unknown unit code.")) }
                parameters.filter.unit = unit
            }
            if let raw = value("status") {
                if let status = MessageStatus(rawValue: raw), status.isOpen {
                    parameters.filter.status = status
                } else {
                    errors.append(FieldError("status", "invalid", "status is one of the open statuses."))
                }
            }
            if let raw = value("risk") {
                switch Risk(rawValue: raw) {
                case .overdue?:
                    parameters.risk = .overdue
                    parameters.filter.dueBefore = now
                case .atRisk?:
                    parameters.risk = .atRisk
                    parameters.filter.dueAfter = now
                    // No term warns more than 31 days ahead; the exact check is Risk.of per row.
                    parameters.filter.dueBefore = now.addingTimeInterval(32 * 86_400)
                case .onTrack?:
                    parameters.risk = .onTrack
                    parameters.filter.dueAfter = now
                default:
                    errors.append(FieldError("risk", "invalid", "risk is on_track, at_risk or overdue."))
                }
            }
            if let topic = value("topic") {
                if directory.topic(topic) == nil {
                    errors.append(FieldError("topic", "unknown", "Unknown topic code."))
                }
                parameters.filter.topic = topic
            }
            if let region = value("region") {
                if directory.region(region) == nil {
                    errors.append(FieldError("region", "unknown", "Unknown region code."))
                }
                parameters.filter.region = region
            }
            if let text = value("q") {
                if text.count > 200 { errors.append(FieldError("q", "too_long", "q is at most 200 characters.")) }
                parameters.filter.text = text
            }
            if let raw = value("limit") {
                if let limit = Int(raw), limit >= 1 {
                    parameters.limit = min(limit, QueueEndpoint.maxLimit)
                } else if Int(raw) == nil, raw.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
                    // Too large for Int: clamped like any other large value.
                    parameters.limit = QueueEndpoint.maxLimit
                } else {
                    errors.append(FieldError("limit", "invalid", "limit is a positive integer."))
                }
            }
            if let raw = value("cursor") {
                if let position = Cursor.decode(raw) {
                    parameters.cursor = position
                } else {
                    errors.append(FieldError("cursor", "invalid", "cursor is not one this server issued."))
                }
            }
            return errors.isEmpty ? .success(parameters) : .failure(ValidationErrors(errors: errors))
        }
    }

    /// Opaque page positions: the deadline and id of the last row, in base 36.
    enum Cursor {
        static func encode(_ position: QueueRepository.Position) -> String {
            String(position.dueAt, radix: 36) + "." + String(position.id, radix: 36)
        }

        static func decode(_ text: String) -> QueueRepository.Position? {
            let parts = text.split(separator: ".")
            guard parts.count == 2, let dueAt = Int64(parts[0], radix: 36), let id = Int64(parts[1], radix: 36) else {
                return nil
            }
            return QueueRepository.Position(dueAt: dueAt, id: id)
        }
    }
}
