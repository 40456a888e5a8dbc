import Foundation
import OknoApp
import OknoJSON
import OknoStore
import Synchronization
import Testing

/// `stop()`: no new connections, requests in flight are answered, queued writes are flushed.
@Suite struct ShutdownTests {
    @Test func requestsInFlightAreAnsweredAndNewConnectionsRefused() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.submit(Fixtures.message()).status == 201)

        // Requests caught half-sent by the shutdown: four POSTs missing their last body byte,
        // and a /ready missing the blank line that ends its head.
        let body = Fixtures.message().serialized()
        var posts: [TestConnection] = []
        for _ in 0..<4 {
            let connection = try TestConnection(port: server.port, timeout: 10)
            try connection.send(
                Array(
                    "POST /api/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                        .utf8) + body.dropLast())
            posts.append(connection)
        }
        let ready = try TestConnection(port: server.port, timeout: 10)
        try ready.send("GET /ready HTTP/1.1\r\nHost: x\r\n")
        let idle = try TestConnection(port: server.port, timeout: 10)
        usleep(300_000)  // let the server read what was sent

        let stopped = DispatchSemaphore(value: 0)
        Thread {
            server.server.stop()
            stopped.signal()
        }.start()
        usleep(200_000)

        #expect(stopped.wait(timeout: .now()) == .timedOut, "stop() must wait for the requests in flight")
        #expect(throws: ClientError.self, "the listening socket is closed") {
            try HTTPClient.request(port: server.port, "GET", "/health")
        }
        #expect(idle.readsEOF(), "an idle connection is closed at once")

        try ready.send("\r\n")
        let readiness = try ready.readReply()
        #expect(readiness.status == 503, "\(readiness)")
        #expect(readiness.header("Connection")?.lowercased() == "close")

        var statuses: [Int] = []
        for connection in posts {
            try connection.send([body.last!])
            let reply = try connection.readReply()
            statuses.append(reply.status)
            #expect(reply.header("Connection")?.lowercased() == "close")
        }
        // Requests in flight finish: they are registered, not refused.
        #expect(statuses == [201, 201, 201, 201])

        #expect(stopped.wait(timeout: .now() + 10) == .success)
        let connection = try Connection.open(path: server.databasePath, readOnly: true)
        #expect(try MessageRepository.count(connection) == 5)
    }

    @Test func messagesAcknowledgedUnderLoadAreStoredAfterStop() throws {
        let server = try TestServer()
        defer { server.stop() }
        let acknowledged = Locked<[String]>([])
        let done = DispatchGroup()
        let body = Fixtures.message().serialized()
        for _ in 0..<4 {
            done.enter()
            Thread {
                defer { done.leave() }
                while true {
                    guard
                        let reply = try? HTTPClient.request(
                            port: server.port, "POST", "/api/v1/messages",
                            headers: [("Content-Type", "application/json")], body: body)
                    else { return }
                    if reply.status == 201, let number = reply.json["number"]?.stringValue {
                        acknowledged.mutate { $0.append(number) }
                    } else {
                        Issue.record("unexpected answer during shutdown: \(reply)")
                    }
                }
            }.start()
        }
        usleep(300_000)
        server.server.stop()
        #expect(done.wait(timeout: .now() + 10) == .success)
        let numbers = acknowledged.value
        #expect(numbers.count > 0)
        let connection = try Connection.open(path: server.databasePath, readOnly: true)
        let stored = Set(try MessageRepository.numbers(connection))
        #expect(Set(numbers).isSubset(of: stored))
    }

    @Test func personalDataReadsGatheredForTheirBatchAreWrittenOnStop() throws {
        // Gathered for an hour: only the stop can write them.
        let server = try TestServer(configure: { $0.api.personalDataReadBatch = .seconds(3600) })
        defer { server.stop() }
        let officers = try Officers(server)
        let (number, _) = try server.register()
        for _ in 0..<3 {
            #expect(try server.show(number, token: officers.registrar).status == 200)
        }
        server.server.stop()
        let connection = try Connection.open(path: server.databasePath, readOnly: true)
        let reads = try connection.scalar(
            "SELECT count(*) FROM personal_data_reads WHERE actor = 'registrar-GU-77' AND role = 'registrar'")
        #expect(reads?.int64 == 3)
    }
}

/// `PeriodicTask.stop()`: the background tasks (queue indexing, routing watch) end before the store closes.
@Suite struct PeriodicTaskTests {
    @Test func stopWaitsForTheRunInProgressAndNoRunFollows() {
        let entered = DispatchSemaphore(value: 0)
        let runs = Mutex(0)
        let finishedRuns = Mutex(0)
        let task = PeriodicTask(name: "okno-test", interval: 0.001) {
            runs.withLock { $0 += 1 }
            entered.signal()
            Thread.sleep(forTimeInterval: 0.2)
            finishedRuns.withLock { $0 += 1 }
        }
        entered.wait()
        task.stop()
        // The run that had started has finished by the time stop() returns, and none began after it.
        #expect(finishedRuns.withLock { $0 } == runs.withLock { $0 })
        Thread.sleep(forTimeInterval: 0.05)
        #expect(runs.withLock { $0 } == finishedRuns.withLock { $0 })
        task.stop()  // idempotent
    }
}
