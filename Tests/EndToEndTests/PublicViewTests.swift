import Foundation
import OknoJSON
import Testing

/// `GET /api/v1/messages/{number}/public`: the applicant's view with the access token.
@Suite struct PublicViewTests {
    @Test func rightTokenShowsStatusAndTimeline() throws {
        try withServer(now: fixedClock("2026-11-29T04:30:00Z")) { server throws in
            let created = try server.submit(Fixtures.message())
            let token = try #require(created.json["access_token"]?.stringValue)
            let reply = try server.publicView("2026-000001", token: token)
            #expect(reply.status == 200, "\(reply)")
            let body = reply.json
            #expect(body["number"] == "2026-000001")
            #expect(body["status"] == "assigned")
            #expect(body["answer"] == .null)
            let timeline = try #require(body["timeline"]?.arrayValue)
            #expect(timeline.map { $0["status"]?.stringValue } == ["registered", "assigned"])
            #expect(timeline.allSatisfy { $0["at"] == "2026-11-29T04:30:00Z" })
            // No personal data in the public view.
            #expect(!reply.text.contains("Иванов"))
            #expect(!reply.text.contains("ivanov@example.ru"))
        }
    }

    @Test func wrongTokenUnknownNumberAndAnotherMessagesTokenAre404() throws {
        try withServer(now: fixedClock("2026-11-29T04:30:00Z")) { server throws in
            let first = try server.submit(Fixtures.message())
            let second = try server.submit(Fixtures.message())
            let firstToken = try #require(first.json["access_token"]?.stringValue)
            let secondToken = try #require(second.json["access_token"]?.stringValue)

            let wrong = try server.publicView("2026-000001", token: "not-the-token")
            #expect(wrong.status == 404)
            #expect(wrong.header("Content-Type") == "application/problem+json")
            #expect(try server.publicView("2026-999999", token: firstToken).status == 404)
            #expect(try server.publicView("2026-000001", token: secondToken).status == 404)
            #expect(try server.publicView("2026-000002", token: secondToken).status == 200)
            // A wrong token and an unknown number cannot be told apart.
            #expect(wrong.json["detail"] == (try server.publicView("2026-999999", token: firstToken)).json["detail"])
        }
    }

    @Test func missingTokenIs401() throws {
        try withServer { server throws in
            #expect(try server.submit(Fixtures.message()).status == 201)
            let reply = try server.get("/api/v1/messages/\(try server.numbers()[0])/public")
            #expect(reply.status == 401)
            #expect(reply.header("Content-Type") == "application/problem+json")
            let empty = try server.get(
                "/api/v1/messages/\(try server.numbers()[0])/public", headers: [("X-Access-Token", "")])
            #expect(empty.status == 401)
        }
    }
}
