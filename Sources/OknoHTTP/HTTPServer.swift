import CLinux
import Dispatch
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server: a fixed set of epoll event loops sharing one listening socket.
///
/// ```swift
/// let server = HTTPServer(configuration: configuration, router: router)
/// let port = try server.start()
/// // …
/// server.shutdown()          // stop accepting, let requests in flight finish
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    public let metrics: ServerMetrics
    private let router: Router
    private let state = Mutex<State>(State())
    private let stopped = DispatchGroup()

    private struct State {
        var core: ServerCore?
        var loops: [EventLoop] = []
        var port = 0
    }

    public init(configuration: HTTPServerConfiguration, router: Router, metrics: ServerMetrics = ServerMetrics()) {
        self.configuration = configuration
        self.router = router
        self.metrics = metrics
    }

    /// Binds, listens and starts the event-loop threads; returns the bound port.
    @discardableResult
    public func start() throws(SystemError) -> Int {
        signal(SIGPIPE, SIG_IGN)
        let (fd, port) = try Socket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let core = ServerCore(configuration: configuration, router: router, metrics: metrics, listenFD: fd)
        var loops: [EventLoop] = []
        do {
            for index in 0..<max(1, configuration.eventLoops) {
                loops.append(try EventLoop(index: index, core: core))
            }
        } catch {
            Glibc.close(fd)
            throw error
        }
        state.withLock {
            $0.core = core
            $0.loops = loops
            $0.port = port
        }
        for loop in loops {
            stopped.enter()
            Thread { [stopped] in
                clinux_name_current_thread("okno-loop-\(loop.index)")
                loop.run()
                stopped.leave()
            }.start()
        }
        stopped.notify(queue: .global()) {
            core.workers.stop()
        }
        return port
    }

    /// The bound port, once started.
    public var port: Int { state.withLock { $0.port } }

    /// Whether graceful shutdown has begun.
    public var isShuttingDown: Bool { state.withLock { $0.core?.shuttingDown.load(ordering: .relaxed) ?? false } }

    /// Stops accepting connections, closes idle ones and lets requests in flight finish within
    /// `timeouts.shutdownGrace`; returns at once.
    public func shutdown() {
        let (core, loops) = state.withLock { ($0.core, $0.loops) }
        guard let core, !core.shuttingDown.exchange(true, ordering: .relaxed) else { return }
        for loop in loops {
            loop.execute { loop.beginShutdown() }
        }
    }

    /// Blocks until every event loop has stopped.
    public func waitUntilStopped() {
        stopped.wait()
    }

    /// Suspends until every event loop has stopped.
    public func stoppedAsync() async {
        await withCheckedContinuation { continuation in
            stopped.notify(queue: .global()) { continuation.resume() }
        }
    }
}
