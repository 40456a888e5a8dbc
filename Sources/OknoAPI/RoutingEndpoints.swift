import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `/api/v1/routing/*`: the rules that send messages to units, and why a message goes where it goes.
enum RoutingEndpoints {
    static func register(on router: inout Router, services: Services) {
        router.get("/api/v1/routing/rules", .blocking { list($0, services) })
        router.post("/api/v1/routing/rules", .blocking { create($0, services) })
        router.delete("/api/v1/routing/rules/{id}", .blocking { delete($0, services) })
        router.get("/api/v1/routing/explain", .blocking { explain($0, services) })
    }

    private static func list(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.require(request, services: services, roles: [.admin, .registrar])
        {
            return refusal.response
        }
        let ruleSet = services.routing.engine.ruleSet
        return .json(
            200,
            [
                "items": .array(ruleSet.rules.map(json)), "next_cursor": .null,
                "version": .number(JSONNumber(ruleSet.version)),
            ])
    }

    private static func create(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let principal: Principal
        let body: JSONObject
        switch Authenticator.requireJSON(request, services: services, roles: [.admin]) {
        case .failure(let refusal): return refusal.response
        case .success(let (found, object)): (principal, body) = (found, object)
        }
        let draft: RuleDraft
        switch RuleJSON.draft(from: body) {
        case .failure(let invalid): return Problem.invalid(invalid.errors)
        case .success(let parsed): draft = parsed
        }
        let directory = services.directory
        let now = services.now()
        do {
            let rule = try services.store.writeSync { connection in
                try RoutingRuleRepository.create(
                    draft, directory: directory, actor: principal.name, at: now, connection)
            }
            try services.reloadRouting()
            return .json(201, json(rule), headers: ["Location": "/api/v1/routing/rules/\(rule.id)"])
        } catch let error as RuleValidationError {
            let errors = error.problems.map { FieldError($0.field, $0.code.rawValue, $0.message) }
            return error.isDuplicateOnly
                ? Problem.response(status: 409, detail: "A rule with the same match exists.", errors: errors)
                : Problem.invalid(errors)
        } catch {
            Log.storeFailure("routing.create", error)
            return Problem.response(status: 500, detail: "The rule could not be stored; retry.")
        }
    }

    private static func delete(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let principal: Principal
        switch Authenticator.require(request, services: services, roles: [.admin]) {
        case .failure(let refusal): return refusal.response
        case .success(let found): principal = found
        }
        let notFound = Problem.response(status: 404, detail: "No routing rule with this id.")
        guard let id = request.parameters["id"].flatMap({ Int64($0) }) else { return notFound }
        let now = services.now()
        do {
            let deleted = try services.store.writeSync { connection in
                try RoutingRuleRepository.delete(id: id, actor: principal.name, at: now, connection)
            }
            guard deleted != nil else { return notFound }
            try services.reloadRouting()
            return HTTPResponse(status: 204)
        } catch {
            Log.storeFailure("routing.delete", error)
            return Problem.response(status: 500, detail: "The rule could not be deleted; retry.")
        }
    }

    private static func explain(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.authenticate(request, services: services) {
            return refusal.response
        }
        var errors: [FieldError] = []
        let topic = request.queryValue("topic") ?? ""
        let region = request.queryValue("region") ?? ""
        if topic.isEmpty {
            errors.append(FieldError("topic", "required", "topic is required."))
        } else if services.directory.topic(topic) == nil {
            errors.append(FieldError("topic", "unknown", "Unknown topic code."))
        }
        if region.isEmpty {
            errors.append(FieldError("region", "required", "region is required."))
        } else if services.directory.region(region) == nil {
            errors.append(FieldError("region", "unknown", "Unknown region code."))
        }
        var channel = Channel.portal
        if let raw = request.queryValue("channel"), !raw.isEmpty {
            if let parsed = Channel(rawValue: raw) {
                channel = parsed
            } else {
                errors.append(FieldError("channel", "invalid", "Unknown channel."))
            }
        }
        guard errors.isEmpty else { return Problem.invalid(errors) }
        let explanation = services.routing.engine.explain(topic: topic, region: region, channel: channel)
        let assignment = RoutingAssignment(decision: explanation.decision)
        return .json(
            200,
            [
                "target": target(explanation.target),
                "rule": explanation.rule.map(json) ?? .null,
                "reason": .string(explanation.reason),
                "beaten": .array(
                    explanation.beaten.map {
                        ["rule": json($0.rule), "cause": .string($0.cause.rawValue), "reason": .string($0.reason)]
                    }),
                "status": .string(assignment.status.rawValue),
                "unit": assignment.status == .assigned ? .string(assignment.unit) : .null,
                "suggested_agency": assignment.suggestedAgency.map(JSONValue.string) ?? .null,
                "rule_set_version": .number(JSONNumber(explanation.decision.ruleSetVersion)),
            ])
    }

    static func json(_ rule: RoutingRule) -> JSONValue {
        var match: [JSONObject.Member] = []
        if let topic = rule.match.topic { match.append(("topic", .string(topic))) }
        if let region = rule.match.region { match.append(("region", .string(region))) }
        if let channel = rule.match.channel { match.append(("channel", .string(channel.rawValue))) }
        return [
            "id": .number(JSONNumber(rule.id)),
            "priority": .number(JSONNumber(rule.priority)),
            "match": .object(JSONObject(match)),
            "target": target(rule.target),
            "created_at": .string(Timestamp.format(rule.createdAt)),
        ]
    }

    static func target(_ target: RouteTarget?) -> JSONValue {
        switch target {
        case .unit(let code): ["unit": .string(code)]
        case .agency(let code): ["agency": .string(code)]
        case nil: .null
        }
    }
}

/// Rules as JSON: `{"id", "priority", "match": {"topic"?, "region"?, "channel"?}, "target": {"unit"} | {"agency"}}`.
public enum RuleJSON {
    public static func encode(_ rule: RoutingRule) -> JSONValue { RoutingEndpoints.json(rule) }

    /// A draft from a JSON rule, or every bad field.
    public static func draft(_ value: JSONValue) -> Result<RuleDraft, ValidationErrors> {
        guard let object = value.objectValue else {
            return .failure(ValidationErrors(errors: [FieldError("rule", "invalid_type", "A rule is an object.")]))
        }
        return draft(from: object)
    }

    static func draft(from body: JSONObject) -> Result<RuleDraft, ValidationErrors> {
        var reader = FieldReader(body)
        var priority = 0
        if let value = body["priority"], !value.isNull {
            if let number = value.int64Value, abs(number) <= 1_000_000 {
                priority = Int(number)
            } else {
                reader.fail("priority", "invalid", "priority is an integer within ±1,000,000.")
            }
        }
        var draft = RuleDraft(priority: priority)
        if let match = reader.optionalObject("match") {
            var nested = FieldReader(match, prefix: "match.")
            draft.topic = nested.optionalString("topic")
            draft.region = nested.optionalString("region")
            draft.channel = nested.optionalString("channel")
            reader.errors += nested.errors
        }
        if let target = reader.requiredObject("target") {
            var nested = FieldReader(target, prefix: "target.")
            draft.unit = nested.optionalString("unit")
            draft.agency = nested.optionalString("agency")
            reader.errors += nested.errors
        }
        return reader.errors.isEmpty ? .success(draft) : .failure(ValidationErrors(errors: reader.errors))
    }
}
