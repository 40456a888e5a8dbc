import Foundation
import Glibc
import OknoJSON
import OknoStore
import Testing

/// A 201 means durable: kill the process mid-load and every acknowledged message is still there.
@Suite struct CrashSafetyTests {
    struct Acknowledged: Sendable {
        var number: String
        var token: String
        var topic: String
        var text: String
    }

    static let topics = ["GRASS_BURNING", "FIRE_SAFETY_REGULATION", "SNOW_ICE_REMOVAL", "FIRE_WATER_SUPPLY"]

    @Test func everyAcknowledgedMessageSurvivesSIGKILL() throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/okno.sqlite"
        let config = folder + "/config.json"
        try #"{"access_log": false, "rate_limit": {"requests_per_second": 0, "burst": 1}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        let serve = ["serve", "--config", config, "--listen", "127.0.0.1:0", "--database", database]

        let first = try Okno.Child(serve, in: folder)
        let port = try first.listeningPort()

        let acknowledged = Locked<[Acknowledged]>([])
        let failures = Locked<[String]>([])
        let stop = Locked(false)
        let done = DispatchGroup()
        for worker in 0..<4 {
            done.enter()
            Thread {
                defer { done.leave() }
                var index = 0
                while !stop.value {
                    index += 1
                    let topic = Self.topics[(worker + index) % Self.topics.count]
                    let text = "Поток \(worker), сообщение \(index)"
                    let reply: HTTPReply
                    do {
                        reply = try HTTPClient.request(
                            port: port, "POST", "/api/v1/messages", headers: [("Content-Type", "application/json")],
                            body: Fixtures.message(topic: topic, text: text).serialized())
                    } catch {
                        return  // the server is gone
                    }
                    guard reply.status == 201, let number = reply.json["number"]?.stringValue,
                        let token = reply.json["access_token"]?.stringValue
                    else {
                        failures.mutate { $0.append("\(reply)") }
                        continue
                    }
                    acknowledged.mutate {
                        $0.append(Acknowledged(number: number, token: token, topic: topic, text: text))
                    }
                }
            }.start()
        }
        usleep(1_200_000)
        first.kill(SIGKILL)
        #expect(first.waitForExit(timeout: 5))
        stop.mutate { $0 = true }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(failures.value == [])
        let saved = acknowledged.value
        #expect(saved.count >= 5, "too few messages got through before the kill to prove anything")

        // Restart on the same file: every acknowledged message is there, with its access token.
        let second = try Okno.Child(serve, in: folder)
        let secondPort = try second.listeningPort()
        for message in saved {
            let view = try HTTPClient.request(
                port: secondPort, "GET", "/api/v1/messages/\(message.number)/public",
                headers: [("X-Access-Token", message.token)])
            #expect(view.status == 200, "\(message.number): \(view)")
        }
        // New messages continue the sequence.
        let after = try HTTPClient.request(
            port: secondPort, "POST", "/api/v1/messages", headers: [("Content-Type", "application/json")],
            body: Fixtures.message().serialized())
        #expect(after.status == 201)

        // SIGTERM stops it gracefully, with exit status 0.
        second.kill(SIGTERM)
        #expect(second.waitForExit(timeout: 10))
        #expect(second.process.terminationStatus == 0, "\(second.errorOutput)")

        let connection = try Connection.open(path: database, readOnly: true)
        let numbers = try MessageRepository.numbers(connection)
        #expect(numbers.count >= saved.count + 1)
        let year = String(numbers.first?.prefix(4) ?? "")
        #expect(numbers == (1...max(1, numbers.count)).map { String(format: "\(year)-%06d", $0) })
        #expect(after.json["number"]?.stringValue == numbers.last)
        for message in saved {
            let stored = try MessageRepository.find(number: message.number, connection)
            #expect(stored?.topic == message.topic)
            #expect(stored?.text == message.text)
        }
    }
}
