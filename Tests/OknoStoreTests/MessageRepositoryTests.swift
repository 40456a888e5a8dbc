import Foundation
import OknoDomain
import Synchronization
import Testing

@testable import OknoStore

@Suite("Message registration and public view")
struct MessageRepositoryTests {
    func register(_ message: NewMessage, _ store: Store) throws -> RegistrationOutcome {
        try store.writeSync { try MessageRepository.register(message, $0) }
    }

    func created(_ outcome: RegistrationOutcome) throws -> RegisteredMessage {
        guard case .created(let message) = outcome else {
            Issue.record("expected a new message, got \(outcome)")
            throw DeliberateFailure()
        }
        return message
    }

    @Test("numbers count up per year from YYYY-000001")
    func numbersCountUp() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let first = try created(try register(StoreFixtures.message(), store))
        let second = try created(try register(StoreFixtures.message(), store))
        #expect(first.number == "2026-000001")
        #expect(second.number == "2026-000002")
    }

    @Test("the year is that of the local registration date: 21:30Z on 31 December is next year in Moscow")
    func yearOfLocalDate() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let late = try created(
            try register(StoreFixtures.message(registeredAt: instant("2026-12-31T20:59:59Z")), store))
        let next = try created(
            try register(StoreFixtures.message(registeredAt: instant("2026-12-31T21:00:00Z")), store))
        let again = try created(
            try register(StoreFixtures.message(registeredAt: instant("2026-12-31T20:00:00Z")), store))
        #expect([late.number, next.number, again.number] == ["2026-000001", "2027-000001", "2026-000002"])
    }

    @Test("a registration that fails inside a batch gives its number back: the others stay gap-free")
    func gapFreeWhenAnItemFails() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let items: [@Sendable (Connection) throws -> String] = [
            { try MessageRepository.register(StoreFixtures.message(), $0).message!.number },
            { connection in
                _ = try MessageRepository.register(StoreFixtures.message(), connection)
                throw DeliberateFailure()
            },
            { try MessageRepository.register(StoreFixtures.message(), $0).message!.number },
        ]
        let results = submitAsOneBatch(items, to: store.writer)
        #expect(store.writer.statistics.commits == 2)  // the holding item's batch, then these three
        #expect(try results[0].get() == "2026-000001")
        #expect(throws: DeliberateFailure.self) { try results[1].get() }
        #expect(try results[2].get() == "2026-000002")
        #expect(try store.read { try MessageRepository.numbers($0) } == ["2026-000001", "2026-000002"])
        #expect(try StoreFixtures.count("applicants", store) == 2)
        #expect(try StoreFixtures.count("message_access_tokens", store) == 2)
        let seqs = try store.read { try EventRepository.list(after: 0, limit: 100, $0) }.map(\.seq)
        #expect(seqs == [1, 2, 3, 4])
    }

    @Test("20 simultaneous registrations with one key and body create exactly one message")
    func concurrentIdempotentRegistrations() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let tokens = (0..<20).map { "token-\($0)" }
        let outcomes = Mutex<[RegistrationOutcome]>([])
        let group = DispatchGroup()
        DispatchQueue.concurrentPerform(iterations: tokens.count) { index in
            group.enter()
            let message = StoreFixtures.message(accessToken: tokens[index], idempotencyKey: "key-1", requestHash: "h1")
            store.writer.submit({ try MessageRepository.register(message, $0) }) { result in
                if case .success(let outcome) = result { outcomes.withLock { $0.append(outcome) } }
                group.leave()
            }
        }
        group.wait()
        let all = outcomes.withLock { $0 }
        #expect(all.count == 20)
        #expect(Set(all.compactMap { $0.message?.number }) == ["2026-000001"])
        #expect(all.filter { if case .created = $0 { true } else { false } }.count == 1)
        #expect(all.filter { if case .replayed = $0 { true } else { false } }.count == 19)
        #expect(try store.read { try MessageRepository.count($0) } == 1)
        #expect(try StoreFixtures.count("applicants", store) == 1)
        #expect(try StoreFixtures.count("events", store) == 2)
        // Every client got a token that works.
        for token in tokens {
            let view = try store.read {
                try MessageRepository.publicView(number: "2026-000001", accessTokenHash: SHA256.hexDigest(token), $0)
            }
            #expect(view != nil)
        }
    }

    @Test("a replay returns the message as first registered")
    func replayReturnsOriginal() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let first = try created(try register(StoreFixtures.message(idempotencyKey: "k", requestHash: "h"), store))
        let later = StoreFixtures.message(
            registeredAt: instant("2026-11-30T09:30:00Z"), idempotencyKey: "k", requestHash: "h")
        #expect(try register(later, store) == .replayed(first))
    }

    @Test("the same key with another request hash is a mismatch and writes nothing")
    func mismatchWritesNothing() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        _ = try register(StoreFixtures.message(idempotencyKey: "k", requestHash: "h1"), store)
        let tables = ["messages", "applicants", "message_access_tokens", "idempotency_keys", "events"]
        let before = try tables.map { try StoreFixtures.count($0, store) }
        let token = "other-token"
        let outcome = try register(
            StoreFixtures.message(accessToken: token, idempotencyKey: "k", requestHash: "h2"), store)
        #expect(outcome == .idempotencyMismatch)
        #expect(try tables.map { try StoreFixtures.count($0, store) } == before)
        let view = try store.read {
            try MessageRepository.publicView(number: "2026-000001", accessTokenHash: SHA256.hexDigest(token), $0)
        }
        #expect(view == nil)
        #expect(
            try created(try register(StoreFixtures.message(idempotencyKey: "k2", requestHash: "h2"), store))
                .number == "2026-000002")
    }

    @Test("registration stores every field and reports the deadlines")
    func storesFields() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        var new = StoreFixtures.message(topic: "ROADS")
        new.firstLook = instant("2026-12-01T21:00:00Z")
        let registered = try created(try register(new, store))
        #expect(registered.status == .assigned && registered.unit == "AD" && registered.suggestedAgency == "LOCAL_GOV")
        #expect(registered.answerDueDate == LocalDate("2026-12-29"))
        #expect(registered.answerDueAt == instant("2026-12-29T21:00:00Z"))
        #expect(registered.forwardDueDate == LocalDate("2026-12-06"))
        #expect(registered.forwardDueAt == instant("2026-12-06T21:00:00Z"))
        let record = try #require(try store.read { try MessageRepository.find(number: registered.number, $0) })
        #expect(record.registered == registered)
        #expect(record.text == new.text && record.address == new.address && record.channel == .portal)
        #expect(record.latitude == 55.75 && record.longitude == 37.62)
        #expect(record.registeredDate == LocalDate("2026-11-29"))
        #expect(record.answerDeadline == new.answerDeadline && record.forwardDeadline == new.forwardDeadline)
        #expect(record.applicant.name == "Иванов Иван Иванович" && record.applicant.email == "ivanov@example.ru")
        #expect(record.version == 1)
        #expect(try store.read { try DeadlineWatchRepository.nextLook(messageID: record.id, $0) } == new.firstLook)
        #expect(
            try store.read { try $0.scalar("SELECT first_look_at FROM messages WHERE id = ?", [.integer(record.id)]) }
                == .integer(Instant.milliseconds(new.firstLook)))
        #expect(record.answerDoneAt == nil && record.forwardDoneAt == nil && record.answerText == nil)
    }

    @Test("registration appends message.registered, then message.assigned, to the feed")
    func eventsWritten() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        var new = StoreFixtures.message(topic: "ROADS")
        new.firstLook = instant("2026-12-01T21:00:00Z")
        _ = try register(new, store)
        var unrouted = StoreFixtures.message(topic: "LICENSING")
        unrouted.unit = nil
        unrouted.status = .registered
        _ = try register(unrouted, store)
        let events = try store.read { try EventRepository.list(after: 0, limit: 10, $0) }
        #expect(events.map(\.type) == ["message.registered", "message.assigned", "message.registered"])
        #expect(events.map(\.number) == ["2026-000001", "2026-000001", "2026-000002"])
        #expect(events.map(\.seq) == [1, 2, 3])
        #expect(events.allSatisfy { $0.at == new.registeredAt })
        #expect(
            events[0].data
                == #"{"status":"registered","topic":"ROADS","region":"77","channel":"portal","expedited":false,"#
                + #""answer_due_date":"2026-12-29","forward_due_date":"2026-12-06"}"#)
        #expect(events[1].data == #"{"status":"assigned","unit":"AD","suggested_agency":"LOCAL_GOV"}"#)
        #expect(try store.read { try EventRepository.list(after: 2, limit: 10, $0) }.map(\.seq) == [3])
        #expect(try store.read { try EventRepository.lastSeq($0) } == 3)
    }

    @Test("the public view needs the message's own token; an unknown number looks the same")
    func publicViewChecksToken() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        _ = try register(StoreFixtures.message(accessToken: "first"), store)
        _ = try register(StoreFixtures.message(accessToken: "second"), store)
        func view(_ number: String, _ token: String) throws -> PublicMessage? {
            try store.read {
                try MessageRepository.publicView(number: number, accessTokenHash: SHA256.hexDigest(token), $0)
            }
        }
        let registeredAt = instant("2026-11-29T09:30:00Z")
        #expect(
            try view("2026-000001", "first")
                == PublicMessage(
                    number: "2026-000001", status: .assigned,
                    timeline: [
                        .init(status: .registered, at: registeredAt), .init(status: .assigned, at: registeredAt),
                    ],
                    answer: nil))
        #expect(try view("2026-000001", "second") == nil)
        #expect(try view("2026-000003", "first") == nil)
        #expect(try view("2026-000002", "second")?.number == "2026-000002")
    }

    @Test("the public timeline leaves out internal steps and shows the answer once sent")
    func publicTimeline() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        _ = try register(StoreFixtures.message(accessToken: "t"), store)
        let steps: [(MessageStatus, String)] = [
            (.inProgress, "2026-11-30T08:00:00Z"), (.answerDrafted, "2026-11-30T09:00:00Z"),
            (.onApproval, "2026-11-30T10:00:00Z"), (.inProgress, "2026-11-30T11:00:00Z"),
            (.answerDrafted, "2026-12-01T09:00:00Z"), (.onApproval, "2026-12-01T10:00:00Z"),
        ]
        try store.writeSync { connection in
            for (status, at) in steps {
                try connection.run("UPDATE messages SET status = ?", [.text(status.rawValue)])
                try EventRepository.append(
                    type: "message.transition", messageID: 1, number: "2026-000001", at: instant(at), actor: "x",
                    data: ["status": .string(status.rawValue)], connection)
            }
        }
        func view() throws -> PublicMessage? {
            try store.read {
                try MessageRepository.publicView(number: "2026-000001", accessTokenHash: SHA256.hexDigest("t"), $0)
            }
        }
        let onApproval = try #require(try view())
        #expect(onApproval.status == .inProgress)
        #expect(onApproval.timeline.map(\.status) == [.registered, .assigned, .inProgress])
        #expect(onApproval.timeline.last?.at == instant("2026-11-30T08:00:00Z"))
        #expect(onApproval.answer == nil)

        let sentAt = instant("2026-12-01T12:00:00Z")
        try store.writeSync { connection in
            try connection.run(
                "UPDATE messages SET status = 'answered', answer_text = 'Ответ', answer_sent_at = ?, answer_done_at = ?",
                [.integer(Instant.milliseconds(sentAt)), .integer(Instant.milliseconds(sentAt))])
            try EventRepository.append(
                type: "message.answered", messageID: 1, number: "2026-000001", at: sentAt, actor: "approver",
                data: ["status": "answered"], connection)
        }
        let answered = try #require(try view())
        #expect(answered.status == .answered)
        #expect(answered.timeline.map(\.status) == [.registered, .assigned, .inProgress, .answered])
        #expect(answered.answer == PublicMessage.Answer(text: "Ответ", sentAt: sentAt))
    }

    @Test("the queue order ignores finished deadlines: open_due_at is the earliest open one")
    func openDueAt() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        _ = try register(StoreFixtures.message(topic: "ROADS"), store)
        func openDueAt() throws -> Date? {
            try store.read { try $0.queryOne("SELECT open_due_at FROM messages") { $0.instant(at: 0) } } ?? nil
        }
        #expect(try openDueAt() == instant("2026-12-06T21:00:00Z"))
        try store.writeSync { try $0.run("UPDATE messages SET forward_done_at = 1") }
        #expect(try openDueAt() == instant("2026-12-29T21:00:00Z"))
        try store.writeSync { try $0.run("UPDATE messages SET status = 'forwarded', forwarded_to = 'LOCAL_GOV'") }
        #expect(try openDueAt() == nil)
    }

    @Test("inconsistent input is refused by the schema and leaves nothing behind")
    func schemaRefusesInconsistentInput() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        var unknownTopic = StoreFixtures.message()
        unknownTopic.topic = "NOPE"
        var organisationWithoutINN = StoreFixtures.message()
        organisationWithoutINN.applicant.kind = .organization
        var socialWithoutURL = StoreFixtures.message()
        socialWithoutURL.channel = .social
        for message in [unknownTopic, organisationWithoutINN, socialWithoutURL] {
            let error = try #require(throws: DatabaseError.self) { try register(message, store) }
            #expect(error.isConstraintViolation)
        }
        #expect(try StoreFixtures.count("messages", store) == 0)
        #expect(try created(try register(StoreFixtures.message(), store)).number == "2026-000001")
    }
}
