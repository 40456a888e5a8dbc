import Foundation
import OknoDomain
import OknoJSON
import OknoStore
import Testing

/// ETags and `If-Match`, concurrent conflicting transitions, unit scoping and the audit of
/// personal data reads.
@Suite struct WorkstationAccessTests {
    @Test func transitionsNeedTheCurrentETag() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            let first = try server.show(number, token: officers.executor)
            let etag = try #require(first.header("ETag"))

            let missing = try server.transition(number, token: officers.executor, etag: nil, "accept")
            #expect(missing.status == 428, "\(missing)")
            #expect(missing.header("Content-Type")?.hasPrefix("application/problem+json") == true)

            let accepted = try server.transition(number, token: officers.executor, etag: etag, "accept")
            #expect(accepted.status == 200, "\(accepted)")
            let next = try #require(accepted.header("ETag"))
            #expect(next != etag)
            #expect(try server.show(number, token: officers.executor).header("ETag") == next)

            // The old ETag is stale now: 412 with the current one, and nothing changes.
            let stale = try server.transition(
                number, token: officers.executor, etag: etag, "draft_answer", [("text", "Ответ")])
            #expect(stale.status == 412, "\(stale)")
            #expect(stale.header("ETag") == next)
            #expect(try server.message(number)?.answerDraft == nil)

