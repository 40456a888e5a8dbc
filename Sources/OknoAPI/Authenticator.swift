import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// Who is calling: an officer's or a system's token.
public struct Principal: Sendable, Equatable {
    public var tokenID: Int64
    public var name: String
    public var role: OfficerRole
    /// The unit an executor or approver works for.
    public var unit: String?
}

/// Bearer-token authentication against the store.
enum Authenticator {
    /// The principal for the request's `Authorization: Bearer` token; blocks on a database read.
    static func authenticate(_ request: HTTPRequest, services: Services) -> Result<Principal, HTTPResponseBox> {
        let unauthorized = HTTPResponseBox(
            Problem.response(
                status: 401, detail: "A valid bearer token is required.",
                headers: ["WWW-Authenticate": "Bearer realm=\"okno\""]))
        guard let header = request.headers["authorization"] else { return .failure(unauthorized) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .failure(unauthorized) }
        let token = parts[1].trimmingCharacters(in: " \t")
        do {
            let record = try services.store.readers.read { connection in
                try TokenRepository.authenticate(token: token, connection)
            }
            guard let record else { return .failure(unauthorized) }
            let now = services.now()
            if record.isTouchDue(at: now) {
                // Last use is recorded at most once a minute, through the group commit, without waiting.
                services.store.writer.submit({ try TokenRepository.touch(id: record.id, at: now, $0) }) { result in
                    if case .failure(let error) = result { Log.storeFailure("token.touch", error) }
                }
            }
            return .success(Principal(tokenID: record.id, name: record.name, role: record.role, unit: record.unit))
        } catch {
            Log.storeFailure("token.authenticate", error)
            return .failure(HTTPResponseBox(Problem.response(status: 500, detail: "Authentication failed; retry.")))
        }
    }
}

extension Authenticator {
    /// The principal when its role is one of `roles`: else 401 (no or bad token) or 403.
    static func require(
        _ request: HTTPRequest, services: Services, roles: Set<OfficerRole>
    ) -> Result<Principal, HTTPResponseBox> {
        authenticate(request, services: services).flatMap { principal in
            roles.contains(principal.role)
                ? .success(principal)
                : .failure(
                    HTTPResponseBox(
                        Problem.response(status: 403, detail: "The \(principal.role.rawValue) role may not do this.")))
        }
    }
}

extension Authenticator {
    /// The principal (one of `roles`) and the JSON object body of a write request, or the refusal.
    static func requireJSON(
        _ request: HTTPRequest, services: Services, roles: Set<OfficerRole>
    ) -> Result<(Principal, JSONObject), HTTPResponseBox> {
        require(request, services: services, roles: roles).flatMap { principal in
            JSONBody.object(of: request, maxDepth: services.configuration.maxJSONDepth).map { (principal, $0) }
        }
    }
}
