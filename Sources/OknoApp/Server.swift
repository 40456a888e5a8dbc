import Dispatch
import Foundation
import Glibc
import OknoAPI
import OknoDomain
import OknoHTTP
import OknoStore
import Synchronization

/// `okno serve`: opens the store, serves the API and stops gracefully on SIGTERM or SIGINT.
public final class OknoServer: Sendable {
    public let configuration: Configuration
    public let store: Store
    public let services: Services
    public let http: HTTPServer
    private let routingWatch: PeriodicTask
    private let queueIndexing: PeriodicTask
    private let changeLogPruning: PeriodicTask
    private let deadlineEnrolment: PeriodicTask
    /// Set first on stop, so that a long enrolment ends after its current batch.
    private let stopping: StoppingFlag
    private let deadlines: DeadlineSchedulerTask

    /// Opens (creating and migrating if needed) the database and builds the server, not yet listening.
    public init(configuration: Configuration, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.configuration = configuration
        store = try Store.open(
            path: configuration.database, migrations: try Store.bundledMigrations(),
            defaultDirectory: try BundledDirectory.load(), readers: configuration.databaseReaders,
            maxBatchSize: configuration.groupCommitMaxBatch)
        let directory = try store.readers.read { try DirectoryRepository.load($0) }
        let metrics = ServerMetrics()
        services = Services(
            store: store, directory: directory, configuration: configuration.api, metrics: metrics, now: now)
        var server = configuration.server
        server.host = configuration.host
        server.port = configuration.port
        http = HTTPServer(configuration: server, router: try API.router(services: services), metrics: metrics)
        try services.reloadRouting()
        routingWatch = Self.watchRoutingRules(services)
        queueIndexing = PeriodicTask(name: "okno-queue-idx", interval: Self.queueIndexSeconds) { [store] in
            do { try store.catchUpQueueIndexes() } catch {
                Log.error("queue_index.failed", ["error": String(describing: error)])
            }
        }
        changeLogPruning = PeriodicTask(name: "okno-prune-log", interval: Self.changeLogPruneSeconds) {
            [store] in
            do {
                let deleted = try store.pruneMessageChanges()
                if deleted > 0 { Log.info("message_changes.pruned", ["rows": String(deleted)]) }
            } catch {
                Log.error("message_changes.prune_failed", ["error": String(describing: error)])
            }
        }
        let scheduler = DeadlineScheduler(atRiskDays: configuration.api.atRiskDays)
        let stopping = StoppingFlag()
        self.stopping = stopping
        deadlineEnrolment = PeriodicTask(name: "okno-enrolment", interval: Self.deadlineEnrolmentSeconds) {
            [store] in
            do { try scheduler.enrolNewMessages(store: store) { stopping.isSet } } catch {
                Log.error("deadline_watch.enrolment_failed", ["error": String(describing: error)])
            }
        }
        deadlines = DeadlineSchedulerTask(
            scheduler: scheduler, store: store, directory: directory,
            ratingWindowDays: configuration.api.ratingWindowDays, now: now)
    }

    /// One pass of the deadline scheduler at `now`, as the background task runs it every
    /// `scheduler_interval_seconds`: announces deadlines that became at risk or overdue, once each.
    ///
    /// Blocks the calling thread; waits for a background pass in progress.
    /// - Returns: what the pass did; `nil` once the server has stopped.
    @discardableResult
    public func tick(now: Date) throws -> DeadlineScheduler.Report? {
        try deadlines.tick(now: now)
    }

    /// Rule changes made by another process (`okno routing import`) take effect within seconds:
    /// the version is polled, the rules are reloaded only when it changed.
    private static func watchRoutingRules(_ services: Services) -> PeriodicTask {
        PeriodicTask(name: "okno-routing", interval: routingPollSeconds) {
            do {
                let stored = try services.store.read { try RoutingRuleRepository.version($0) }
                if stored != services.routing.engine.ruleSet.version { try services.reloadRouting() }
            } catch {
                Log.error("routing.reload_failed", ["error": String(describing: error)])
            }
        }
    }

    /// How often the rule-set version is checked.
    static let routingPollSeconds = 2.0
    /// How often the queue index file follows new and changed messages (a search catches it up
    /// first; other reads merge in what it has not followed). Each run costs the index writer a
    /// fixed share (the full-text index's new segment, a commit): every 0.5 s it spent 40 % more
    /// per message under intake than every second.
    static let queueIndexSeconds = 1.0
    /// How often new messages are put under the deadline scheduler's watch, a batch at a time (each
    /// scheduler pass enrols them first too).
    static let deadlineEnrolmentSeconds = 0.5
    /// How often the rows of the `message_changes` log that the queue index file had followed at
    /// the previous run are deleted.
    static let changeLogPruneSeconds = 600.0

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() throws -> Int {
        let port = try http.start()
        services.readiness.set(true)
        deadlines.start(interval: configuration.schedulerIntervalSeconds)
        Log.info(
            "server.listening", ["host": configuration.host, "port": String(port), "database": configuration.database])
        return port
    }

    /// Stops accepting, lets requests in flight finish, then closes the store (flushing queued writes).
    public func stop() {
        services.readiness.set(false)
        http.shutdown()
        http.waitUntilStopped()
        finishStopping()
    }

    /// Runs until SIGTERM or SIGINT, then stops gracefully.
    public func runUntilSignalled() throws {
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [http, services] in
                Log.info("server.stopping", ["signal": String(number)])
                services.readiness.set(false)
                http.shutdown()
            }
            source.resume()
            return source
        }
        try start()
        http.waitUntilStopped()
        for signal in signals { signal.cancel() }
        finishStopping()
    }

    /// Once no request is left: stops the background tasks, writes the gathered audit rows and
    /// closes the store (committing queued writes).
    private func finishStopping() {
        stopping.set()
        routingWatch.stop()
        queueIndexing.stop()
        changeLogPruning.stop()
        deadlineEnrolment.stop()
        deadlines.stop()
        services.personalDataReads.flush()
        store.close()
        Log.info("server.stopped")
    }
}

/// Set once the server begins to stop; background work reads it between batches.
private final class StoppingFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .relaxed) }

    func set() { value.store(true, ordering: .relaxed) }
}
