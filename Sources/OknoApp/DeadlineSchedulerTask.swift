import CLinux
import Foundation
import OknoAPI
import OknoDomain
import OknoStore
import Synchronization

/// Runs the deadline scheduler in the background: once right after start (to catch up on what
/// fell due while the service was down), then every `scheduler_interval_seconds`.
///
/// Ticks never overlap, and `stop()` waits for a tick in progress, so the store can be closed
/// right after it returns.
final class DeadlineSchedulerTask: Sendable {
    private let scheduler: DeadlineScheduler
    private let store: Store
    private let directory: Directory
    /// Days after the answer during which the applicant may rate it; then the message closes.
    private let ratingWindowDays: Int
    private let now: @Sendable () -> Date
    /// Held for the whole of a tick; `true` once stopped, after which no tick runs.
    private let state = Mutex<Bool>(false)
    private let periodic = Mutex<PeriodicTask?>(nil)
    /// Set first on stop, so that a long catch-up ends after its current batch.
    private let stopping = Atomic<Bool>(false)

    init(
        scheduler: DeadlineScheduler, store: Store, directory: Directory, ratingWindowDays: Int,
        now: @escaping @Sendable () -> Date
    ) {
        self.scheduler = scheduler
        self.store = store
        self.directory = directory
        self.ratingWindowDays = ratingWindowDays
        self.now = now
    }

    /// Starts the background ticks: the first one at once, on a thread of its own.
    func start(interval: Double) {
        let task = PeriodicTask(name: "okno-deadlines", interval: interval) { [self] in
            runLogged()
        }
        periodic.withLock { $0 = task }
        Thread { [self] in
            clinux_name_current_thread("okno-deadlines")
            runLogged()
        }.start()
    }

    /// One pass at `instant`; `nil` once stopped.
    ///
    /// Blocks the calling thread until the pass (and any pass in progress) is done.
    func tick(now instant: Date) throws -> DeadlineScheduler.Report? {
        try state.withLock { stopped in
            guard !stopped else { return nil }
            let report = try scheduler.tick(now: instant, store: store) { stopping.load(ordering: .relaxed) }
            try closeUnratedAnswers(at: instant)
            return report
        }
    }

    /// Closes, in batches, answered messages whose rating window passed without a rating.
    private func closeUnratedAnswers(at instant: Date) throws {
        let cutoff = instant.addingTimeInterval(-Double(ratingWindowDays) * 86_400)
        let directory = directory
        while !stopping.load(ordering: .relaxed) {
            let closed = try store.writeSync {
                try RatingWindowRepository.closeExpired(
                    answeredBefore: cutoff, at: instant, directory: directory, limit: Self.closeBatch, $0)
            }
            if closed < Self.closeBatch { return }
        }
    }

    /// Messages closed per write transaction.
    static let closeBatch = 500

    /// No tick runs after this returns; waits for the batch in progress. Idempotent.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        // Dropping the task also breaks the cycle task → closure → self → task.
        periodic.withLock { task in
            defer { task = nil }
            return task
        }?.stop()
        state.withLock { $0 = true }
    }

    private func runLogged() {
        do {
            guard let report = try tick(now: now()), report.messages > 0 else { return }
            Log.info(
                "deadlines.tick",
                [
                    "messages": String(report.messages), "notices": String(report.notices),
                    "batches": String(report.batches), "unschedulable": String(report.unschedulable),
                ])
        } catch {
            Log.error("deadlines.tick_failed", ["error": String(describing: error)])
        }
    }
}
