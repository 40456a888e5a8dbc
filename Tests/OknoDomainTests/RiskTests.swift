import Foundation
import OknoDomain
import Testing

@Suite("Risk")
struct RiskTests {
    /// Registered 2026-11-29 in Moscow: due 2026-12-29, ending 2026-12-29T21:00:00Z; at risk from
    /// local 2026-12-24 (2026-12-23T21:00:00Z) with N = 5.
    static let answer = Deadline(kind: .answer, dueDate: date("2026-12-29"), in: Fixtures.moscow)
    /// Expedited in Kamchatka: due 2026-12-10, ending 2026-12-10T12:00:00Z; at risk from local
    /// 2026-12-08 (2026-12-07T12:00:00Z) with N = 2.
    static let expedited = Deadline(kind: .expeditedAnswer, dueDate: date("2026-12-10"), in: Fixtures.kamchatka)
    static let forward = Deadline(kind: .forward, dueDate: date("2026-12-06"), in: Fixtures.moscow)

    @Test(
        "an open 30-day deadline changes risk exactly at local midnights",
        arguments: [
            ("2026-11-29T10:00:00Z", Risk.onTrack),
            ("2026-12-23T20:59:59Z", .onTrack),
            ("2026-12-23T21:00:00Z", .atRisk),
            ("2026-12-29T20:59:59Z", .atRisk),
            ("2026-12-29T21:00:00Z", .overdue),
            ("2027-03-01T00:00:00Z", .overdue),
        ])
    func thirtyDayThresholds(at: String, risk: Risk) {
        #expect(Risk.of(Self.answer, at: instant(at), in: Fixtures.moscow) == risk)
    }

    @Test(
        "an open expedited deadline uses the short threshold in its own zone",
        arguments: [
            ("2026-12-07T11:59:59Z", Risk.onTrack),
            ("2026-12-07T12:00:00Z", .atRisk),
            ("2026-12-10T11:59:59Z", .atRisk),
            ("2026-12-10T12:00:00Z", .overdue),
        ])
    func expeditedThresholds(at: String, risk: Risk) {
        #expect(Risk.of(Self.expedited, at: instant(at), in: Fixtures.kamchatka) == risk)
    }

    @Test("a forward deadline uses the short threshold")
    func forwardThreshold() {
        #expect(Risk.of(Self.forward, at: instant("2026-12-03T20:59:59Z"), in: Fixtures.moscow) == .onTrack)
        #expect(Risk.of(Self.forward, at: instant("2026-12-03T21:00:00Z"), in: Fixtures.moscow) == .atRisk)
    }

    @Test("an extended answer deadline keeps its kind's threshold")
    func extendedKeepsThreshold() throws {
        let extended = try Self.answer.extended(byDays: 10, in: Fixtures.moscow)
        #expect(Risk.of(extended, at: instant("2027-01-02T20:59:59Z"), in: Fixtures.moscow) == .onTrack)
        #expect(Risk.of(extended, at: instant("2027-01-02T21:00:00Z"), in: Fixtures.moscow) == .atRisk)
    }

    @Test("configured thresholds replace the defaults")
    func configuredThresholds() {
        let days = AtRiskDays(thirtyDay: 7, short: 0)
        func risk(_ deadline: Deadline, at: String, in zone: TimeZone) -> Risk {
            Risk.of(deadline, at: instant(at), in: zone, atRiskDays: days)
        }
        #expect(risk(Self.answer, at: "2026-12-21T20:59:59Z", in: Fixtures.moscow) == .onTrack)
        #expect(risk(Self.answer, at: "2026-12-21T21:00:00Z", in: Fixtures.moscow) == .atRisk)
        #expect(risk(Self.expedited, at: "2026-12-09T11:59:59Z", in: Fixtures.kamchatka) == .onTrack)
        #expect(risk(Self.expedited, at: "2026-12-09T12:00:00Z", in: Fixtures.kamchatka) == .atRisk)
    }

