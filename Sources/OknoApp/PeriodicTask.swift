import CLinux
import Dispatch
import Foundation
import Synchronization

/// Runs work every `interval` seconds on its own thread until stopped.
public final class PeriodicTask: Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameter name: the thread's name in the system (`top -H`, `/proc`); Linux keeps 15 bytes.
    public init(name: String, interval: Double, _ work: @escaping @Sendable () -> Void) {
        Thread { [self] in
            clinux_name_current_thread(name)
            while wake.wait(timeout: .now() + interval) == .timedOut, !stopped.load(ordering: .acquiring) {
                work()
            }
            finished.signal()
        }.start()
    }

    /// Waits for the current run, if any, to end; the work does not run again. Call it from
    /// another thread than the task's own.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        finished.wait()
    }
}
