import Foundation
import OknoHTTP

/// Guards the endpoints reachable without a token: per-client rate limit and CORS headers.
enum PublicGate {
    /// Wraps a handler so it is rate limited and its responses carry CORS headers.
    static func wrap(_ handler: Handler, services: Services) -> Handler {
        let refusal: @Sendable (HTTPRequest) -> HTTPResponse? = { request in
            let now = services.now().timeIntervalSince1970
            guard let wait = services.rateLimiter.acquire(client: services.clientAddress(request), now: now) else {
                return nil
            }
            return Problem.response(
                status: 429, detail: "Too many requests from this address; retry later.",
                headers: ["Retry-After": String(wait)])
        }
        let cors = services.cors
        switch handler {
        case .inline(let body):
            return .inline { request in cors.decorate(refusal(request) ?? body(request), for: request) }
        case .blocking(let body):
            return .blocking { request in cors.decorate(refusal(request) ?? body(request), for: request) }
        case .deferred(let body):
            return .deferred { request, responder in
                if let refused = refusal(request) {
                    responder.respond(cors.decorate(refused, for: request))
                    return
                }
                body(request, Responder { responder.respond(cors.decorate($0, for: request)) })
            }
        }
    }

    /// Registers `OPTIONS` preflight answers for every public path.
    static func preflight(on router: inout Router, paths: [(template: String, methods: [String])], services: Services) {
        let cors = services.cors
        for (template, methods) in paths {
            router.add("OPTIONS", template, .inline { request in cors.preflight(request, methods: methods) })
        }
    }
}
