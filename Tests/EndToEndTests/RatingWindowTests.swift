import Foundation
import OknoDomain
import OknoJSON
import Testing

/// The applicant may rate within `rating_window_days` after the answer; then the message closes.
@Suite struct RatingWindowTests {
    static let answeredAt = "2026-11-02T10:00:00Z"

    /// An answered message at `answeredAt`, with its access token.
    private func answered(_ server: TestServer) throws -> (number: String, access: String) {
        let officers = try Officers(server)
        let message = try server.register()
        try server.drive(message.number, to: .answered, officers)
        return message
    }

    @Test func ratingAfterTheWindowIsRefusedAndTheSchedulerClosesTheMessage() throws {
        let clock = TestClock(Self.answeredAt)
        try withServer(configure: { $0.api.ratingWindowDays = 30 }, now: clock.now) { server in
            let message = try answered(server)
            let officers = try Officers(server, unit: "GU-50")

            // Day 29: still open for rating; a tick closes nothing.
            try server.server.tick(now: instant("2026-12-01T09:59:59Z"))
            #expect(try server.show(message.number, token: officers.registrar).json["status"] == "answered")

            // After 30 days the rating is refused even before the scheduler ran.
            clock.set("2026-12-02T10:00:01Z")
            let late = try server.officer(
                "POST", "/api/v1/messages/\(message.number)/rating", token: nil, body: ["score": 5],
                headers: [("X-Access-Token", message.access)])
            #expect(late.status == 409, "\(late)")

            try server.server.tick(now: instant("2026-12-02T10:00:01Z"))
            let view = try server.show(message.number, token: officers.registrar)
            #expect(view.json["status"] == "closed")
            let closed = try server.events(message.number, token: officers.registrar, type: "message.closed")
            #expect(closed.count == 1)
            #expect(closed.first?["actor"] == "scheduler")

            // A second tick does nothing more.
            try server.server.tick(now: instant("2026-12-03T00:00:00Z"))
            #expect(try server.events(message.number, token: officers.registrar, type: "message.closed").count == 1)
        }
    }

    @Test func ratedMessagesAreNotClosedTwice() throws {
        let clock = TestClock(Self.answeredAt)
        try withServer(now: clock.now) { server in
            let message = try answered(server)
            let rated = try server.officer(
                "POST", "/api/v1/messages/\(message.number)/rating", token: nil, body: ["score": 4],
                headers: [("X-Access-Token", message.access)])
            #expect(rated.status == 201, "\(rated)")
            try server.server.tick(now: instant("2027-01-15T00:00:00Z"))
            let registrar = try Officers(server, unit: "GU-50").registrar
            #expect(try server.events(message.number, token: registrar, type: "message.closed").count == 1)
        }
    }
}
