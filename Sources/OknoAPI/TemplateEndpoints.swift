import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `/api/v1/templates`: answer templates with the contract's placeholders.
enum TemplateEndpoints {
    static let editors: Set<OfficerRole> = [.registrar, .approver, .admin]
    static let maxTitleLength = 200
    static let maxBodyLength = 20_000

    static func register(on router: inout Router, services: Services) {
        router.get("/api/v1/templates", .blocking { list($0, services) })
        router.post("/api/v1/templates", .blocking { save($0, code: nil, services) })
        router.get("/api/v1/templates/{code}", .blocking { show($0, services) })
        router.put("/api/v1/templates/{code}", .blocking { save($0, code: $0.parameters["code"], services) })
        router.delete("/api/v1/templates/{code}", .blocking { delete($0, services) })
    }

    private static let notFound = Problem.response(status: 404, detail: "No template with this code.")

    private static func list(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.authenticate(request, services: services) {
            return refusal.response
        }
        return Problem.guarded("template.list") {
            let templates = try services.store.read { try TemplateRepository.list($0) }
            return .json(200, ["items": .array(templates.map(json)), "next_cursor": .null])
        }
    }

    private static func show(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.authenticate(request, services: services) {
            return refusal.response
        }
        let code = request.parameters["code"] ?? ""
        return Problem.guarded("template.show") {
            guard let template = try services.store.read({ try TemplateRepository.find(code: code, $0) }) else {
                return notFound
            }
            return .json(200, json(template))
        }
    }

    /// POST creates (409 when the code exists); PUT creates or replaces the template at its path.
    private static func save(_ request: HTTPRequest, code pathCode: String?, _ services: Services) -> HTTPResponse {
        let principal: Principal
        let body: JSONObject
        switch Authenticator.requireJSON(request, services: services, roles: editors) {
        case .failure(let refusal): return refusal.response
        case .success(let (found, object)): (principal, body) = (found, object)
        }
        let template: AnswerTemplate
        switch validate(body, pathCode: pathCode, directory: services.directory) {
        case .failure(let invalid): return Problem.invalid(invalid.errors)
        case .success(let valid): template = valid
        }
        let now = services.now()
        let creating = pathCode == nil
        return Problem.guarded("template.save") {
            let created = try services.store.writeSync { connection -> Bool? in
                if creating, try TemplateRepository.find(code: template.code, connection) != nil { return nil }
                return try TemplateRepository.save(template, by: principal.name, at: now, connection)
            }
            guard let created else {
                return Problem.response(status: 409, detail: "A template with this code exists; PUT replaces it.")
            }
            return .json(
                created ? 201 : 200, json(template),
                headers: created ? ["Location": "/api/v1/templates/\(template.code)"] : [:])
        }
    }

    private static func delete(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.require(request, services: services, roles: editors) {
            return refusal.response
        }
        let code = request.parameters["code"] ?? ""
        return Problem.guarded("template.delete") {
            try services.store.writeSync { try TemplateRepository.delete(code: code, $0) }
                ? HTTPResponse(status: 204) : notFound
        }
    }

    static func validate(_ body: JSONObject, pathCode: String?, directory: Directory) -> Result<
        AnswerTemplate, ValidationErrors
    > {
        var reader = FieldReader(body)
        var code = pathCode
        if let pathCode {
            if let given = reader.optionalString("code"), given != pathCode {
                reader.fail("code", "invalid", "code differs from the path.")
            }
            code = pathCode
        } else {
            code = reader.requiredString("code")
        }
        if let code, code.isEmpty || code.count > 64 || !code.unicodeScalars.allSatisfy(isCodeCharacter) {
            reader.fail("code", "invalid", "code is 1 to 64 letters, digits, '_' or '-'.")
        }
        let title = reader.requiredString("title")
        if let title, title.count > maxTitleLength {
            reader.fail("title", "too_long", "title is at most \(maxTitleLength) characters.")
        }
        let topic = reader.optionalString("topic")
        if let topic, directory.topic(topic) == nil { reader.fail("topic", "unknown", "Unknown topic code.") }
        let templateBody = reader.requiredString("body")
        if let templateBody {
            if templateBody.count > maxBodyLength {
                reader.fail("body", "too_long", "body is at most \(maxBodyLength) characters.")
            }
            let unknown = AnswerTemplate.validate(templateBody)
            if !unknown.isEmpty {
                reader.fail(
                    "body", "unknown_placeholder",
                    "Unknown placeholders: \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")); known: "
                        + AnswerTemplate.Placeholder.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", "))
            }
        }
        guard reader.errors.isEmpty, let code, let title, let templateBody else {
            return .failure(ValidationErrors(errors: reader.errors))
        }
        return .success(AnswerTemplate(code: code, title: title, topic: topic, body: templateBody))
    }

    private static func isCodeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }

    static func json(_ template: AnswerTemplate) -> JSONValue {
        [
            "code": .string(template.code), "title": .string(template.title),
            "topic": template.topic.map(JSONValue.string) ?? .null, "body": .string(template.body),
        ]
    }
}
