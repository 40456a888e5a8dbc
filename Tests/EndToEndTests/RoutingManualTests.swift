import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Issue 4: the administrative department routes, reassigns and forwards by hand.
@Suite struct RoutingManualTests {
    /// 07:30 in Moscow on 2026-11-29.
    static let now = "2026-11-29T04:30:00Z"

    @Test func theRegistrarRoutesAnUnroutedMessage() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let region = try Officers(server, unit: "GU-50")
            let (number, _) = try server.register()
            // No rule can leave a known topic unrouted while the directory is complete: set it up by hand.
            try server.sql("UPDATE messages SET status = 'registered', unit = NULL WHERE number = ?", [.text(number)])
            let before = try server.show(number, token: officers.registrar)
            #expect(before.json["status"] == "registered")
            #expect(before.json["allowed_actions"] == ["route", "forward", "close_no_answer"])
            #expect(try server.show(number, token: officers.executor).status == 404)
            let queue = try server.officer("GET", "/api/v1/queue?status=registered", token: officers.registrar)
            #expect(queue.json["items"]?[0]?["number"] == .string(number))
            #expect(queue.json["items"]?[0]?["unit"] == .null)

            let etag = try #require(before.header("ETag"))
            // An unrouted message belongs to no unit: approvers do not see it, executors neither.
            #expect(
                try server.transition(number, token: officers.approver, etag: etag, "route", [("unit", "GU-50")]).status
                    == 404)
            #expect(
                try server.transition(number, token: officers.analyst, etag: etag, "route", [("unit", "GU-50")]).status
                    == 403)
            let unknown = try server.transition(
                number, token: officers.registrar, etag: etag, "route", [("unit", "GU-00")])
            #expect(unknown.status == 422)
            #expect(unknown.errorFields == ["unit"])
            let routed = try server.transition(
                number, token: officers.registrar, etag: etag, "route", [("unit", "GU-50")])
            #expect(routed.status == 200, "\(routed)")
            #expect(routed.json["status"] == "assigned")
            #expect(routed.json["unit"] == "GU-50")
            #expect(routed.json["answer_due_date"] == before.json["answer_due_date"])
            #expect(
                try server.events(number, token: officers.registrar, type: "message.assigned").last?["data"]?["unit"]
                    == "GU-50")
            // Now the unit's executor has it.
            #expect(try server.act(number, token: region.executor, "accept").status == 200)
        }
    }

    @Test func reassigningAndForwardingKeepTheAnswerDeadline() throws {
        let clock = TestClock(Self.now)
        try withServer(now: clock.now) { server throws in
            let officers = try Officers(server)
            let region = try Officers(server, unit: "GU-50")
            let (number, _) = try server.register()
            try server.drive(number, to: .answerDrafted, officers)
            let original = try server.show(number, token: officers.registrar).json

            clock.set("2026-12-03T10:00:00Z")
            let reassigned = try server.act(
                number, token: officers.approver, "reassign",
                [("unit", "GU-50"), ("reason", "Место — Московская область.")])
            #expect(reassigned.status == 200, "\(reassigned)")
            #expect(reassigned.json["status"] == "assigned")
            #expect(reassigned.json["unit"] == "GU-50")
            #expect(reassigned.json["assignee"] == .null)
            // The approver sees the result of their own transition, but may do nothing more with it.
            #expect(reassigned.json["allowed_actions"] == [])
            #expect(reassigned.header("ETag") != nil)
            for field in ["answer_due_at", "answer_due_date", "registered_at", "forward_due_at"] {
                #expect(reassigned.json[field] == original[field], "\(field)")
            }
            let event = try #require(
                try server.events(number, token: officers.registrar, type: "message.assigned").last)
            #expect(event["data"]?["previous_unit"] == "GU-77")
            #expect(event["data"]?["reason"] == "Место — Московская область.")
            #expect(event["actor"] == "approver-GU-77")
            // The old unit lost it, the new one has it.
            #expect(try server.show(number, token: officers.approver).status == 404)
            let sameUnit = try server.act(
                number, token: region.approver, "reassign", [("unit", "GU-50"), ("reason", "x")])
            #expect(sameUnit.status == 409, "\(sameUnit)")

            clock.set("2026-12-04T10:00:00Z")
            let forwarded = try server.act(
                number, token: region.approver, "forward", [("agency", "LOCAL_GOV"), ("reason", "Компетенция ОМСУ.")])
            #expect(forwarded.status == 200, "\(forwarded)")
            #expect(forwarded.json["status"] == "forwarded")
            #expect(forwarded.json["forwarded_to"] == "LOCAL_GOV")
            #expect(forwarded.json["allowed_actions"] == [])
            for field in ["answer_due_at", "answer_due_date"] {
                #expect(forwarded.json[field] == original[field], "\(field)")
            }
            let sent = try #require(
                try server.events(number, token: officers.registrar, type: "message.forwarded").first)
            #expect(sent["data"]?["agency"] == "LOCAL_GOV")
            // No forward deadline ran for a message of the ministry's competence.
            #expect(sent["data"]?["late"] == nil)
            // Final: nothing more happens to it.
            let after = try server.act(number, token: officers.registrar, "reopen", [("reason", "x")])
            #expect(after.status == 409)
            #expect(after.json["allowed_actions"] == [])
        }
    }

    struct ForwardCase: Sendable, CustomStringConvertible {
        let registeredAt: String
        let late: Bool
        var description: String { "registered \(registeredAt)" }
    }

    @Test(arguments: [
        ForwardCase(registeredAt: "2026-11-19T04:30:00Z", late: true),
        ForwardCase(registeredAt: "2026-11-27T04:30:00Z", late: false),
    ])
    func forwardingAfterTheForwardDeadlineIsRecordedLate(_ forward: ForwardCase) throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register(
                Fixtures.message(topic: "SNOW_ICE_REMOVAL").setting("registered_at", to: .string(forward.registeredAt)),
                token: officers.integration)
            let before = try server.show(number, token: officers.registrar).json
            #expect(before["unit"] == "AD")
            #expect(before["suggested_agency"] == "LOCAL_GOV")
            #expect(before["risk"] == (forward.late ? "overdue" : "on_track"))

            let reply = try server.act(
                number, token: officers.registrar, "forward",
                [("agency", "LOCAL_GOV"), ("reason", "Уборка снега — ОМСУ.")])
            #expect(reply.status == 200, "\(reply)")
            #expect(reply.json["status"] == "forwarded")
            #expect(reply.json["forward_done_at"] == .string(Self.now))
            #expect(reply.json["forward_due_at"] == before["forward_due_at"])
            #expect(reply.json["answer_due_at"] == before["answer_due_at"])
            #expect(reply.json["suggested_agency"] == .null)
            #expect(reply.json["risk"] == (forward.late ? "late" : "on_time"))
            let event = try #require(
                try server.events(number, token: officers.registrar, type: "message.forwarded").first)
            #expect(event["data"]?["late"] == .bool(forward.late))
            #expect(event["actor"] == "registrar-GU-77")
            // Forwarded messages leave the queue.
            let queue = try server.officer("GET", "/api/v1/queue", token: officers.registrar)
            #expect(queue.json["items"] == [])
        }
    }

    @Test func reassigningAnExternalMessageToAUnitEndsItsForwardDeadline() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register(Fixtures.message(topic: "SNOW_ICE_REMOVAL"))
            let before = try server.show(number, token: officers.registrar).json
            let reply = try server.act(
                number, token: officers.registrar, "reassign",
                [("unit", "GU-77"), ("reason", "Сосульки угрожают людям.")])
            #expect(reply.status == 200, "\(reply)")
            #expect(reply.json["unit"] == "GU-77")
            #expect(reply.json["suggested_agency"] == .null)
            #expect(reply.json["answer_due_at"] == before["answer_due_at"])
            #expect(reply.json["forward_due_at"] == before["forward_due_at"])
            let item = try server.officer("GET", "/api/v1/queue?unit=GU-77", token: officers.registrar).json["items"]?[
                0]
            #expect(item?["number"] == .string(number))
            #expect(item?["answer_due_at"] == before["answer_due_at"])
        }
    }
}
