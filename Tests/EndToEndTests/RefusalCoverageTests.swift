import Foundation
import OknoDomain
import OknoJSON
import Testing

/// Refusals of the rating and template endpoints that change nothing.
@Suite struct RefusalCoverageTests {
    static let invalidRatings: [(JSONValue, [String])] = [
        (JSONValue.object([:]), ["score:required"]),
        (JSONValue.object(["score": 0]), ["score:invalid"]),
        (JSONValue.object(["score": 6]), ["score:invalid"]),
        (JSONValue.object(["score": "5"]), ["score:invalid"]),
        (
            JSONValue.object(["score": 4, "comment": .string(String(repeating: "ж", count: 2_001))]),
            ["comment:too_long"]
        ),
    ]

    @Test(arguments: invalidRatings)
    func invalidRatingsAre422AndChangeNothing(body: JSONValue, codes: [String]) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, access) = try server.register()
            try server.drive(number, to: .answered, officers)
            let reply = try server.officer(
                "POST", "/api/v1/messages/\(number)/rating", token: nil, body: body,
                headers: [("X-Access-Token", access)])
            #expect(reply.status == 422, "\(reply)")
            #expect(reply.errorCodes == codes)
            #expect(try server.message(number)?.status == .answered)
        }
    }

    @Test func ratingWithoutAnAccessTokenIs401() throws {
        try withServer { server throws in
            let (number, _) = try server.register()
            let reply = try server.officer("POST", "/api/v1/messages/\(number)/rating", token: nil, body: ["score": 5])
            #expect(reply.status == 401, "\(reply)")
        }
    }

    @Test func templateCodesAreCheckedOnPostAndPut() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let badCode = try server.officer(
                "POST", "/api/v1/templates", token: officers.registrar,
                body: WorkstationTemplateTests.template(code: "не код"))
            #expect(badCode.status == 422, "\(badCode)")
            #expect(badCode.errorCodes == ["code:invalid"])

            let mismatch = try server.officer(
                "PUT", "/api/v1/templates/thanks", token: officers.registrar,
                body: WorkstationTemplateTests.template(code: "other"))
            #expect(mismatch.status == 422, "\(mismatch)")
            #expect(mismatch.errorCodes == ["code:invalid"])

            let list = try server.officer("GET", "/api/v1/templates", token: officers.registrar)
            #expect(list.json["items"]?.arrayValue?.isEmpty == true)
        }
    }
}
