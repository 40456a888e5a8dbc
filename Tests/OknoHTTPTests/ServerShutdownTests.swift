import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import OknoHTTP

@Suite("Server: graceful shutdown")
struct ServerShutdownTests {
    @Test func finishesARequestInFlightThenRefusesNewConnections() async throws {
        let started = DispatchSemaphore(value: 0)
        let shutdownCalled = DispatchSemaphore(value: 0)
        var router = standardRouter()
        router.get(
            "/sleepy",
            .blocking { _ in
                started.signal()
                usleep(300_000)
                // On a busy machine the test may call shutdown late: the answer must still follow it.
                // (5 s was once not enough in CI, with every suite running at once.)
                _ = shutdownCalled.wait(timeout: .now() + 60)
                return HTTPResponse(status: 200, body: Array("done".utf8))
            })
        let server = try TestServer(router)
        let idle = try server.client()
        idle.send(get("/health"))
        _ = try await idle.readResponse()
        let busy = try server.client()
        busy.send(get("/sleepy"))
        try await onThread { started.wait() }
        server.server.shutdown()
        shutdownCalled.signal()
        #expect(server.server.isShuttingDown)

        // The idle keep-alive connection is closed at once.
        #expect(try await idle.readToEnd().isEmpty)
        let port = server.port
        #expect(await eventually { RawClient.connectError(port: port) == ECONNREFUSED })

        let response = try await busy.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "done")
        #expect(response.headers["connection"] == "close")
        #expect(try await busy.readToEnd().isEmpty)
        busy.close()
        #expect(await server.stopped(within: 3))
    }

    @Test func closesAKeptAliveConnectionOnceAResponseStartedBeforeShutdownIsSent() async throws {
        var router = standardRouter()
        let big = [UInt8](repeating: 0x61, count: 8 << 20)
        router.get("/big", .inline { _ in HTTPResponse(status: 200, body: big) })
        let server = try TestServer(router, configuration: .testing(timeouts: HTTPTimeouts(shutdownGrace: 10)))
        let client = try RawClient(port: server.port, receiveBuffer: 4_096)
        client.send(get("/big"))
        // The response was queued with keep-alive; the client has not read it yet.
        #expect(await eventually { client.hasInput() })
        server.server.shutdown()
        let response = try await client.readResponse()
        #expect(response.body.count == big.count)
        // Well before the 10 s grace period (reads give up after 3 s).
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stopped(within: 3))
    }

    @Test func resumesStoppedAsyncOnceEveryLoopStopped() async throws {
        let server = try TestServer(standardRouter())
        server.server.shutdown()
        await server.server.stoppedAsync()
        #expect(RawClient.connectError(port: server.port) == ECONNREFUSED)
    }

    @Test func stopsAtOnceWithNoConnections() async throws {
        // A grace period far longer than any scheduling delay of a loaded test run: stopping
        // "at once" means well before it ends.
        let server = try TestServer(
            standardRouter(), configuration: .testing(timeouts: HTTPTimeouts(shutdownGrace: 120)))
        let started = Date()
        #expect(await server.stop(within: 60))
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(RawClient.connectError(port: server.port) == ECONNREFUSED)
    }

    @Test func closesWhatRemainsAfterTheGracePeriod() async throws {
        let release = DispatchSemaphore(value: 0)
        var router = standardRouter()
        router.get(
            "/stuck",
            .blocking { _ in
                release.wait()
                return HTTPResponse(status: 200)
            })
        let timeouts = HTTPTimeouts(shutdownGrace: 0.3)
        let server = try TestServer(router, configuration: .testing(timeouts: timeouts))
        let client = try server.client()
        client.send(get("/stuck"))
        #expect(await eventually { server.server.metrics.openConnectionCount == 1 })
        try await Task.sleep(for: .milliseconds(50))
        // The handler never returns on its own: only the grace period can end the connection.
        #expect(await server.stop(within: 5))
        #expect(try await client.readToEnd().isEmpty)
        release.signal()
        client.close()
    }

    @Test func dropsAResponseDeliveredAfterTheServerStopped() async throws {
        let responder = Mutex<Responder?>(nil)
        var router = Router()
        router.get("/never", .deferred { _, given in responder.withLock { $0 = given } })
        let server = try TestServer(router, configuration: .testing(timeouts: HTTPTimeouts(shutdownGrace: 0.2)))
        let client = try server.client()
        client.send(get("/never"))
        #expect(await eventually { responder.withLock { $0 != nil } })
        #expect(await server.stop(within: 3))
        // Descriptors the server closed are handed out again, lowest first: a late response
        // must not write into any of them. Either end of a socket pair reads what the other got.
        var pairs: [[Int32]] = []
        for _ in 0..<32 {
            var ends: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else { break }
            pairs.append(ends)
        }
        responder.withLock { $0 }?.respond(HTTPResponse(status: 200))
        var leaked = 0
        for ends in pairs {
            for end in ends {
                var byte: UInt8 = 0
                if recv(end, &byte, 1, Int32(MSG_DONTWAIT)) > 0 { leaked += 1 }
                close(end)
            }
        }
        #expect(leaked == 0)
        client.close()
    }
}
