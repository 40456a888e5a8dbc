import Foundation
import OknoJSON
import OknoStore
import Testing

/// `POST /api/v1/messages`: what a registered message looks like, by route.
@Suite struct IntakeTests {
    /// 07:30 in Moscow on 2026-11-29.
    static let now = "2026-11-29T04:30:00Z"

    @Test func territorialTopicGoesToTheRegionsBodyWithAnExpeditedTerm() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let reply = try server.submit(Fixtures.message())
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.header("Location") == "/api/v1/messages/2026-000001")
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            let body = reply.json
            #expect(body["number"] == "2026-000001")
            #expect(body["status"] == "assigned")
            #expect(body["topic"] == "GRASS_BURNING")
            #expect(body["region"] == "77")
            #expect(body["unit"] == "GU-77")
            #expect(body["expedited"] == true)
            #expect(body["registered_at"] == "2026-11-29T04:30:00Z")
            #expect(body["answer_due_date"] == "2026-12-09")
            // 24:00 in Moscow (UTC+3) at the end of 9 December.
            #expect(body["answer_due_at"] == "2026-12-09T21:00:00Z")
            #expect(body["forward_due_at"] == .null)
            let token = try #require(body["access_token"]?.stringValue)
            #expect(token.count >= 20)

            let stored = try #require(try server.message("2026-000001"))
            #expect(stored.text == "Горит сухая трава у дома 5.")
            #expect(stored.applicant.name == "Иванов Иван Иванович")
            #expect(stored.applicant.email == "ivanov@example.ru")
            #expect(stored.registeredDate.description == "2026-11-29")
            #expect(stored.latitude == 55.75)
            #expect(stored.createdAt == instant(Self.now))
            // From the portal: no officer or system registered it.
            let events = try server.server.store.read { try EventRepository.list(messageID: stored.id, $0) }
            #expect(events.map(\.type) == ["message.registered", "message.assigned"])
            #expect(events.allSatisfy { $0.actor == nil })
        }
    }

    @Test func textIsStoredTrimmed() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let reply = try server.submit(Fixtures.message(text: "  \n Дым над лесом \t\n"))
            #expect(reply.status == 201, "\(reply)")
            #expect(try server.message("2026-000001")?.text == "Дым над лесом")
        }
    }

    @Test func centralTopicGoesToItsDepartmentWithAThirtyDayTerm() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let reply = try server.submit(Fixtures.message(topic: "FIRE_SAFETY_REGULATION"))
            #expect(reply.status == 201, "\(reply)")
            let body = reply.json
            #expect(body["status"] == "assigned")
            #expect(body["unit"] == "DNDPR")
            #expect(body["expedited"] == false)
            #expect(body["answer_due_date"] == "2026-12-29")
            #expect(body["answer_due_at"] == "2026-12-29T21:00:00Z")
            #expect(body["forward_due_at"] == .null)
        }
    }

    @Test func externalTopicWaitsInTheAdministrativeDepartmentWithAForwardDeadline() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let reply = try server.submit(Fixtures.message(topic: "SNOW_ICE_REMOVAL"))
            #expect(reply.status == 201, "\(reply)")
            let body = reply.json
            #expect(body["status"] == "assigned")
            #expect(body["unit"] == "AD")
            #expect(body["suggested_agency"] == "LOCAL_GOV")
            #expect(body["expedited"] == false)
            #expect(body["answer_due_date"] == "2026-12-29")
            #expect(body["answer_due_at"] == "2026-12-29T21:00:00Z")
            #expect(body["forward_due_date"] == "2026-12-06")
            #expect(body["forward_due_at"] == "2026-12-06T21:00:00Z")
        }
    }

    @Test func socialMediaMessageGoesToTheInformationPolicyDepartment() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let body = Fixtures.message()
                .setting("channel", to: "social")
                .setting("source_url", to: "https://vk.com/wall-1_2")
            let reply = try server.submit(body)
            #expect(reply.status == 201, "\(reply)")
            #expect(reply.json["unit"] == "DIP")
            #expect(reply.json["expedited"] == true)
            #expect(try server.message("2026-000001")?.sourceURL == "https://vk.com/wall-1_2")
        }
    }

    @Test func numbersAreSequentialWithoutGaps() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            var numbers: [String] = []
            for index in 1...12 {
                // Refused requests in between must not use up numbers.
                if index % 3 == 0 {
                    #expect(try server.submit(Fixtures.message(topic: "NO_SUCH_TOPIC")).status == 422)
                }
                let reply = try server.submit(Fixtures.message(text: "Сообщение \(index)"))
                #expect(reply.status == 201, "\(reply)")
                numbers.append(reply.json["number"]?.stringValue ?? "")
            }
            let expected = (1...12).map { String(format: "2026-%06d", $0) }
            #expect(numbers == expected)
            #expect(try server.numbers() == expected)
        }
    }

    @Test func simultaneousSubmissionsGetDistinctGapFreeNumbers() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let numbers = Locked<[String]>([])
            let failures = Locked<[String]>([])
            let done = DispatchGroup()
            for thread in 0..<10 {
                done.enter()
                Thread {
                    defer { done.leave() }
                    for index in 0..<6 {
                        do {
                            let reply = try server.submit(Fixtures.message(text: "Поток \(thread), № \(index)"))
                            if reply.status == 201, let number = reply.json["number"]?.stringValue {
                                numbers.mutate { $0.append(number) }
                            } else {
                                failures.mutate { $0.append("\(reply)") }
                            }
                        } catch {
                            failures.mutate { $0.append("\(error)") }
                        }
                    }
                }.start()
            }
            #expect(done.wait(timeout: .now() + 20) == .success)
            #expect(failures.value == [])
            let expected = (1...60).map { String(format: "2026-%06d", $0) }
            #expect(numbers.value.sorted() == expected)
            #expect(try server.numbers() == expected)
        }
    }

    @Test func keepAliveAndPipelinedSubmissionsAreAnsweredInOrder() throws {
        try withServer(now: fixedClock(Self.now)) { server throws in
            let connection = try TestConnection(port: server.port)
            defer { connection.close() }
            let headers = [("Content-Type", "application/json")]
            // One after another on a kept-alive connection.
            for index in 1...3 {
                try connection.send(
                    method: "POST", path: "/api/v1/messages", headers: headers,
                    body: Fixtures.message(text: "Подряд \(index)").serialized(), close: false)
                let reply = try connection.readReply()
                #expect(reply.status == 201)
                #expect(reply.json["number"]?.stringValue == String(format: "2026-%06d", index))
            }
            // Pipelined: a valid message, a refused one, a GET, another valid message.
            var bytes: [UInt8] = []
            func append(_ method: String, _ path: String, _ body: JSONValue?) {
                var head = "\(method) \(path) HTTP/1.1\r\nHost: x\r\n"
                if let body {
                    let encoded = body.serialized()
                    head += "Content-Type: application/json\r\nContent-Length: \(encoded.count)\r\n\r\n"
                    bytes += Array(head.utf8) + encoded
                } else {
                    bytes += Array((head + "\r\n").utf8)
                }
            }
            append("POST", "/api/v1/messages", Fixtures.message(text: "Конвейер 1"))
            append("POST", "/api/v1/messages", Fixtures.message(topic: "NO_SUCH_TOPIC"))
            append("GET", "/health", nil)
            append("POST", "/api/v1/messages", Fixtures.message(text: "Конвейер 2"))
            try connection.send(bytes)
            let replies = try (0..<4).map { _ in try connection.readReply() }
            #expect(replies.map(\.status) == [201, 422, 200, 201])
            #expect(replies[0].json["number"] == "2026-000004")
            #expect(replies[3].json["number"] == "2026-000005")
            #expect(try server.message("2026-000004")?.text == "Конвейер 1")
            #expect(try server.message("2026-000005")?.text == "Конвейер 2")
        }
    }
}
