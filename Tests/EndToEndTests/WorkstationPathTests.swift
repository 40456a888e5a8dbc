import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Issue 5 over a real socket: a message from intake to the answer, the rating and reconsideration.
@Suite struct WorkstationPathTests {
    struct Term: Sendable, CustomStringConvertible {
        let topic: String
        let title: String
        let firstDueDate: String
        /// Of the term reopened at 2026-12-05T22:30:00Z, already 6 December in Moscow.
        let reopenedDueDate: String
        var description: String { topic }
    }

    static let terms = [
        Term(
            topic: "GRASS_BURNING", title: "Выжигание сухой растительности, палы травы", firstDueDate: "2026-12-09",
            reopenedDueDate: "2026-12-16"),
        Term(
            topic: "FIRE_WATER_SUPPLY", title: "Неисправные пожарные гидранты и водоёмы", firstDueDate: "2026-12-29",
            reopenedDueDate: "2027-01-05"),
    ]

    @Test(arguments: terms)
    func messageGoesFromIntakeThroughRejectionToAnswerRatingAndReconsideration(_ term: Term) throws {
        let clock = TestClock("2026-11-29T04:30:00Z")
        try withServer(now: clock.now) { server throws in
            let officers = try Officers(server)
            let template: JSONValue = [
                "code": "standard", "title": "Стандартный ответ", "topic": nil,
                "body":
                    "Ваше обращение № {{number}} от {{registered_date}}, {{applicant.name}}, по теме «{{topic.title}}» рассмотрено: {{ unit.name }}.",
            ]
            #expect(
                try server.officer("POST", "/api/v1/templates", token: officers.approver, body: template).status == 201)

            let (number, access) = try server.register(Fixtures.message(topic: term.topic))
            var view = try server.show(number, token: officers.executor)
            #expect(view.status == 200, "\(view)")
            #expect(view.json["status"] == "assigned")
            #expect(view.json["unit"] == "GU-77")
            #expect(view.json["answer_due_date"] == .string(term.firstDueDate))
            #expect(view.json["allowed_actions"] == ["accept"])
            var etag = try #require(view.header("ETag"))

            func step(_ token: String, _ action: String, _ fields: [(String, JSONValue)] = [], to status: String) throws
            {
                let reply = try server.transition(number, token: token, etag: etag, action, fields)
                #expect(reply.status == 200, "\(action): \(reply)")
                #expect(reply.json["status"] == .string(status), "\(action)")
                let next = try #require(reply.header("ETag"))
                #expect(next != etag)
                etag = next
                view = reply
            }

            clock.set("2026-11-30T06:00:00Z")
            try step(officers.executor, "accept", to: "in_progress")
            #expect(view.json["assignee"] == .string("executor-GU-77"))
            try step(officers.executor, "draft_answer", [("text", "Черновик ответа.")], to: "answer_drafted")
            #expect(view.json["answer_draft"] == "Черновик ответа.")
            try step(officers.executor, "submit", to: "on_approval")
            try step(officers.approver, "reject", [("comment", "Укажите принятые меры.")], to: "in_progress")
            let rejected = try server.events(number, token: officers.registrar, type: "message.rejected")
            #expect(rejected.first?["data"]?["comment"] == "Укажите принятые меры.")
            #expect(rejected.first?["actor"] == "approver-GU-77")

            try step(officers.executor, "draft_answer", [("template", "standard")], to: "answer_drafted")
            let unitName = try #require(server.server.services.directory.unit("GU-77")?.name)
            let rendered =
                "Ваше обращение № \(number) от 29.11.2026, Иванов Иван Иванович, по теме «\(term.title)» рассмотрено: \(unitName)."
            #expect(view.json["answer_draft"] == .string(rendered))
            try step(officers.executor, "submit", to: "on_approval")
            #expect(try server.publicView(number, token: access).json["answer"] == .null)

            clock.set("2026-12-01T09:00:00Z")
            try step(officers.approver, "approve", to: "answered")
            #expect(view.json["answer"]?["text"] == .string(rendered))
            #expect(view.json["answer"]?["sent_at"] == "2026-12-01T09:00:00Z")
            let answered = try server.events(number, token: officers.registrar, type: "message.answered")
            #expect(answered.first?["data"]?["late"] == false)

            let shown = try server.publicView(number, token: access)
            #expect(shown.status == 200)
            #expect(shown.json["status"] == "answered")
            #expect(shown.json["answer"]?["text"] == .string(rendered))
            #expect(shown.json["answer"]?["sent_at"] == "2026-12-01T09:00:00Z")

            clock.set("2026-12-02T10:00:00Z")
            let rating = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                body: (["score": 2, "comment": "Ответ формальный."] as JSONValue).serialized())
            #expect(rating.status == 201, "\(rating)")
            #expect(rating.json["score"] == 2)
            #expect(rating.json["flagged"] == true)
            view = try server.show(number, token: officers.registrar)
            #expect(view.json["status"] == "closed")
            #expect(view.json["rating"]?["flagged"] == true)
            let received = try server.events(number, token: officers.registrar, type: "rating.received")
            #expect(received.count == 1)
            #expect(received.first?["data"]?["flagged"] == true)
            #expect(received.first?["data"]?["score"] == 2)
            #expect(try server.events(number, token: officers.registrar, type: "message.closed").count == 1)

