/// The timeout rules of one connection as a pure state machine over a clock reading.
///
/// The event loop reports phase changes with the current time and asks, on each tick,
/// whether the connection has outstayed its phase.
struct ConnectionTimer: Equatable {
    enum Phase: Equatable {
        /// Keep-alive, waiting for the first byte of the next request.
        case idle
        /// Receiving a request line and header section.
        case head
        /// Receiving a body.
        case body
        /// A handler is working; no timeout applies (shutdown's grace period bounds it).
        case handling
        /// Sending a response the client does not read.
        case writing
        /// Draining input after the final response, before closing.
        case lingering
    }

    /// How long a closing connection drains input before it is closed regardless.
    static let lingerSeconds = 2.0

    enum Action: Equatable {
        /// Close silently: nothing is owed to the client.
        case close
        /// Answer 408 and close: the client was sending a request too slowly.
        case requestTimeout
    }

    private(set) var phase: Phase
    private(set) var since: Double

    init(now: Double) {
        phase = .idle
        since = now
    }

    /// Enters a phase; re-entering the current one keeps its start unless `restart` is set.
    mutating func enter(_ phase: Phase, at now: Double, restart: Bool = false) {
        guard phase != self.phase || restart else { return }
        self.phase = phase
        since = now
    }

    /// The instant at which the current phase expires, if it can.
    func deadline(_ timeouts: HTTPTimeouts) -> Double? {
        switch phase {
        case .idle: since + timeouts.idle
        case .head: since + timeouts.header
        case .body: since + timeouts.body
        case .handling: nil
        case .writing: since + timeouts.write
        case .lingering: since + min(Self.lingerSeconds, timeouts.write)
        }
    }

    /// What to do at `now`: nil while the phase is within its limit.
    func check(at now: Double, _ timeouts: HTTPTimeouts) -> Action? {
        guard let deadline = deadline(timeouts), now >= deadline else { return nil }
        switch phase {
        case .head, .body: return .requestTimeout
        case .idle, .writing, .handling, .lingering: return .close
        }
    }
}
