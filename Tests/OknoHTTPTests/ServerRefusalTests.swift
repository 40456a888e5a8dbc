import Testing

@testable import OknoHTTP

@Suite("Server: refusals")
struct ServerRefusalTests {
    @Test(arguments: Refusal.all)
    func answersWithAProblemAndCloses(_ refusal: Refusal) async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(refusal.bytes)
        let response = try await client.readResponse()
        #expect(response.status == refusal.status)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(response.headers["connection"] == "close")
        #expect(response.bodyText.contains("\"status\":\(refusal.status)"))
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func answers413WithoutWaitingForTheBody() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)
        #expect(response.headers["connection"] == "close")
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func answers413ToAnExpectingClientInsteadOf100() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("POST /body HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)
        client.close()
        #expect(await server.stop())
    }

    @Test func answersTheRequestsBeforeARefusalFirst() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/echo/a") + get("/echo/b") + "GET / HTTP/2.0\r\n\r\n" + get("/echo/c"))
        let first = try await client.readResponse()
        let second = try await client.readResponse()
        let refused = try await client.readResponse()
        #expect([first.bodyText, second.bodyText] == ["a", "b"])
        #expect(refused.status == 505)
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }
}
