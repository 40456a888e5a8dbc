import Dispatch
import Foundation

@testable import OknoHTTP

extension HTTPServerConfiguration {
    /// One loop and two workers on 127.0.0.1, a free port, no access log, the testing limits.
    static func testing(
        maxConnections: Int = 10_000, timeouts: HTTPTimeouts = HTTPTimeouts(), limits: HTTPLimits = .testing
    ) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: "127.0.0.1", port: 0, eventLoops: 1, workerThreads: 2, maxConnections: maxConnections,
            limits: limits, timeouts: timeouts, accessLog: false)
    }
}

/// A started server and its port; `stop()` shuts it down and waits.
struct TestServer: Sendable {
    let server: HTTPServer
    let port: Int

    init(_ router: Router, configuration: HTTPServerConfiguration = .testing()) throws {
        server = HTTPServer(configuration: configuration, router: router)
        port = try server.start()
    }

    func client(timeout: Double = 3) throws -> RawClient {
        try RawClient(port: port, timeout: timeout)
    }

    /// Shuts down and waits; false when the server did not stop within `seconds`.
    @discardableResult
    func stop(within seconds: Double = 5) async -> Bool {
        server.shutdown()
        return await stopped(within: seconds)
    }

    /// Whether every loop stops within `seconds`, waiting on a thread of its own.
    func stopped(within seconds: Double) async -> Bool {
        let server = server
        return
            (try? await onThread {
                let done = DispatchSemaphore(value: 0)
                Thread {
                    server.waitUntilStopped()
                    done.signal()
                }.start()
                return done.wait(timeout: .now() + seconds) == .success
            }) ?? false
    }
}

/// A router with the routes most end-to-end tests use.
func standardRouter() -> Router {
    var router = Router()
    router.get("/health", .inline { _ in HTTPResponse(status: 200, contentType: "text/plain", body: Array("ok".utf8)) })
    router.get(
        "/echo/{word}",
        .inline { request in
            HTTPResponse(status: 200, contentType: "text/plain", body: Array((request.parameters["word"] ?? "").utf8))
        })
    router.post(
        "/body", .inline { request in HTTPResponse(status: 200, contentType: "text/plain", body: request.body) })
    router.get(
        "/slow/{word}",
        .blocking { request in
            usleep(50_000)
            return HTTPResponse(
                status: 200, contentType: "text/plain", body: Array((request.parameters["word"] ?? "").utf8))
        })
    router.get(
        "/later",
        .deferred { request, responder in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) {
                responder.respond(HTTPResponse(status: 202, body: Array("later".utf8)))
            }
        })
    return router
}

/// Polls `condition` every 10 ms for up to `seconds`.
func eventually(within seconds: Double = 5, _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// `GET path` as an HTTP/1.1 request with extra field lines.
func get(_ path: String, _ fields: String...) -> String {
    "GET \(path) HTTP/1.1\r\nHost: localhost\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n"
}
