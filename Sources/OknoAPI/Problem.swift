import OknoHTTP
import OknoJSON

/// One invalid field of a request, as listed in a problem's `errors`.
public struct FieldError: Sendable, Equatable {
    /// Dotted path of the field, e.g. `applicant.email`.
    public var field: String
    /// Machine-readable reason: `required`, `invalid`, `unknown`, `too_long`, `forbidden`, ….
    public var code: String
    public var message: String

    public init(_ field: String, _ code: String, _ message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// RFC 9457 problem documents, the one shape of every error answer.
enum Problem {
    static func response(
        status: Int, detail: String, errors: [FieldError] = [], extensions: [JSONObject.Member] = [],
        headers: HTTPHeaders = HTTPHeaders()
    ) -> HTTPResponse {
        var members: [JSONObject.Member] = [
            ("type", .string(typeURI(status))),
            ("title", .string(HTTPStatus.reasonPhrase(status))),
            ("status", .number(JSONNumber(status))),
            ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(
                (
                    "errors",
                    .array(
                        errors.map {
                            .object([
                                "field": .string($0.field), "code": .string($0.code), "message": .string($0.message),
                            ])
                        })
                ))
        }
        members += extensions
        return HTTPResponse(
            status: status, contentType: "application/problem+json",
            body: JSONValue.object(JSONObject(members)).serialized(),
            headers: headers)
    }

    /// 422 listing every invalid field.
    static func invalid(_ errors: [FieldError]) -> HTTPResponse {
        response(status: 422, detail: "The request has \(errors.count) invalid field(s).", errors: errors)
    }

    /// Runs `body`, answering 500 with `detail` (and logging `operation`) when the store fails.
    static func guarded(
        _ operation: String, detail: String = "The store failed; retry.", _ body: () throws -> HTTPResponse
    ) -> HTTPResponse {
        do {
            return try body()
        } catch {
            Log.storeFailure(operation, error)
            return Problem.response(status: 500, detail: detail)
        }
    }

    private static func typeURI(_ status: Int) -> String {
        switch status {
        case 422: "https://okno.mchs.gov.ru/problems/validation"
        case 409: "https://okno.mchs.gov.ru/problems/conflict"
        case 429: "https://okno.mchs.gov.ru/problems/rate-limited"
        default: "about:blank"
        }
    }
}

extension HTTPResponse {
    /// A JSON response.
    static func json(_ status: Int, _ value: JSONValue, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: value.serialized(), headers: headers)
    }
}
