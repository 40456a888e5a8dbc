import Foundation
import OknoApp
import OknoDomain
import OknoJSON
import OknoStore

/// A real Okno server on 127.0.0.1 (a free port) with its own SQLite file in a temporary folder.
///
/// Everything here blocks: call it from a synchronous test, or from threads of one's own.
final class TestServer: Sendable {
    let server: OknoServer
    let port: Int
    let folder: String
    var databasePath: String { server.configuration.database }

    /// - Parameters:
    ///   - configure: changes to the test defaults (no access log, no rate limit, port 0).
    ///   - now: the clock the endpoints see.
    init(
        configure: (inout Configuration) -> Void = { _ in },
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        folder = try TemporaryFolder.make()
        var configuration = Configuration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.database = folder + "/okno.sqlite"
        configuration.server.accessLog = false
        configuration.server.eventLoops = 2
        configuration.server.workerThreads = 4
        configuration.api.rateLimit.ratePerSecond = 0
        configure(&configuration)
        server = try OknoServer(configuration: configuration, now: now)
        port = try server.start()
    }

    /// Stops the server gracefully and removes its folder.
    func stop() {
        server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: Requests

    func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) throws -> HTTPReply {
        try HTTPClient.request(port: port, method, path, headers: headers, body: body)
    }

    func get(_ path: String, headers: [(String, String)] = []) throws -> HTTPReply {
        try request("GET", path, headers: headers)
    }

    /// `POST /api/v1/messages` with a JSON body.
    func submit(_ body: JSONValue, headers: [(String, String)] = []) throws -> HTTPReply {
        try request(
            "POST", "/api/v1/messages", headers: [("Content-Type", "application/json")] + headers,
            body: body.serialized())
    }

    /// `GET /api/v1/messages/{number}/public` with the access token.
    func publicView(_ number: String, token: String) throws -> HTTPReply {
        try get("/api/v1/messages/\(number)/public", headers: [("X-Access-Token", token)])
    }

    // MARK: The store

    func messageCount() throws -> Int {
        try server.store.read { try MessageRepository.count($0) }
    }

    func numbers() throws -> [String] {
        try server.store.read { try MessageRepository.numbers($0) }
    }

    func message(_ number: String) throws -> MessageRecord? {
        try server.store.read { try MessageRepository.find(number: number, $0) }
    }

    /// Creates an API token; returns its secret.
    func token(role: OfficerRole, unit: String? = nil, name: String = "token-\(UUID().uuidString)") throws -> String {
        try server.store.writeSync { try TokenRepository.create(name: name, role: role, unit: unit, $0) }.token
    }
}

/// Runs `body` with a fresh server, stopping it afterwards whatever happens.
func withServer(
    configure: (inout Configuration) -> Void = { _ in },
    now: @escaping @Sendable () -> Date = { Date() },
    _ body: (TestServer) throws -> Void
) throws {
    let server = try TestServer(configure: configure, now: now)
    defer { server.stop() }
    try body(server)
}

enum TemporaryFolder {
    /// A new empty folder under the system's temporary directory.
    static func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/okno-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A fixed instant, as an injected clock.
func fixedClock(_ text: String) -> @Sendable () -> Date {
    let instant = instant(text)
    return { instant }
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` (tests only; traps on bad input).
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad instant in a test: \(text)") }
    return date
}