    @Test(
        "a finished step is on time strictly before due_at, whatever the current instant",
        arguments: [
            ("2026-12-29T20:59:59Z", Risk.onTime), ("2026-12-29T21:00:00Z", .late), ("2026-12-01T08:00:00Z", .onTime),
        ])
    func finished(finishedAt: String, risk: Risk) {
        let now = instant("2027-02-01T00:00:00Z")
        #expect(Risk.of(Self.answer, at: now, finishedAt: instant(finishedAt), in: Fixtures.moscow) == risk)
    }

    @Test(
        "the next risk change is the at-risk start, then due_at, then none",
        arguments: [
            ("2026-11-29T10:00:00Z", "2026-12-23T21:00:00Z" as String?),
            ("2026-12-23T20:59:59Z", "2026-12-23T21:00:00Z"),
            ("2026-12-23T21:00:00Z", "2026-12-29T21:00:00Z"),
            ("2026-12-29T20:59:59Z", "2026-12-29T21:00:00Z"),
            ("2026-12-29T21:00:00Z", nil),
        ])
    func nextChange(after: String, expected: String?) {
        let next = Risk.nextChange(of: Self.answer, after: instant(after), in: Fixtures.moscow)
        #expect(next == expected.map(instant))
    }

    @Test("the risk just before a change differs from the risk at it")
    func nextChangeAgreesWithRisk() {
        var now = instant("2026-11-29T10:00:00Z")
        var seen: [Risk] = [Risk.of(Self.expedited, at: now, in: Fixtures.kamchatka)]
        while let next = Risk.nextChange(of: Self.expedited, after: now, in: Fixtures.kamchatka) {
            #expect(Risk.of(Self.expedited, at: next.addingTimeInterval(-1), in: Fixtures.kamchatka) == seen.last)
            now = next
            seen.append(Risk.of(Self.expedited, at: now, in: Fixtures.kamchatka))
        }
        #expect(seen == [.onTrack, .atRisk, .overdue])
    }

    @Test(
        "the worst risk ranks overdue over at risk over on track over finished ones",
        arguments: [
            ([Risk.onTrack, .overdue, .atRisk], Risk.overdue as Risk?),
            ([.onTrack, .atRisk], .atRisk),
            ([.onTrack], .onTrack),
            ([.onTime, .onTrack], .onTrack),
            ([.onTime, .late], .late),
            ([], nil),
        ])
    func worst(risks: [Risk], expected: Risk?) {
        #expect(Risk.worst(risks) == expected)
    }

    @Test(
        "risks have the contract's snake_case names",
        arguments: [
            (Risk.onTrack, "on_track"), (.atRisk, "at_risk"), (.overdue, "overdue"), (.onTime, "on_time"),
            (.late, "late"),
        ])
    func rawValues(risk: Risk, name: String) {
        #expect(risk.rawValue == name)
        #expect(risk.isOpen == [.onTrack, .atRisk, .overdue].contains(risk))
    }

    @Test("at-risk days default to 5 for 30-day terms and 2 for short ones")
    func atRiskDefaults() {
        let days = AtRiskDays()
        #expect(DeadlineKind.allCases.map(days.days(for:)) == [5, 2, 2])
    }

    @Test(
        "a message's risk is the worst of its open deadlines, nil with none open",
        arguments: [
            ("2026-11-29T10:00:00Z", Risk?.some(.onTrack)),
            ("2026-12-03T21:00:00Z", .atRisk),  // the forward deadline (N = 2) is at risk first
            ("2026-12-06T21:00:00Z", .overdue),
        ])
    func worstOfOpenDeadlines(at: String, risk: Risk?) {
        let deadlines = [Self.answer, Self.forward]
        #expect(Risk.worst(of: deadlines, at: instant(at), in: Fixtures.moscow) == risk)
        #expect(Risk.worst(of: [], at: instant(at), in: Fixtures.moscow) == nil)
    }
}
