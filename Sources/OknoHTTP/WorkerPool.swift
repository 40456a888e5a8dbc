import CLinux
import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads for handlers that may block, so event loops never wait on them.
final class WorkerPool: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threads: Int) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            Thread { [self] in
                clinux_name_current_thread("okno-worker-\(index)")
                work()
            }.start()
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        available.signal()
    }

    /// Lets each thread finish the jobs already queued, then exit.
    func stop() {
        for _ in 0..<threadCount {
            available.signal()
        }
    }

    private func work() {
        while true {
            available.wait()
            let job: (@Sendable () -> Void)? = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            guard let job else { return }
            job()
        }
    }
}
