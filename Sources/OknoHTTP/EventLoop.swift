import CLinux
import Foundation
import Glibc
import Synchronization

/// One thread multiplexing many connections with epoll.
///
/// `@unchecked Sendable`: every stored `var` is touched only on the loop's own thread; other
/// threads reach the loop only through `execute`, which goes through a locked mailbox and an eventfd.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let core: ServerCore
    private let epollFD: Int32
    private let wakeFD: Int32
    private let mailbox = Mutex<Mailbox>(Mailbox())
    var connections: [Int32: HTTPConnection] = [:]
    private var nextConnectionID: UInt64 = 0
    private var listening = false
    private var shutdownDeadline: Double?
    var dateCache = HTTPDateCache()
    var accessLog = AccessLog()
    private var readBuffer = [UInt8](repeating: 0, count: 65_536)
    private var lastSweep = 0.0
    private let requestIDPrefix: String
    private var requestCounter: UInt64 = 0

    init(index: Int, core: ServerCore) throws(SystemError) {
        self.index = index
        self.core = core
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw SystemError(call: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw SystemError(call: "eventfd", errno: errno) }
        requestIDPrefix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        register(wakeFD, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
    }

    private struct Mailbox {
        var jobs: [@Sendable () -> Void] = []
        /// Set when the loop has stopped: its eventfd is closed and its number may be reused.
        var closed = false
    }

    /// Runs `job` on the loop's thread; drops it once the loop has stopped.
    func execute(_ job: @escaping @Sendable () -> Void) {
        mailbox.withLock { mailbox in
            guard !mailbox.closed else { return }
            mailbox.jobs.append(job)
            // Under the lock, so the loop cannot close the eventfd between the check and the write.
            if mailbox.jobs.count == 1 {
                var one: UInt64 = 1
                _ = Glibc.write(wakeFD, &one, 8)
            }
        }
    }

    /// The loop's thread body; returns once shutdown finished.
    func run() {
        lastSweep = System.monotonicSeconds()
        setListening(true)
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        let timeoutMilliseconds = Int32(core.sweepInterval * 1000)
        while true {
            let count = epoll_wait(epollFD, events, Int32(capacity), timeoutMilliseconds)
            if count < 0 && errno != EINTR { break }
            let now = System.monotonicSeconds()
            for offset in 0..<max(0, Int(count)) {
                let event = events[offset]
                let fd = Int32(truncatingIfNeeded: event.data.u64)
                if fd == wakeFD {
                    runMailbox()
                } else if fd == core.listenFD {
                    acceptConnections(now: now)
                } else if let connection = connections[fd] {
                    handle(connection, events: event.events, now: now)
                }
            }
            accessLog.flush()
            if now - lastSweep >= core.sweepInterval {
                lastSweep = now
                sweep(now: now)
            }
            if shutdownDeadline != nil && connections.isEmpty { break }
        }
        accessLog.flush()
        setListening(false)
        mailbox.withLock { mailbox in
            mailbox.closed = true
            mailbox.jobs.removeAll()
        }
        Glibc.close(wakeFD)
        Glibc.close(epollFD)
    }

    /// Stops accepting, closes idle connections and lets the others finish within the grace period.
    func beginShutdown() {
        guard shutdownDeadline == nil else { return }
        let now = System.monotonicSeconds()
        shutdownDeadline = now + core.configuration.timeouts.shutdownGrace
        setListening(false)
        core.releaseListener()
        for connection in Array(connections.values) {
            if connection.exchange == nil && !connection.hasPendingOutput && connection.parser.isIdle
                && connection.unreadCount == 0
            {
                close(connection)
            }
            // The others finish their request; `complete` answers it with `Connection: close`.
        }
    }

    // MARK: - Events

    private func runMailbox() {
        var counter: UInt64 = 0
        _ = Glibc.read(wakeFD, &counter, 8)
        let jobs = mailbox.withLock { mailbox in
            let taken = mailbox.jobs
            mailbox.jobs.removeAll(keepingCapacity: true)
            return taken
        }
        for job in jobs { job() }
    }

    private func acceptConnections(now: Double) {
        let limit = core.configuration.maxConnections
        for _ in 0..<64 {
            guard core.connectionCount.load(ordering: .relaxed) < limit else {
                setListening(false)
                return
            }
            switch Socket.accept(core.listenFD) {
            case .accepted(let fd, let address):
                nextConnectionID += 1
                let connection = HTTPConnection(
                    fd: fd, id: nextConnectionID, remoteAddress: address, limits: core.configuration.limits, now: now)
                connections[fd] = connection
                core.connectionCount.add(1, ordering: .relaxed)
                core.metrics.openConnections.add(1, ordering: .relaxed)
                updateInterest(connection)
            case .noneWaiting:
                return
            case .failed:
                // Out of descriptors or the like: pause and let the sweep resume accepting.
                setListening(false)
                return
            }
        }
    }

    private func handle(_ connection: HTTPConnection, events: UInt32, now: Double) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            close(connection)
            return
        }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 {
            read(connection, now: now)
        }
        if connection.isOpen && events & EPOLLOUT.rawValue != 0 {
            flush(connection, now: now)
        }
    }

    private func read(_ connection: HTTPConnection, now: Double) {
        let result = readBuffer.withUnsafeMutableBytes { buffer in
            System.retrying("read") { Glibc.read(connection.fd, buffer.baseAddress, buffer.count) }
        }
        switch result {
        case .success(0):
            if connection.isLingering {
                close(connection)
                return
            }
            connection.inputClosed = true
        case .success where connection.isLingering:
            return
        case .success(let count):
            connection.input.append(contentsOf: readBuffer[0..<count])
            connection.bytesReceivedForRequest += count
        case .failure(let error) where error.errno == EAGAIN || error.errno == EWOULDBLOCK:
            return
        case .failure:
            close(connection)
            return
        }
        process(connection, now: now)
    }

    // MARK: - Housekeeping

    private func sweep(now: Double) {
        if let deadline = shutdownDeadline, now >= deadline {
            for connection in Array(connections.values) { close(connection) }
            return
        }
        let timeouts = core.configuration.timeouts
        for connection in Array(connections.values) {
            switch connection.timer.check(at: now, timeouts) {
            case nil:
                continue
            case .close:
                close(connection)
            case .requestTimeout:
                fail(connection, status: 408, detail: "The request was not received in time.", now: now)
            }
        }
        if shutdownDeadline == nil && !listening
            && core.connectionCount.load(ordering: .relaxed) < core.configuration.maxConnections
        {
            setListening(true)
        }
    }

    func close(_ connection: HTTPConnection) {
        guard connection.isOpen else { return }
        connection.isOpen = false
        connections[connection.fd] = nil
        epoll_ctl(epollFD, EPOLL_CTL_DEL, connection.fd, nil)
        Glibc.close(connection.fd)
        core.connectionCount.subtract(1, ordering: .relaxed)
        core.metrics.openConnections.subtract(1, ordering: .relaxed)
    }

    /// Registers for exactly the events the connection needs now.
    func updateInterest(_ connection: HTTPConnection) {
        guard connection.isOpen else { return }
        var wanted: UInt32 = 0
        let readCap = core.configuration.limits.maxBodyBytes + core.configuration.limits.maxHeaderBytes + 65_536
        if connection.isLingering
            || (!connection.inputClosed && !connection.closeAfterWrite && connection.unreadCount < readCap)
        {
            wanted |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        }
        if connection.hasPendingOutput { wanted |= EPOLLOUT.rawValue }
        guard !connection.isRegistered || wanted != connection.registeredEvents else { return }
        let operation = connection.isRegistered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD
        connection.isRegistered = true
        connection.registeredEvents = wanted
        register(connection.fd, events: wanted, operation: operation)
    }

    private func register(_ fd: Int32, events: UInt32, operation: Int32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = UInt64(UInt32(bitPattern: fd))
        epoll_ctl(epollFD, operation, fd, &event)
    }

    private func setListening(_ on: Bool) {
        guard on != listening else { return }
        listening = on
        if on {
            register(core.listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, operation: EPOLL_CTL_ADD)
        } else {
            epoll_ctl(epollFD, EPOLL_CTL_DEL, core.listenFD, nil)
        }
    }

    var isShuttingDown: Bool { shutdownDeadline != nil }

    /// A request ID: the client's when it is sane, else one of the loop's own.
    func requestID(from headers: HTTPHeaders) -> String {
        if let given = headers["x-request-id"], (1...64).contains(given.utf8.count),
            given.utf8.allSatisfy({ $0.isTokenCharacter && $0 != UInt8(ascii: "%") })
        {
            return given
        }
        requestCounter += 1
        return "\(requestIDPrefix)-\(index)-\(String(requestCounter, radix: 16))"
    }
}
