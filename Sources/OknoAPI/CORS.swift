import OknoHTTP

/// Cross-origin access for the portal widget, limited to the configured origins.
struct CORS: Sendable {
    /// Allowed origins; `*` allows any.
    let origins: Set<String>

    static let allowedHeaders = "Content-Type, Authorization, Idempotency-Key, X-Access-Token, X-Request-Id"
    static let maxAgeSeconds = 600

    /// Whether a request's `Origin` may read the response.
    func allows(_ origin: String?) -> Bool {
        guard let origin else { return false }
        return origins.contains("*") || origins.contains(origin)
    }

    /// Adds the response headers for an allowed origin.
    func decorate(_ response: HTTPResponse, for request: HTTPRequest) -> HTTPResponse {
        guard let origin = request.headers["origin"], allows(origin) else { return response }
        var response = response
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.add("Vary", "Origin")
        response.headers.set("Access-Control-Expose-Headers", "Location, X-Request-Id, Retry-After, ETag")
        return response
    }

    /// The answer to a preflight `OPTIONS` request for a path allowing `methods`.
    func preflight(_ request: HTTPRequest, methods: [String]) -> HTTPResponse {
        var headers: HTTPHeaders = ["Allow": (methods + ["OPTIONS"]).joined(separator: ", ")]
        if let origin = request.headers["origin"], allows(origin) {
            headers.set("Access-Control-Allow-Origin", origin)
            headers.add("Vary", "Origin")
            headers.set("Access-Control-Allow-Methods", methods.joined(separator: ", "))
            headers.set("Access-Control-Allow-Headers", Self.allowedHeaders)
            headers.set("Access-Control-Max-Age", String(Self.maxAgeSeconds))
        }
        return HTTPResponse(status: 204, headers: headers)
    }
}
