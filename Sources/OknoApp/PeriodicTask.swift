import Dispatch
import Foundation
import Synchronization

/// Runs work every `interval` seconds on its own thread until stopped.
public final class PeriodicTask: Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    public init(name: String, interval: Double, _ work: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while wake.wait(timeout: .now() + interval) == .timedOut, !stopped.load(ordering: .acquiring) {
                work()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Stops after the current run, if any; the work does not run again.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
    }
}