            // The ETag of a response works for the next step, also in a list of candidates.
            let drafted = try server.transition(
                number, token: officers.executor, etag: "\"999\", \(next)", "draft_answer", [("text", "Ответ")])
            #expect(drafted.status == 200, "\(drafted)")
            let submitted = try server.transition(
                number, token: officers.executor, etag: drafted.header("ETag"), "submit")
            #expect(submitted.status == 200, "\(submitted)")
            #expect(submitted.json["status"] == "on_approval")
        }
    }

    @Test func ofConcurrentConflictingTransitionsExactlyOneWins() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            let etag = try server.etag(number, token: officers.executor)
            let port = server.port
            let executor = officers.executor
            let replies = simultaneously(10) { _ in
                try HTTPClient.request(
                    port: port, "POST", "/api/v1/messages/\(number)/transitions",
                    headers: [
                        ("Authorization", "Bearer \(executor)"), ("Content-Type", "application/json"),
                        ("If-Match", etag),
                    ],
                    body: (["action": "accept"] as JSONValue).serialized())
            }
            let statuses = try replies.map { try $0.get().status }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { [200, 409, 412].contains($0) }, "\(statuses)")
            let record = try #require(try server.message(number))
            #expect(record.status == .inProgress)
            #expect(record.version == 2)
            #expect(try server.events(number, token: officers.registrar, type: "message.in_progress").count == 1)
        }
    }

    @Test func ofAnApprovalAndARejectionAtOnceOneWins() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            try server.drive(number, to: .onApproval, officers)
            let etag = try server.etag(number, token: officers.approver)
            let port = server.port
            let approver = officers.approver
            let replies = simultaneously(6) { index in
                let body: JSONValue =
                    index.isMultiple(of: 2) ? ["action": "approve"] : ["action": "reject", "comment": "Нет."]
                return try HTTPClient.request(
                    port: port, "POST", "/api/v1/messages/\(number)/transitions",
                    headers: [
                        ("Authorization", "Bearer \(approver)"), ("Content-Type", "application/json"),
                        ("If-Match", etag),
                    ],
                    body: body.serialized())
            }
            let statuses = try replies.map { try $0.get().status }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 412 }.count == 5, "\(statuses)")
            let record = try #require(try server.message(number))
            #expect(record.version == 5)
            #expect([.answered, .inProgress].contains(record.status))
        }
    }

    @Test func ofTwoRatingsAtOnceOneCounts() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, access) = try server.register()
            try server.drive(number, to: .answered, officers)
            let port = server.port
            let replies = simultaneously(4) { index in
                try HTTPClient.request(
                    port: port, "POST", "/api/v1/messages/\(number)/rating",
                    headers: [("X-Access-Token", access), ("Content-Type", "application/json")],
                    body: (["score": .number(JSONNumber(Int64(index + 1)))] as JSONValue).serialized())
            }
            let statuses = try replies.map { try $0.get().status }
            #expect(statuses.sorted() == [201, 409, 409, 409], "\(statuses)")
            #expect(try server.events(number, token: officers.registrar, type: "rating.received").count == 1)
            #expect(try server.events(number, token: officers.registrar, type: "message.closed").count == 1)
        }
    }

    @Test func executorsAndApproversSeeOnlyTheirUnit() throws {
        try withServer { server throws in
            let moscow = try Officers(server, unit: "GU-77")
            let region = try Officers(server, unit: "GU-50")
            let (ours, _) = try server.register(Fixtures.message(region: "50"))
            let (theirs, _) = try server.register(Fixtures.message(region: "77"))
            let etag = try server.etag(theirs, token: moscow.registrar)

            for token in [region.executor, region.approver] {
                let shown = try server.show(theirs, token: token)
                #expect(shown.status == 404, "\(shown)")
                #expect(!shown.text.contains("Иванов"))
                let attempts: [(String, [(String, JSONValue)])] = [
                    ("accept", []), ("extend", [("days", 5), ("reason", "Выезд")]),
                    ("reassign", [("unit", "GU-50"), ("reason", "Наш район")]),
                ]
                for (action, fields) in attempts {
                    let reply = try server.transition(theirs, token: token, etag: etag, action, fields)
                    #expect(reply.status == 404, "\(action): \(reply)")
                    // Even without If-Match: the message's existence is not revealed.
                    #expect(try server.transition(theirs, token: token, etag: nil, action, fields).status == 404)
                }
                #expect(try server.show(ours, token: token).status == 200)

                let queue = try server.officer("GET", "/api/v1/queue", token: token)
                #expect(queue.status == 200, "\(queue)")
                #expect(Self.numbers(queue) == [ours])
                #expect(try server.officer("GET", "/api/v1/queue?unit=GU-50", token: token).status == 200)
                let other = try server.officer("GET", "/api/v1/queue?unit=GU-77", token: token)
                #expect(other.status == 403, "\(other)")
            }
            #expect(try server.message(theirs)?.version == 1)

            for token in [moscow.registrar, moscow.analyst] {
                #expect(try server.show(theirs, token: token).status == 200)
                #expect(try server.show(ours, token: token).status == 200)
                let queue = try server.officer("GET", "/api/v1/queue", token: token)
                #expect(Set(Self.numbers(queue)) == [ours, theirs])
                #expect(Self.numbers(try server.officer("GET", "/api/v1/queue?unit=GU-77", token: token)) == [theirs])
            }

            // The analyst reads but never acts.
            let analyst = try server.transition(
                theirs, token: moscow.analyst, etag: etag, "extend", [("days", 5), ("reason", "x")])
            #expect(analyst.status == 403, "\(analyst)")
            for action in ["accept", "reopen", "close_no_answer"] {
                #expect(
                    try server.transition(theirs, token: moscow.analyst, etag: etag, action, [("reason", "duplicate")])
                        .status == 403)
            }
            #expect(try server.message(theirs)?.version == 1)
        }
    }

    @Test func officerEndpointsRefuseRequestsWithoutAValidToken() throws {
        try withServer { server throws in
            let (number, _) = try server.register()
            for (method, path) in [
                ("GET", "/api/v1/messages/\(number)"), ("POST", "/api/v1/messages/\(number)/transitions"),
                ("GET", "/api/v1/queue"), ("GET", "/api/v1/templates"), ("POST", "/api/v1/templates"),
                ("GET", "/api/v1/routing/rules"), ("POST", "/api/v1/routing/rules"),
                ("GET", "/api/v1/routing/explain?topic=ROADS&region=77"),
                ("DELETE", "/api/v1/routing/rules/1"),
            ] {
                let body: JSONValue? = method == "POST" ? ["action": "accept"] : nil
                #expect(try server.officer(method, path, token: nil, body: body).status == 401, "\(method) \(path)")
                #expect(
                    try server.officer(method, path, token: "forged", body: body).status == 401, "\(method) \(path)")
            }
        }
    }

    @Test func readingTheApplicantsDataIsRecordedWithTheReader() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            let id = try #require(try server.message(number)?.id)
            #expect(try server.show(number, token: officers.executor).status == 200)
            #expect(try server.show(number, token: officers.analyst).status == 200)
            // Recorded without delaying the answer, with the reads of the next 50 ms: wait up to a second.
            var reads: [String] = []
            for _ in 0..<100 {
                reads = try server.server.store.read { connection in
                    var actors: [String] = []
                    try connection.query(
                        "SELECT actor, role FROM personal_data_reads WHERE message_id = ? ORDER BY id", [.integer(id)]
                    ) { actors.append(($0.string(at: 0) ?? "") + "/" + ($0.string(at: 1) ?? "")) }
                    return actors
                }
                if reads.count >= 2 { break }
                usleep(10_000)
            }
            #expect(reads == ["executor-GU-77/executor", "analyst-GU-77/analyst"])

            // A refused read records nothing.
            let other = try Officers(server, unit: "GU-50")
            #expect(try server.show(number, token: other.executor).status == 404)
            server.server.services.personalDataReads.flush()
            try server.server.store.writeSync { _ in }
            let count = try server.server.store.read {
                try $0.scalar("SELECT count(*) FROM personal_data_reads WHERE actor = 'executor-GU-50'")?.int64
            }
            #expect(count == 0)
        }
    }

    static func numbers(_ reply: HTTPReply) -> [String] {
        reply.json["items"]?.arrayValue?.compactMap { $0["number"]?.stringValue } ?? []
    }
}
