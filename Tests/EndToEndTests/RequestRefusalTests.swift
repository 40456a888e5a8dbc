import Foundation
import OknoJSON
import OknoStore
import Testing

/// Requests refused before validation: framing, media type, JSON, size, credentials.
@Suite struct RequestRefusalTests {
    static func post(
        _ server: TestServer, _ body: String, contentType: String? = "application/json",
        extra: [(String, String)] = []
    ) throws -> HTTPReply {
        let headers = (contentType.map { [("Content-Type", $0)] } ?? []) + extra
        return try server.request("POST", "/api/v1/messages", headers: headers, body: Array(body.utf8))
    }

    static func expectProblem(_ reply: HTTPReply, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, "\(reply)", sourceLocation: sourceLocation)
        #expect(reply.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
        #expect(reply.json["status"]?.int64Value == Int64(status), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "{\"topic\": ",
        "{\"topic\": \"GRASS_BURNING\",}",
        "{'topic': 'GRASS_BURNING'}",
        "",
        "{\"text\": \"\u{1}\"}",
        "{\"topic\": \"GRASS_BURNING\", \"topic\": \"ROADS\"}",
        "{\"topic\": \"GRASS_BURNING\"} trailing",
    ])
    func malformedJSONIs400(_ body: String) throws {
        try withServer { server throws in
            Self.expectProblem(try Self.post(server, body), 400)
            #expect(try server.messageCount() == 0)
        }
    }

    @Test(arguments: ["[1, 2]", "\"a message\"", "42", "null"])
    func nonObjectBodyIs400(_ body: String) throws {
        try withServer { server throws in
            Self.expectProblem(try Self.post(server, body), 400)
            #expect(try server.messageCount() == 0)
        }
    }

    /// An object holding `arrays` nested arrays has depth `arrays + 1`.
    static func nested(_ arrays: Int) -> String {
        let valid = Fixtures.message().serializedString()
        return String(valid.dropLast()) + ",\"extra\":" + String(repeating: "[", count: arrays)
            + String(repeating: "]", count: arrays) + "}"
    }

    @Test func jsonDeeperThanTheLimitIs400() throws {
        try withServer { server throws in
            Self.expectProblem(try Self.post(server, Self.nested(32)), 400)
            #expect(try server.messageCount() == 0)
            // Exactly at the default limit of 32 the body is read (and the unknown member ignored).
            #expect(try Self.post(server, Self.nested(31)).status == 201)
        }
    }

    @Test func configuredJSONDepthApplies() throws {
        try withServer(configure: { $0.api.maxJSONDepth = 3 }) { server throws in
            Self.expectProblem(try Self.post(server, Self.nested(3)), 400)
            #expect(try server.messageCount() == 0)
            #expect(try Self.post(server, Self.nested(2)).status == 201)
        }
    }

    @Test(arguments: [
        Optional("text/plain"), Optional("application/x-www-form-urlencoded"), Optional("application/jsonp"), nil,
        Optional("application/jso"), Optional("xapplication/json"), Optional("application/json-patch+json"),
        Optional(""),
    ])
    func otherMediaTypesAre415(_ contentType: String?) throws {
        try withServer { server throws in
            let body = Fixtures.message().serializedString()
            Self.expectProblem(try Self.post(server, body, contentType: contentType), 415)
            #expect(try server.messageCount() == 0)
        }
    }

    @Test func jsonInAnyCaseWithParametersIsAccepted() throws {
        try withServer { server throws in
            let body = Fixtures.message().serializedString()
            for contentType in [
                "application/json; charset=utf-8", "Application/JSON", "application/json ;charset=utf-8",
            ] {
                #expect(try Self.post(server, body, contentType: contentType).status == 201, "\(contentType)")
            }
        }
    }

    @Test func bodyOverTheLimitIs413WithoutBeingRead() throws {
        try withServer(configure: { $0.server.limits.maxBodyBytes = 2_000 }) { server throws in
            // Only the head is sent: the server must answer without waiting for the body.
            let connection = try TestConnection(port: server.port, timeout: 5)
            try connection.send(
                "POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2001\r\n\r\n"
            )
            Self.expectProblem(try connection.readReply(), 413)
            connection.close()
            #expect(try server.messageCount() == 0)

            // A body of exactly the limit is read.
            var body = Fixtures.message().serializedString()
            let padding = 2_000 - body.utf8.count - ",\"pad\":\"\"".utf8.count
            body = String(body.dropLast()) + ",\"pad\":\"" + String(repeating: "x", count: padding) + "\"}"
            #expect(body.utf8.count == 2_000)
            #expect(try Self.post(server, body).status == 201)
        }
    }

    @Test(arguments: ["Bearer okno_not-a-real-token", "Bearer", "Basic dXNlcjpwYXNz", "Bearer not-even-prefixed"])
    func invalidBearerTokenIs401(_ authorization: String) throws {
        try withServer { server throws in
            let body = Fixtures.message().serializedString()
            let reply = try Self.post(server, body, extra: [("Authorization", authorization)])
            Self.expectProblem(reply, 401)
            #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try server.messageCount() == 0)
        }
    }

    @Test func revokedTokenIs401() throws {
        try withServer { server throws in
            let token = try server.token(role: .integration, name: "portal")
            try server.server.store.writeSync { try TokenRepository.revoke(name: "portal", $0) }
            let body = Fixtures.message().serializedString()
            Self.expectProblem(try Self.post(server, body, extra: [("Authorization", "Bearer \(token)")]), 401)
            #expect(try server.messageCount() == 0)
        }
    }

    @Test func wrongMethodIs405WithAllow() throws {
        try withServer { server throws in
            let reply = try server.request("DELETE", "/api/v1/messages")
            #expect(reply.status == 405)
            #expect(reply.header("Allow")?.contains("POST") == true)
        }
    }
}
