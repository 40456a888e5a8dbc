import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// `/api/v1/templates`: who saves them, what they may say, and their life cycle.
@Suite struct WorkstationTemplateTests {
    static func template(
        code: String = "thanks", title: String = "Благодарность", topic: JSONValue = "GRATITUDE",
        body: String = "Уважаемый(ая) {{applicant.name}}! Благодарим за обращение № {{number}}."
    ) -> JSONValue {
        ["code": .string(code), "title": .string(title), "topic": topic, "body": .string(body)]
    }

    @Test(arguments: [OfficerRole.registrar, .approver, .admin])
    func editorsCreateReplaceAndDeleteTemplates(_ role: OfficerRole) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let token = officers[role]
            let created = try server.officer("POST", "/api/v1/templates", token: token, body: Self.template())
            #expect(created.status == 201, "\(created)")
            #expect(created.header("Location") == "/api/v1/templates/thanks")
            #expect(created.json == Self.template())

            let duplicate = try server.officer(
                "POST", "/api/v1/templates", token: token, body: Self.template(title: "Другое"))
            #expect(duplicate.status == 409, "\(duplicate)")
            #expect(
                try server.officer("GET", "/api/v1/templates/thanks", token: token).json["title"] == "Благодарность")

            let replacement = Self.template(
                title: "Благодарность сотрудникам", topic: nil, body: "Спасибо, {{ applicant.name }}.")
            let replaced = try server.officer("PUT", "/api/v1/templates/thanks", token: token, body: replacement)
            #expect(replaced.status == 200, "\(replaced)")
            #expect(replaced.json == replacement)
            // Any officer reads templates.
            let shown = try server.officer("GET", "/api/v1/templates/thanks", token: officers.executor)
            #expect(shown.status == 200)
            #expect(shown.json == replacement)

            // PUT to a new code creates it; the code may be left out of the body.
            let fresh = try server.officer(
                "PUT", "/api/v1/templates/refusal", token: token,
                body: ["title": "Отказ", "body": "Обращение {{number}} от {{registered_date}} оставлено без ответа."])
            #expect(fresh.status == 201, "\(fresh)")
            #expect(fresh.header("Location") == "/api/v1/templates/refusal")
            #expect(fresh.json["topic"] == .null)

            let list = try server.officer("GET", "/api/v1/templates", token: officers.analyst)
            #expect(list.status == 200)
            #expect(list.json["items"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["refusal", "thanks"])
            #expect(list.json["next_cursor"] == .null)

            let deleted = try server.officer("DELETE", "/api/v1/templates/thanks", token: token)
            #expect(deleted.status == 204, "\(deleted)")
            #expect(try server.officer("GET", "/api/v1/templates/thanks", token: token).status == 404)
            #expect(try server.officer("DELETE", "/api/v1/templates/thanks", token: token).status == 404)
            #expect(try server.officer("GET", "/api/v1/templates", token: token).json["items"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: [OfficerRole.executor, .analyst, .integration])
    func othersMayNotSaveOrDeleteTemplates(_ role: OfficerRole) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            #expect(
                try server.officer("POST", "/api/v1/templates", token: officers.registrar, body: Self.template()).status
                    == 201)
            let token = officers[role]
            #expect(
                try server.officer("POST", "/api/v1/templates", token: token, body: Self.template(code: "x")).status
                    == 403)
            #expect(
                try server.officer("PUT", "/api/v1/templates/thanks", token: token, body: Self.template(title: "Нет"))
                    .status == 403)
            #expect(try server.officer("DELETE", "/api/v1/templates/thanks", token: token).status == 403)
            let kept = try server.officer("GET", "/api/v1/templates/thanks", token: token)
            #expect(kept.status == 200)
            #expect(kept.json == Self.template())
        }
    }

    @Test func unknownPlaceholdersAndTopicsAreRefused() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let unknownPlaceholder = try server.officer(
                "POST", "/api/v1/templates", token: officers.approver,
                body: Self.template(body: "Уважаемый {{applicant.surname}}, ответ по {{number}} — {{ unit.head }}."))
            #expect(unknownPlaceholder.status == 422, "\(unknownPlaceholder)")
            #expect(unknownPlaceholder.errorFields == ["body"])
            #expect(unknownPlaceholder.text.contains("applicant.surname"))
            #expect(unknownPlaceholder.text.contains("unit.head"))

            let unknownTopic = try server.officer(
                "POST", "/api/v1/templates", token: officers.approver, body: Self.template(topic: "ALIENS"))
            #expect(unknownTopic.status == 422)
            #expect(unknownTopic.errorCodes == ["topic:unknown"])

            let everything = try server.officer(
                "POST", "/api/v1/templates", token: officers.approver,
                body: ["code": "bad code!", "topic": "ALIENS", "body": "{{x}}"])
            #expect(everything.status == 422)
            #expect(Set(everything.errorFields) == ["code", "title", "topic", "body"])

            let mismatch = try server.officer(
                "PUT", "/api/v1/templates/thanks", token: officers.approver, body: Self.template(code: "other"))
            #expect(mismatch.status == 422)
            #expect(mismatch.errorFields == ["code"])

            let placeholderOnPut = try server.officer(
                "PUT", "/api/v1/templates/thanks", token: officers.approver, body: Self.template(body: "{{today}}"))
            #expect(placeholderOnPut.errorFields == ["body"])
            #expect(try server.officer("GET", "/api/v1/templates", token: officers.approver).json["items"] == [])
        }
    }

    @Test func draftingFromAnUnknownTemplateIsRefused() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            try server.drive(number, to: .inProgress, officers)
            let reply = try server.act(number, token: officers.executor, "draft_answer", [("template", "missing")])
            #expect(reply.status == 422, "\(reply)")
            #expect(reply.errorCodes == ["template:unknown"])
            let both = try server.act(
                number, token: officers.executor, "draft_answer", [("template", "x"), ("text", "y")])
            #expect(both.errorCodes == ["template:conflict"])
        }
    }
}
