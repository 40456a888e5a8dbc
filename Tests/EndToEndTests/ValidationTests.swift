import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// Every intake rule of the contract, one table case each; a refused request stores nothing.
@Suite struct ValidationTests {
    static let now = "2026-11-29T12:00:00Z"

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        /// Dotted field paths set (or removed, for nil) on the valid fixture.
        var changes: [(String, JSONValue?)]
        /// `field:code` expected in `errors`; empty when the message must be accepted.
        var refused: [String]
        /// The role of the bearer token sent, if any.
        var role: OfficerRole? = nil
        var testDescription: String { label }
    }

    static let digits8000 = String(repeating: "д", count: 8000)

    static let cases: [Case] = [
        Case(label: "topic missing", changes: [("topic", nil)], refused: ["topic:required"]),
        Case(label: "topic unknown", changes: [("topic", "NO_SUCH_TOPIC")], refused: ["topic:unknown"]),
        Case(label: "region missing", changes: [("region", nil)], refused: ["region:required"]),
        Case(label: "region unknown", changes: [("region", "00")], refused: ["region:unknown"]),
        Case(label: "text missing", changes: [("text", nil)], refused: ["text:required"]),
        Case(label: "text empty after trimming", changes: [("text", " \n\t  ")], refused: ["text:required"]),
        Case(label: "text of 8000 characters", changes: [("text", .string(digits8000))], refused: []),
        Case(
            label: "text of 8000 characters between blanks", changes: [("text", .string("  \(digits8000)\n"))],
            refused: []),
        Case(
            label: "text of 8000 characters of several code points each",
            changes: [("text", .string(String(repeating: "👨‍👩‍👧", count: 8000)))], refused: []),
        Case(
            label: "text of 8001 characters", changes: [("text", .string(digits8000 + "ы"))], refused: ["text:too_long"]
        ),
        Case(label: "applicant missing", changes: [("applicant", nil)], refused: ["applicant:required"]),
        Case(label: "applicant kind missing", changes: [("applicant.kind", nil)], refused: ["applicant.kind:required"]),
        Case(
            label: "applicant kind invalid", changes: [("applicant.kind", "person")],
            refused: ["applicant.kind:invalid"]),
        Case(label: "applicant name missing", changes: [("applicant.name", nil)], refused: ["applicant.name:required"]),
        Case(label: "applicant name blank", changes: [("applicant.name", "   ")], refused: ["applicant.name:required"]),
        Case(
            label: "neither email nor phone", changes: [("applicant.email", nil), ("applicant.phone", nil)],
            refused: ["applicant.email:required"]),
        Case(label: "email only", changes: [("applicant.phone", nil)], refused: []),
        Case(
            label: "email without @", changes: [("applicant.email", "ivanov.example.ru")],
            refused: ["applicant.email:invalid"]),
        Case(
            label: "email without domain dot", changes: [("applicant.email", "ivanov@localhost")],
            refused: ["applicant.email:invalid"]),
        Case(
            label: "phone of 10 digits", changes: [("applicant.phone", "+7900123456"), ("applicant.email", nil)],
            refused: ["applicant.phone:invalid"]),
        Case(
            label: "phone of 11 digits", changes: [("applicant.phone", "+79001234567"), ("applicant.email", nil)],
            refused: []),
        Case(
            label: "phone of 15 digits", changes: [("applicant.phone", "+123456789012345"), ("applicant.email", nil)],
            refused: []),
        Case(
            label: "phone of 16 digits", changes: [("applicant.phone", "+1234567890123456"), ("applicant.email", nil)],
            refused: ["applicant.phone:invalid"]),
        Case(
            label: "phone without +", changes: [("applicant.phone", "79001234567")],
            refused: ["applicant.phone:invalid"]),
        Case(
            label: "phone with spaces", changes: [("applicant.phone", "+7 900 123 45 67")],
            refused: ["applicant.phone:invalid"]),
        Case(
            label: "organization without INN", changes: [("applicant.kind", "organization")],
            refused: ["applicant.inn:required"]),
        Case(
            label: "organization with a bad INN check digit",
            changes: [("applicant.kind", "organization"), ("applicant.inn", "7707083894")],
            refused: ["applicant.inn:invalid"]),
        Case(
            label: "organization with a 9-digit INN",
            changes: [("applicant.kind", "organization"), ("applicant.inn", "770708389")],
            refused: ["applicant.inn:invalid"]),
        Case(
            label: "organization with a valid INN",
            changes: [("applicant.kind", "organization"), ("applicant.inn", "7707083893")], refused: []),
        Case(label: "channel invalid", changes: [("channel", "fax")], refused: ["channel:invalid"]),
        Case(label: "every other channel accepted: mobile", changes: [("channel", "mobile")], refused: []),
        Case(label: "every other channel accepted: edms", changes: [("channel", "edms")], refused: []),
        Case(label: "every other channel accepted: open311", changes: [("channel", "open311")], refused: []),
        Case(label: "channel absent means portal", changes: [("channel", nil)], refused: []),
        Case(label: "social without source_url", changes: [("channel", "social")], refused: ["source_url:required"]),
        Case(
            label: "source_url not http(s)", changes: [("channel", "social"), ("source_url", "ftp://example.ru/post")],
            refused: ["source_url:invalid"]),
        Case(
            label: "source_url not a URL", changes: [("source_url", "javascript:alert(1)")],
            refused: ["source_url:invalid"]),
        Case(label: "latitude out of range", changes: [("location.lat", 90.5)], refused: ["location.lat:out_of_range"]),
        Case(
            label: "longitude out of range", changes: [("location.lon", -180.01)],
            refused: ["location.lon:out_of_range"]),
        Case(
            label: "location at the limits", changes: [("location.lat", -90.0), ("location.lon", 180.0)], refused: []),
        Case(label: "location without lon", changes: [("location.lon", nil)], refused: ["location.lon:required"]),
        Case(
            label: "registered_at without a token", changes: [("registered_at", "2026-11-20T10:00:00Z")],
            refused: ["registered_at:forbidden"]),
        Case(
            label: "registered_at from an executor", changes: [("registered_at", "2026-11-20T10:00:00Z")],
            refused: ["registered_at:forbidden"], role: .executor),
        Case(
            label: "registered_at from an analyst", changes: [("registered_at", "2026-11-20T10:00:00Z")],
            refused: ["registered_at:forbidden"], role: .analyst),
        Case(
            label: "registered_at from an integration", changes: [("registered_at", "2026-11-20T10:00:00Z")],
            refused: [], role: .integration),
        Case(
            label: "registered_at from a registrar", changes: [("registered_at", "2026-11-20T10:00:00Z")],
            refused: [], role: .registrar),
        Case(
            label: "registered_at in the future", changes: [("registered_at", "2026-11-29T12:00:01Z")],
            refused: ["registered_at:in_future"], role: .integration),
        Case(
            label: "registered_at malformed", changes: [("registered_at", "29.11.2026 10:00")],
            refused: ["registered_at:invalid"], role: .integration),
        Case(
            label: "registered_at in year 0", changes: [("registered_at", "0000-06-01T10:00:00Z")],
            refused: ["registered_at:invalid"], role: .integration),
        Case(
            label: "registered_at without a zone", changes: [("registered_at", "2026-11-20T10:00:00")],
            refused: ["registered_at:invalid"], role: .integration),
        Case(label: "topic not a string", changes: [("topic", 5)], refused: ["topic:invalid_type"]),
        Case(label: "applicant not an object", changes: [("applicant", "Иванов")], refused: ["applicant:invalid_type"]),
        Case(
            label: "location not an object", changes: [("location", [55.75, 37.62])], refused: ["location:invalid_type"]
        ),
        Case(label: "location null", changes: [("location", .null)], refused: []),
        Case(
            label: "applicant name of 500 two-byte characters",
            changes: [("applicant.name", .string(String(repeating: "я", count: 500)))], refused: []),
        Case(
            label: "applicant name over 500 characters",
            changes: [("applicant.name", .string(String(repeating: "я", count: 501)))],
            refused: ["applicant.name:too_long"]),
        Case(
            label: "address of 1000 two-byte characters",
            changes: [("address", .string(String(repeating: "а", count: 1000)))], refused: []),
        Case(
            label: "address over 1000 characters", changes: [("address", .string(String(repeating: "а", count: 1001)))],
            refused: ["address:too_long"]),
        Case(
            label: "source_url over 2048 characters",
            changes: [("source_url", .string("https://vk.com/" + String(repeating: "a", count: 2034)))],
            refused: ["source_url:too_long"]),
        Case(
            label: "every bad field at once",
            changes: [
                ("topic", "NO_SUCH_TOPIC"), ("region", "00"), ("text", "   "), ("applicant.kind", "organization"),
                ("applicant.email", "nope"), ("applicant.phone", "123"), ("channel", "social"),
                ("location.lat", 100.0), ("registered_at", "2026-11-20T10:00:00Z"),
            ],
            refused: [
                "topic:unknown", "region:unknown", "text:required", "applicant.email:invalid",
                "applicant.phone:invalid", "applicant.inn:required", "location.lat:out_of_range",
                "source_url:required", "registered_at:forbidden",
            ]),
    ]

    @Test(arguments: cases)
    func intakeRule(_ example: Case) throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            var body = Fixtures.message()
            for (path, value) in example.changes { body = body.setting(path, to: value) }
            var headers: [(String, String)] = []
            if let role = example.role {
                let token = try server.token(role: role, unit: role == .executor ? "GU-77" : nil)
                headers.append(("Authorization", "Bearer \(token)"))
            }
            let reply = try server.submit(body, headers: headers)
            if example.refused.isEmpty {
                #expect(reply.status == 201, "\(reply)")
                #expect(try server.messageCount() == 1)
            } else {
                #expect(reply.status == 422, "\(reply)")
                #expect(reply.header("Content-Type") == "application/problem+json")
                #expect(reply.json["status"]?.int64Value == 422)
                #expect(reply.json["type"]?.stringValue != nil)
                #expect(reply.json["title"]?.stringValue != nil)
                #expect(reply.json["detail"]?.stringValue != nil)
                #expect(Set(reply.errorCodes) == Set(example.refused), "\(reply)")
                for error in reply.json["errors"]?.arrayValue ?? [] {
                    #expect(error["message"]?.stringValue?.isEmpty == false)
                }
                #expect(try server.messageCount() == 0)
            }
        }
    }

    @Test func registeredAtFromAnIntegrationIsKeptAndDeadlinesCountFromIt() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let token = try server.token(role: .integration, name: "federal-platform")
            // 02:30 on 21 November in Moscow.
            let body = Fixtures.message(topic: "FIRE_WATER_SUPPLY").setting("registered_at", to: "2026-11-20T23:30:00Z")
            let reply = try server.submit(body, headers: [("Authorization", "Bearer \(token)")])
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.json["registered_at"] == "2026-11-20T23:30:00Z")
            #expect(reply.json["answer_due_date"] == "2026-12-21")
            #expect(reply.json["answer_due_at"] == "2026-12-21T21:00:00Z")
            let stored = try #require(try server.message("2026-000001"))
            #expect(stored.registeredDate.description == "2026-11-21")
            #expect(stored.registeredAt == instant("2026-11-20T23:30:00Z"))
            // Okno received it now, from the integration; the events say who registered it.
            #expect(stored.createdAt == instant(Self.now))
            let events = try server.server.store.read { try EventRepository.list(messageID: stored.id, $0) }
            #expect(events.map(\.type) == ["message.registered", "message.assigned"])
            #expect(events.allSatisfy { $0.actor == "federal-platform" && $0.at == stored.registeredAt })
        }
    }

    @Test func registeredAtWithAnOffsetIsTheSameInstant() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let token = try server.token(role: .integration)
            let body = Fixtures.message(topic: "FIRE_WATER_SUPPLY").setting(
                "registered_at", to: "2026-11-21T02:30:00+03:00")
            let reply = try server.submit(body, headers: [("Authorization", "Bearer \(token)")])
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.json["registered_at"] == "2026-11-20T23:30:00Z")
            #expect(reply.json["answer_due_date"] == "2026-12-21")
        }
    }
}
