import Testing

@testable import OknoHTTP

@Suite("ConnectionTimer")
struct ConnectionTimerTests {
    let timeouts = HTTPTimeouts(header: 10, body: 30, idle: 5, write: 20, shutdownGrace: 1)

    @Test func closesAConnectionIdleForTheIdleTimeout() {
        let timer = ConnectionTimer(now: 100)
        #expect(timer.phase == .idle)
        #expect(timer.check(at: 104.999, timeouts) == nil)
        #expect(timer.check(at: 105, timeouts) == .close)
    }

    @Test func answers408WhenTheHeadTakesTooLong() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.head, at: 1)
        #expect(timer.deadline(timeouts) == 11)
        #expect(timer.check(at: 10.9, timeouts) == nil)
        #expect(timer.check(at: 11, timeouts) == .requestTimeout)
    }

    @Test func answers408WhenTheBodyTakesTooLong() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.body, at: 2)
        #expect(timer.check(at: 31.9, timeouts) == nil)
        #expect(timer.check(at: 32, timeouts) == .requestTimeout)
    }

    @Test func keepsThePhaseStartWhenReenteringIt() {
        // A slowloris sending one byte at a time does not extend its deadline.
        var timer = ConnectionTimer(now: 0)
        timer.enter(.head, at: 1)
        timer.enter(.head, at: 9)
        #expect(timer.since == 1)
        #expect(timer.check(at: 11, timeouts) == .requestTimeout)
    }

    @Test func restartsThePhaseWhenAsked() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.writing, at: 1)
        timer.enter(.writing, at: 15, restart: true)
        #expect(timer.since == 15)
        #expect(timer.check(at: 34, timeouts) == nil)
        #expect(timer.check(at: 35, timeouts) == .close)
    }

    @Test func neverTimesOutAHandlerAtWork() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.handling, at: 1)
        #expect(timer.deadline(timeouts) == nil)
        #expect(timer.check(at: 1_000_000, timeouts) == nil)
    }

    @Test func closesAWriteWithoutProgressSilently() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.writing, at: 3)
        #expect(timer.check(at: 23, timeouts) == .close)
    }

    @Test func lingersAtMostTwoSecondsOrTheWriteTimeout() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.lingering, at: 10)
        #expect(timer.deadline(timeouts) == 12)
        #expect(timer.check(at: 12, timeouts) == .close)
        let short = HTTPTimeouts(write: 0.5)
        #expect(timer.deadline(short) == 10.5)
    }

    @Test func startsEachPhaseAtItsOwnInstant() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.head, at: 1)
        timer.enter(.body, at: 4)
        #expect(timer.deadline(timeouts) == 34)
        timer.enter(.handling, at: 5)
        timer.enter(.writing, at: 6)
        timer.enter(.idle, at: 7, restart: true)
        #expect(timer.deadline(timeouts) == 12)
    }
}
