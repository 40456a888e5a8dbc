import Dispatch
import Foundation
import Synchronization
import Testing

@testable import OknoHTTP

@Suite("Server: connections and timeouts")
struct ServerConnectionTests {
    static let short = HTTPTimeouts(header: 0.3, body: 0.3, idle: 0.3, write: 1, shutdownGrace: 1)

    @Test func listensOnAnIPv6Address() async throws {
        var configuration = HTTPServerConfiguration.testing()
        configuration.host = "::1"
        let server = try TestServer(standardRouter(), configuration: configuration)
        let client = try RawClient(host: "::1", port: server.port)
        client.send("GET /health HTTP/1.1\r\nHost: [::1]\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "ok")
        client.close()
        #expect(await server.stop())
    }

    @Test(
        "a host that is not a numeric address, or a port out of range, is refused at start",
        arguments: [("localhost", 0), ("127.0.0.300", 0), ("", 0), ("127.0.0.1", 65_536), ("::1", -1)])
    func refusesAnAddressItCannotBindTo(host: String, port: Int) throws {
        var configuration = HTTPServerConfiguration.testing()
        configuration.host = host
        configuration.port = port
        let error = try #require(throws: SystemError.self) {
            try HTTPServer(configuration: configuration, router: standardRouter()).start()
        }
        #expect(error.call == "getaddrinfo")
        #expect(error.errno == EINVAL)
    }

