import Foundation
import Synchronization
import Testing

@testable import OknoHTTP

@Suite("Server: request and response")
struct ServerExchangeTests {
    @Test func servesTwoRequestsOnOneKeptAliveConnection() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/echo/one"))
        let first = try await client.readResponse()
        client.send(get("/echo/two"))
        let second = try await client.readResponse()
        #expect(first.status == 200)
        #expect(first.bodyText == "one")
        #expect(first.headers["connection"] == nil)
        #expect(second.bodyText == "two")
        client.close()
        #expect(await server.stop())
    }

    @Test func servesManyRequestsOnOneConnection() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        var statuses: [Int] = []
        for number in 0..<50 {
            client.send(get("/echo/\(number)", "Accept: */*", "User-Agent: test", "X-Trace: \(number)"))
            statuses.append(try await client.readResponse().status)
        }
        #expect(statuses == Array(repeating: 200, count: 50))
        client.close()
        #expect(await server.stop())
    }

    @Test func answersPipelinedRequestsInOrder() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        // The blocking handler finishes after the inline one would: order must hold anyway.
        client.send(
            get("/slow/a") + get("/echo/b") + get("/later")
                + "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nd")
        var bodies: [String] = []
        for _ in 0..<4 { bodies.append(try await client.readResponse().bodyText) }
        #expect(bodies == ["a", "b", "later", "d"])
        client.close()
        #expect(await server.stop())
    }

    @Test func sends100ContinueBeforeTheBodyIsSent() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("POST /body HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try await client.readResponse()
        client.send("hello")
        let final = try await client.readResponse()
        #expect(interim.status == 100)
        #expect(final.status == 200)
        #expect(final.bodyText == "hello")
        client.close()
        #expect(await server.stop())
    }

    @Test func skips100ContinueWhenTheBodyArrivedWithTheHead() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("POST /body HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "hello")
        client.close()
        #expect(await server.stop())
    }

    @Test func answersHeadWithTheLengthButNoBody() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        // A body after the HEAD response would corrupt the next one.
        client.send("HEAD /echo/hello HTTP/1.1\r\nHost: x\r\n\r\n" + get("/echo/next"))
        let head = try await client.readResponse(headOnly: true)
        let next = try await client.readResponse()
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "5")
        #expect(head.body.isEmpty)
        #expect(next.bodyText == "next")
        client.close()
        #expect(await server.stop())
    }

    @Test func answersAChunkedRequest() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(
            "POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n"
        )
        let response = try await client.readResponse()
        #expect(response.bodyText == "abcde")
        client.close()
        #expect(await server.stop())
    }

    @Test func answersUnknownPathsWith404Problem() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/nowhere"))
        let response = try await client.readResponse()
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(response.headers["connection"] == nil)
        client.close()
        #expect(await server.stop())
    }

    @Test func answersWrongMethodsWith405AndAllow() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("DELETE /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
        #expect(response.headers["content-type"] == "application/problem+json")
        client.close()
        #expect(await server.stop())
    }

    @Test func answersOptionsAsteriskWithTheImplementedMethods() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 204)
        #expect(response.headers["allow"] == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
        client.close()
        #expect(await server.stop())
    }

    @Test func closesAfterAnHTTP10RequestUnlessAskedToKeepAlive() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let kept = try await client.readResponse()
        client.send("GET /health HTTP/1.0\r\n\r\n")
        let closing = try await client.readResponse()
        let rest = try await client.readToEnd()
        #expect(kept.headers["connection"] == "keep-alive")
        #expect(closing.headers["connection"] == "close")
        #expect(rest.isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func closesWhenTheClientAsksTo() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/health", "Connection: close"))
        let response = try await client.readResponse()
        #expect(response.headers["connection"] == "close")
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test func answersARequestWhoseSenderHalfClosed() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/slow/x"))
        client.shutdownWrite()
        let response = try await client.readResponse()
        #expect(response.bodyText == "x")
        #expect(try await client.readToEnd().isEmpty)
        client.close()
        #expect(await server.stop())
    }

    @Test(arguments: [
        ("abc-123_XYZ.~", true),
        (String(repeating: "a", count: 64), true),
        (String(repeating: "a", count: 65), false),
        ("has space", false),
        ("per%41cent", false),
        ("quote\"d", false),
    ])
    func echoesASaneRequestIdAndGeneratesOtherwise(given: String, echoed: Bool) async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/health", "X-Request-Id: \(given)"))
        let response = try await client.readResponse()
        let id = try #require(response.headers["x-request-id"])
        if echoed {
            #expect(id == given)
        } else {
            #expect(id != given)
            #expect(!id.isEmpty)
        }
        client.close()
        #expect(await server.stop())
    }

    @Test func generatesDistinctRequestIds() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/health") + get("/health"))
        let first = try await client.readResponse().headers["x-request-id"]
        let second = try await client.readResponse().headers["x-request-id"]
        #expect(first != nil)
        #expect(first != second)
        client.close()
        #expect(await server.stop())
    }

    @Test func datesEveryResponse() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/health") + get("/nowhere"))
        for _ in 0..<2 {
            let date = try #require(try await client.readResponse().headers["date"])
            #expect(date.count == 29)
            #expect(date.hasSuffix(" GMT"))
            #expect(date.contains(", "))
        }
        client.close()
        #expect(await server.stop())
    }

    @Test func sendsOnlyTheFirstResponseOfADeferredHandler() async throws {
        var router = Router()
        router.get(
            "/twice",
            .deferred { _, responder in
                responder.respond(HTTPResponse(status: 200, body: Array("first".utf8)))
                responder.respond(HTTPResponse(status: 500, body: Array("second".utf8)))
            })
        router.get("/health", .inline { _ in HTTPResponse(status: 200, body: Array("ok".utf8)) })
        let server = try TestServer(router)
        let client = try server.client()
        client.send(get("/twice"))
        let first = try await client.readResponse()
        client.send(get("/health"))
        let second = try await client.readResponse()
        #expect(first.bodyText == "first")
        #expect(second.bodyText == "ok")
        client.close()
        #expect(await server.stop())
    }

    @Test func countsRequestsByRouteAndStatusAndOpenConnections() async throws {
        let server = try TestServer(standardRouter())
        let client = try server.client()
        client.send(get("/health") + get("/health") + get("/echo/x") + get("/nowhere"))
        for _ in 0..<4 { _ = try await client.readResponse() }
        let refused = try server.client()
        refused.send("BREW / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try await refused.readResponse()
        let metrics = server.server.metrics
        let text = metrics.render()
        #expect(text.contains("okno_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2\n"))
        #expect(text.contains("okno_http_requests_total{method=\"GET\",route=\"/echo/{word}\",status=\"200\"} 1\n"))
        #expect(text.contains("okno_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"))
        #expect(text.contains("okno_http_requests_total{method=\"-\",route=\"refused\",status=\"501\"} 1\n"))
        #expect(text.contains("okno_http_request_duration_seconds_count 5\n"))
        #expect(text.contains("okno_http_open_connections 2\n"))
        refused.close()
        client.close()
        #expect(await eventually { metrics.openConnectionCount == 0 })
        #expect(metrics.render().contains("okno_http_open_connections 0\n"))
        #expect(await server.stop())
    }
}
