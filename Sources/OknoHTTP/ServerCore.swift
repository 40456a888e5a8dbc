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

    init(configuration: HTTPServerConfiguration, router: Router, metrics: ServerMetrics, listenFD: Int32) {
        self.configuration = configuration
        self.router = router
        self.metrics = metrics
        self.listenFD = listenFD
        self.workers = WorkerPool(threads: configuration.workerThreads)
    }

    /// How often loops check timeouts: a quarter of the shortest timeout, within 10–500 ms.
    var sweepInterval: Double {
        let timeouts = configuration.timeouts
        let shortest = min(timeouts.header, timeouts.body, timeouts.idle, timeouts.write)
        return min(0.5, max(0.01, shortest / 4))
    }
}
