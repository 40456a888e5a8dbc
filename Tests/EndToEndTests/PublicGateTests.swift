import Foundation
import OknoApp
import OknoJSON
import Testing

/// The public endpoints' rate limit and CORS.
@Suite struct PublicGateTests {
    @Test func thirdQuickRequestIsRateLimited() throws {
        // A fixed clock: the bucket does not refill between requests.
        try withServer(
            configure: {
                $0.api.rateLimit.ratePerSecond = 1
                $0.api.rateLimit.burst = 2
            }, now: fixedClock("2026-11-29T04:30:00Z")
        ) { server throws in
            #expect(try server.submit(Fixtures.message()).status == 201)
            #expect(try server.submit(Fixtures.message()).status == 201)
            let limited = try server.submit(Fixtures.message())
            #expect(limited.status == 429, "\(limited)")
            #expect(limited.header("Retry-After") == "1")
            #expect(limited.header("Content-Type") == "application/problem+json")
            #expect(try server.messageCount() == 2)
            // The limit covers every public endpoint, not the service ones.
            #expect(try server.get("/api/v1/topics").status == 429)
            #expect(try server.get("/health").status == 200)
        }
    }

    @Test func forwardedForNamesTheClientOnlyWhenTrusted() throws {
        let limit: (inout OknoApp.Configuration) -> Void = {
            $0.api.rateLimit.ratePerSecond = 1
            $0.api.rateLimit.burst = 1
        }
        let clock = fixedClock("2026-11-29T04:30:00Z")
        func topics(_ server: TestServer, from client: String) throws -> Int {
            try server.get("/api/v1/topics", headers: [("X-Forwarded-For", "203.0.113.9, \(client)")]).status
        }
        try withServer(
            configure: {
                limit(&$0)
                $0.api.trustForwardedFor = true
            }, now: clock
        ) { server throws in
            #expect(try topics(server, from: "198.51.100.1") == 200)
            #expect(try topics(server, from: "198.51.100.2") == 200)
            #expect(try topics(server, from: "198.51.100.1") == 429)
        }
        try withServer(configure: limit, now: clock) { server throws in
            #expect(try topics(server, from: "198.51.100.1") == 200)
            #expect(try topics(server, from: "198.51.100.2") == 429)
        }
    }

    static let portal = "https://www.gosuslugi.ru"

    static func configureCORS(_ configuration: inout OknoApp.Configuration) {
        configuration.api.corsOrigins = [portal]
    }

    @Test func preflightFromTheAllowedOrigin() throws {
        try withServer(configure: Self.configureCORS) { server throws in
            let reply = try server.request(
                "OPTIONS", "/api/v1/messages",
                headers: [
                    ("Origin", Self.portal), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type, idempotency-key"),
                ])
            #expect(reply.status == 204 || reply.status == 200, "\(reply)")
            #expect(reply.header("Access-Control-Allow-Origin") == Self.portal)
            #expect(reply.header("Access-Control-Allow-Methods")?.contains("POST") == true)
            let allowedHeaders = reply.header("Access-Control-Allow-Headers")?.lowercased() ?? ""
            #expect(allowedHeaders.contains("content-type"))
            #expect(allowedHeaders.contains("idempotency-key"))
        }
    }

    @Test func preflightFromAForeignOriginGetsNoCORSHeaders() throws {
        try withServer(configure: Self.configureCORS) { server throws in
            let reply = try server.request(
                "OPTIONS", "/api/v1/messages",
                headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
            #expect(reply.header("Access-Control-Allow-Origin") == nil)
            #expect(reply.header("Access-Control-Allow-Methods") == nil)

            let post = try server.submit(Fixtures.message(), headers: [("Origin", "https://evil.example")])
            #expect(post.header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func preflightOfThePublicView() throws {
        try withServer(configure: Self.configureCORS) { server throws in
            let reply = try server.request(
                "OPTIONS", "/api/v1/messages/2026-000001/public",
                headers: [
                    ("Origin", Self.portal), ("Access-Control-Request-Method", "GET"),
                    ("Access-Control-Request-Headers", "x-access-token"),
                ])
            #expect(reply.header("Access-Control-Allow-Origin") == Self.portal)
            #expect(reply.header("Access-Control-Allow-Methods")?.contains("GET") == true)
            #expect(reply.header("Access-Control-Allow-Headers")?.lowercased().contains("x-access-token") == true)
        }
    }

    @Test func postFromTheAllowedOriginCarriesCORSHeaders() throws {
        try withServer(configure: Self.configureCORS) { server throws in
            let reply = try server.submit(Fixtures.message(), headers: [("Origin", Self.portal)])
            #expect(reply.status == 201)
            #expect(reply.header("Access-Control-Allow-Origin") == Self.portal)
            #expect(reply.header("Access-Control-Expose-Headers")?.contains("Location") == true)
            // Refusals carry them too, so the widget can read the problem.
            let refused = try server.submit(
                Fixtures.message(topic: "NO_SUCH_TOPIC"), headers: [("Origin", Self.portal)])
            #expect(refused.status == 422)
            #expect(refused.header("Access-Control-Allow-Origin") == Self.portal)
        }
    }

    @Test func noCORSHeadersWhenNoOriginIsConfigured() throws {
        try withServer { server throws in
            let reply = try server.submit(Fixtures.message(), headers: [("Origin", Self.portal)])
            #expect(reply.status == 201)
            #expect(reply.header("Access-Control-Allow-Origin") == nil)
        }
    }
}
