import Foundation
import OknoJSON
import Testing

/// `Idempotency-Key`: one message per key, however often and however simultaneously it is sent.
@Suite struct IdempotencyTests {
    @Test func replayReturnsTheSameMessageAndItsTokenWorks() throws {
        try withServer { server throws in
            let key = [("Idempotency-Key", "portal-7f3a")]
            let first = try server.submit(Fixtures.message(), headers: key)
            #expect(first.status == 201, "\(first)")
            let replay = try server.submit(Fixtures.message(), headers: key)
            #expect(replay.status == 200, "\(replay)")
            #expect(replay.json["number"] == first.json["number"])
            #expect(replay.json["answer_due_at"] == first.json["answer_due_at"])
            #expect(replay.json["registered_at"] == first.json["registered_at"])
            #expect(replay.header("Location") == first.header("Location"))
            #expect(try server.messageCount() == 1)

            let number = try #require(first.json["number"]?.stringValue)
            for reply in [first, replay] {
                let token = try #require(reply.json["access_token"]?.stringValue)
                let view = try server.publicView(number, token: token)
                #expect(view.status == 200, "\(view)")
            }
        }
    }

    @Test func replayWithTheFieldsInAnotherOrderIsTheSameBody() throws {
        try withServer { server throws in
            let key = [("Idempotency-Key", "portal-reordered")]
            let original = Fixtures.message()
            let first = try server.submit(original, headers: key)
            #expect(first.status == 201, "\(first)")
            let reordered = JSONValue.object(JSONObject(try #require(original.objectValue).members.reversed()))
            let replay = try server.submit(reordered, headers: key)
            #expect(replay.status == 200, "\(replay)")
            #expect(replay.json["number"] == first.json["number"])
            #expect(try server.messageCount() == 1)
        }
    }

    @Test func sameKeyWithAnotherBodyIs422() throws {
        try withServer { server throws in
            let key = [("Idempotency-Key", "portal-7f3a")]
            #expect(try server.submit(Fixtures.message(), headers: key).status == 201)
            let other = try server.submit(Fixtures.message(text: "Другой текст"), headers: key)
            #expect(other.status == 422, "\(other)")
            #expect(other.errorFields == ["Idempotency-Key"])
            #expect(try server.messageCount() == 1)
        }
    }

    @Test func differentKeysMakeDifferentMessages() throws {
        try withServer { server throws in
            let first = try server.submit(Fixtures.message(), headers: [("Idempotency-Key", "a")])
            let second = try server.submit(Fixtures.message(), headers: [("Idempotency-Key", "b")])
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(first.json["number"] != second.json["number"])
            #expect(try server.messageCount() == 2)
        }
    }

    @Test func refusedRequestDoesNotUseUpTheKey() throws {
        try withServer { server throws in
            let key = [("Idempotency-Key", "k-1")]
            #expect(try server.submit(Fixtures.message(topic: "NO_SUCH_TOPIC"), headers: key).status == 422)
            #expect(try server.submit(Fixtures.message(), headers: key).status == 201)
            #expect(try server.messageCount() == 1)
        }
    }

    @Test(arguments: ["", String(repeating: "k", count: 256)])
    func unusableKeyIs400(_ key: String) throws {
        try withServer { server throws in
            let reply = try server.submit(Fixtures.message(), headers: [("Idempotency-Key", key)])
            #expect(reply.status == 400, "\(reply)")
            #expect(try server.messageCount() == 0)
        }
    }

    @Test func twentySimultaneousRequestsMakeOneMessage() throws {
        try withServer(now: fixedClock("2026-11-29T04:30:00Z")) { server throws in
            let count = 20
            let replies = Locked<[Result<HTTPReply, any Error>]>([])
            let start = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            let body = Fixtures.message().serialized()
            for _ in 0..<count {
                done.enter()
                Thread {
                    start.wait()
                    let result: Result<HTTPReply, any Error>
                    do {
                        result = .success(
                            try HTTPClient.request(
                                port: server.port, "POST", "/api/v1/messages",
                                headers: [("Content-Type", "application/json"), ("Idempotency-Key", "burst")],
                                body: body))
                    } catch {
                        result = .failure(error)
                    }
                    replies.mutate { $0.append(result) }
                    done.leave()
                }.start()
            }
            for _ in 0..<count { start.signal() }
            #expect(done.wait(timeout: .now() + 20) == .success)

            let results = replies.value
            let all = results.compactMap { try? $0.get() }
            #expect(all.count == count, "\(results)")
            #expect(all.allSatisfy { $0.status == 200 || $0.status == 201 }, "\(all.map(\.status))")
            #expect(all.filter { $0.status == 201 }.count == 1)
            #expect(Set(all.compactMap { $0.json["number"]?.stringValue }) == ["2026-000001"])
            #expect(try server.messageCount() == 1)
            // Every caller's access token opens the one message.
            for reply in all {
                let token = reply.json["access_token"]?.stringValue ?? ""
                #expect(try server.publicView("2026-000001", token: token).status == 200)
            }
        }
    }
}