    @Test func refusesToStartOnAPortAnotherServerListensOn() async throws {
        let first = try TestServer(standardRouter())
        var configuration = HTTPServerConfiguration.testing()
        configuration.port = first.port
        let error = try #require(throws: SystemError.self) {
            try HTTPServer(configuration: configuration, router: standardRouter()).start()
        }
        #expect(error.call == "bind")
        #expect(error.errno == EADDRINUSE)
        // The first server is undisturbed.
        let client = try first.client()
        client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await client.readResponse().status == 200)
        client.close()
        #expect(await first.stop())
    }

    @Test func answers408ToAHeadThatDoesNotFinishInTime() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(timeouts: Self.short))
        let client = try server.client()
        let started = Date()
        client.send("GET /health HTTP/1.1\r\nHost: x\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 408)
        #expect(response.headers["connection"] == "close")
        #expect(try await client.readToEnd().isEmpty)
        #expect(Date().timeIntervalSince(started) >= 0.25)
        client.close()
        #expect(await server.stop())
    }

    @Test func answers408ToASlowlorisThatKeepsSendingBytes() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(timeouts: Self.short))
        let client = try server.client()
        // A byte every 50 ms, each well within the 0.3 s timeout, for 3 s: the deadline runs
        // from the first byte, so the answer comes while the head is still being sent.
        let head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + String(repeating: "p", count: 24) + "\r\n"
        let answeredEarly = try await onThread {
            for byte in head.utf8 {
                if client.hasInput() { return true }
                client.send([byte])
                usleep(50_000)
            }
            return client.hasInput()
        }
        #expect(answeredEarly)
        let response = try await client.readResponse()
        #expect(response.status == 408)
        client.close()
        #expect(await server.stop())
    }

    @Test func answers408ToABodyThatDoesNotFinishInTime() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(timeouts: Self.short))
        let client = try server.client()
        client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        let response = try await client.readResponse()
        #expect(response.status == 408)
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func closesAnIdleKeptAliveConnection() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(timeouts: Self.short))
        let client = try server.client()
        let sent = Date()
        client.send(get("/health"))
        #expect(try await client.readResponse().status == 200)
        #expect(try await client.readToEnd().isEmpty)
        #expect(Date().timeIntervalSince(sent) >= 0.25)
        client.close()
        #expect(await server.stop())
    }

    @Test func closesAConnectionThatNeverSendsAByte() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(timeouts: Self.short))
        let client = try server.client()
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func closesAConnectionWhoseClientStopsReading() async throws {
        var router = standardRouter()
        let big = [UInt8](repeating: 0x61, count: 16 << 20)
        router.get("/big", .inline { _ in HTTPResponse(status: 200, body: big) })
        let timeouts = HTTPTimeouts(header: 5, body: 5, idle: 5, write: 0.3, shutdownGrace: 1)
        let server = try TestServer(router, configuration: .testing(timeouts: timeouts))
        let client = try RawClient(port: server.port, receiveBuffer: 4_096)
        client.send(get("/big"))
        // Served: the first bytes arrived; the client never reads them.
        #expect(await eventually { client.hasInput() })
        let metrics = server.server.metrics
        #expect(await eventually { metrics.openConnectionCount == 0 })
        client.close()
        #expect(await server.stop())
    }

    @Test func servesThreeHundredConnectionsOpenAtOnce() async throws {
        let server = try TestServer(standardRouter())
        let clients = try (0..<300).map { _ in try server.client() }
        let metrics = server.server.metrics
        #expect(await eventually { metrics.openConnectionCount == 300 })
        for (number, client) in clients.enumerated() { client.send(get("/echo/\(number)")) }
        let bodies = try await onThread { try clients.map { try $0.blockingReadResponse().bodyText } }
        #expect(bodies == (0..<300).map(String.init))
        // Still served after sitting idle together.
        for client in clients { client.send(get("/health")) }
        let statuses = try await onThread { try clients.map { try $0.blockingReadResponse().status } }
        #expect(statuses.allSatisfy { $0 == 200 })
        for client in clients { client.close() }
        #expect(await server.stop())
    }

    @Test func keepsServingOthersWhenAClientResetsMidRequest() async throws {
        let server = try TestServer(standardRouter())
        let resetting = try server.client()
        resetting.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        let other = try server.client()
        other.send(get("/echo/before"))
        #expect(try await other.readResponse().bodyText == "before")
        resetting.reset()
        let metrics = server.server.metrics
        #expect(await eventually { metrics.openConnectionCount == 1 })
        other.send(get("/echo/after"))
        #expect(try await other.readResponse().bodyText == "after")
        other.close()
        #expect(await server.stop())
    }

    @Test func dropsTheResponseOfAClientThatResetWhileItsHandlerRan() async throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var router = standardRouter()
        router.get(
            "/held",
            .blocking { _ in
                started.signal()
                release.wait()
                defer { finished.signal() }
                return HTTPResponse(status: 200, body: Array("held".utf8))
            })
        let server = try TestServer(router)
        let resetting = try server.client()
        resetting.send(get("/held"))
        try await onThread { started.wait() }
        resetting.reset()
        let metrics = server.server.metrics
        #expect(await eventually { metrics.openConnectionCount == 0 })
        // A new connection may reuse the descriptor: it must not receive the late response.
        let other = try server.client()
        other.send(get("/slow/next"))
        release.signal()
        try await onThread { finished.wait() }
        let response = try await other.readResponse()
        #expect(response.bodyText == "next")
        other.send(get("/health"))
        #expect(try await other.readResponse().bodyText == "ok")
        other.close()
        #expect(await server.stop())
    }

    @Test func leavesAThirdConnectionWaitingAtTwoMaxConnections() async throws {
        let server = try TestServer(standardRouter(), configuration: .testing(maxConnections: 2))
        let first = try server.client()
        let second = try server.client()
        first.send(get("/echo/1"))
        second.send(get("/echo/2"))
        #expect(try await first.readResponse().bodyText == "1")
        #expect(try await second.readResponse().bodyText == "2")
        let third = try server.client(timeout: 0.5)
        third.send(get("/echo/3"))
        #expect(try await third.receivesNothing())
        first.close()
        let response = try await onThread {
            // The slot frees at the loop's next sweep (half a second with the default timeouts).
            var response: RawResponse?
            for _ in 0..<10 where response == nil {
                response = try? third.blockingReadResponse()
            }
            return response
        }
        #expect(response?.bodyText == "3")
        second.close()
        third.close()
        #expect(await server.stop())
    }
}
