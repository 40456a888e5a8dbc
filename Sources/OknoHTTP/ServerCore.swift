import Glibc
import Synchronization

/// What every event loop of one server shares.
final class ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let router: Router
    let metrics: ServerMetrics
    let workers: WorkerPool
    let listenFD: Int32
    let connectionCount = Atomic<Int>(0)
    let shuttingDown = Atomic<Bool>(false)
    /// Loops still listening; the last to stop closes the socket, so new connections are refused.
    private let listeners: Atomic<Int>

    init(configuration: HTTPServerConfiguration, router: Router, metrics: ServerMetrics, listenFD: Int32) {
        self.configuration = configuration
        self.router = router
        self.metrics = metrics
        self.listenFD = listenFD
        self.workers = WorkerPool(threads: configuration.workerThreads)
        self.listeners = Atomic(max(1, configuration.eventLoops))
    }

    /// Called once by each loop when it stops listening for good.
    func releaseListener() {
        if listeners.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            Glibc.close(listenFD)
        }
    }

    /// How often loops check timeouts: a quarter of the shortest timeout, within 10–500 ms.
    var sweepInterval: Double {
        let timeouts = configuration.timeouts
        let shortest = min(timeouts.header, timeouts.body, timeouts.idle, timeouts.write)
        return min(0.5, max(0.01, shortest / 4))
    }
}