            let again = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                body: (["score": 5] as JSONValue).serialized())
            #expect(again.status == 409, "\(again)")

            // Reconsideration: a new term from the local date of the reopening (6 December in Moscow).
            clock.set("2026-12-05T22:30:00Z")
            etag = try #require(view.header("ETag"))
            #expect(
                try server.transition(number, token: officers.approver, etag: etag, "reopen", [("reason", "Жалоба")])
                    .status
                    == 403)
            try step(officers.registrar, "reopen", [("reason", "Низкая оценка заявителя.")], to: "in_progress")
            #expect(view.json["answer_due_date"] == .string(term.reopenedDueDate))
            #expect(view.json["answer_done_at"] == .null)
            #expect(view.json["extended"] == false)
            let reopened = try server.events(number, token: officers.registrar, type: "message.reopened")
            #expect(reopened.first?["data"]?["answer_due_date"] == .string(term.reopenedDueDate))
            // The earlier answer stays as sent.
            #expect(view.json["answer"]?["text"] == .string(rendered))
        }
    }

    @Test func ratingBeforeTheAnswerIsAConflictAndChangesNothing() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, access) = try server.register()
            try server.drive(number, to: .onApproval, officers)
            let reply = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                body: (["score": 5] as JSONValue).serialized())
            #expect(reply.status == 409, "\(reply)")
            #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            let view = try server.show(number, token: officers.registrar)
            #expect(view.json["status"] == "on_approval")
            #expect(view.json["rating"] == .null)
            #expect(try server.events(number, token: officers.registrar, type: "rating.received").isEmpty)
        }
    }

    @Test(arguments: [(1, true), (2, true), (3, false), (5, false)])
    func lowScoresAreFlagged(_ score: Int, _ flagged: Bool) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, access) = try server.register()
            try server.drive(number, to: .answered, officers)
            let reply = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                body: (["score": .number(JSONNumber(Int64(score)))] as JSONValue).serialized())
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.json["flagged"] == .bool(flagged))
            let feed = try server.officer("GET", "/api/v1/events?after=0", token: officers.registrar).json
            let received = (feed["items"]?.arrayValue ?? []).filter { $0["type"] == "rating.received" }
            #expect(received.count == 1)
            #expect(received.first?["number"] == .string(number))
            #expect(received.first?["data"]?["flagged"] == .bool(flagged))
        }
    }

    @Test func ratingWithAWrongAccessTokenIsNotFound() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            try server.drive(number, to: .answered, officers)
            let reply = try server.request(
                "POST", "/api/v1/messages/\(number)/rating",
                headers: [("X-Access-Token", "not-the-token"), ("Content-Type", "application/json")],
                body: (["score": 4] as JSONValue).serialized())
            #expect(reply.status == 404, "\(reply)")
            #expect(try server.show(number, token: officers.registrar).json["status"] == "answered")
        }
    }
}
