import Foundation
import OknoDomain
import OknoJSON
import OknoStore

/// One token per role; the executor and approver belong to `unit`.
struct Officers: Sendable {
    let admin: String
    let registrar: String
    let executor: String
    let approver: String
    let analyst: String
    let integration: String

    init(_ server: TestServer, unit: String = "GU-77") throws {
        admin = try server.token(role: .admin, name: "admin-\(unit)")
        registrar = try server.token(role: .registrar, name: "registrar-\(unit)")
        executor = try server.token(role: .executor, unit: unit, name: "executor-\(unit)")
        approver = try server.token(role: .approver, unit: unit, name: "approver-\(unit)")
        analyst = try server.token(role: .analyst, name: "analyst-\(unit)")
        integration = try server.token(role: .integration, name: "integration-\(unit)")
    }

    subscript(_ role: OfficerRole) -> String {
        switch role {
        case .admin: admin
        case .registrar: registrar
        case .executor: executor
        case .approver: approver
        case .analyst: analyst
        case .integration: integration
        }
    }
}

extension TestServer {
    /// A request with `Authorization: Bearer token` (none when nil) and an optional JSON body.
    func officer(
        _ method: String, _ path: String, token: String?, body: JSONValue? = nil, headers: [(String, String)] = []
    ) throws -> HTTPReply {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        if body != nil { all.append(("Content-Type", "application/json")) }
        return try request(method, path, headers: all, body: body?.serialized())
    }

    /// `GET /api/v1/messages/{number}`.
    func show(_ number: String, token: String) throws -> HTTPReply {
        try officer("GET", "/api/v1/messages/\(number)", token: token)
    }

    /// `POST /api/v1/messages/{number}/transitions` with `If-Match: etag` (left out when nil).
    func transition(
        _ number: String, token: String, etag: String?, _ action: String, _ fields: [(String, JSONValue)] = []
    ) throws -> HTTPReply {
        let body = JSONValue.object(JSONObject([("action", .string(action))] + fields))
        return try officer(
            "POST", "/api/v1/messages/\(number)/transitions", token: token, body: body,
            headers: etag.map { [("If-Match", $0)] } ?? [])
    }

    /// The message's current ETag, read with the registrar's view of it.
    func etag(_ number: String, token: String) throws -> String {
        let reply = try show(number, token: token)
        guard reply.status == 200, let etag = reply.header("ETag") else {
            throw ClientError("GET \(number) answered \(reply)")
        }
        return etag
    }

    /// A transition with the current ETag (read first with `reader`, default the acting token).
    func act(
        _ number: String, token: String, reader: String? = nil, _ action: String, _ fields: [(String, JSONValue)] = []
    ) throws -> HTTPReply {
        try transition(number, token: token, etag: try etag(number, token: reader ?? token), action, fields)
    }

    /// Registers a message; returns its number and access token.
    func register(_ body: JSONValue = Fixtures.message(), token: String? = nil) throws -> (
        number: String, access: String
    ) {
        let reply = try submit(body, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
        guard reply.status == 201, let number = reply.json["number"]?.stringValue,
            let access = reply.json["access_token"]?.stringValue
        else { throw ClientError("intake answered \(reply)") }
        return (number, access)
    }

    /// Takes an `assigned` message of the officers' unit along the happy path until it is in `status`
    /// (one of assigned, in_progress, answer_drafted, on_approval, answered).
    func drive(_ number: String, to status: MessageStatus, _ officers: Officers) throws {
        let steps: [(MessageStatus, String, String, [(String, JSONValue)])] = [
            (.inProgress, officers.executor, "accept", []),
            (
                .answerDrafted, officers.executor, "draft_answer",
                [("text", "Сухая трава убрана, виновные установлены.")]
            ),
            (.onApproval, officers.executor, "submit", []),
            (.answered, officers.approver, "approve", []),
        ]
        guard status != .assigned else { return }
        guard let last = steps.firstIndex(where: { $0.0 == status }) else {
            throw ClientError("drive cannot reach \(status.rawValue)")
        }
        var etag = try self.etag(number, token: officers.registrar)
        for (_, token, action, fields) in steps[...last] {
            let reply = try transition(number, token: token, etag: etag, action, fields)
            guard reply.status == 200, let next = reply.header("ETag") else {
                throw ClientError("\(action) on \(number) answered \(reply)")
            }
            etag = next
        }
    }

    /// The `events` of the officer view, by type.
    func events(_ number: String, token: String, type: String) throws -> [JSONValue] {
        (try show(number, token: token).json["events"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == type }
    }

    /// Runs SQL on the server's database through its writer (for setting up states the API cannot reach).
    func sql(_ statement: String, _ arguments: [SQLValue] = []) throws {
        _ = try server.store.writeSync { try $0.run(statement, arguments) }
    }
}

/// Runs `body` on `count` threads released at once; returns their results in thread order.
func simultaneously<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>]
{
    let results = Locked([Result<T, any Error>?](repeating: nil, count: count))
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        Thread.detachNewThread {
            start.wait()
            let result = Result { try body(index) }
            results.mutate { $0[index] = result }
            done.leave()
        }
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return results.value.map { $0! }
}

/// A clock a test moves by hand, for `TestServer(now:)`.
final class TestClock: Sendable {
    private let current: Locked<Date>

    init(_ start: String) { current = Locked(instant(start)) }

    func set(_ text: String) { current.mutate { $0 = instant(text) } }

    func advance(seconds: Double) { current.mutate { $0 = $0.addingTimeInterval(seconds) } }

    var now: @Sendable () -> Date { { [current] in current.value } }
}

extension JSONValue {
    /// The element at `index` when this is an array that long; otherwise `nil`.
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
