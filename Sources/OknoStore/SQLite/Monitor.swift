#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value guarded by a pthread mutex, with a condition variable for threads that must block
/// until the value changes.
///
/// `@unchecked Sendable` is safe because `state` is only reached inside `withLock`, which holds
/// the mutex. `State` may hold non-Sendable values (connections): each is handed from one thread
/// to the next under the lock and used by one thread at a time.
final class Monitor<State>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the lock held, first waiting (lock released meanwhile) until `isReady`.
    func withLock<R>(
        waitingUntil isReady: (State) -> Bool = { _ in true },
        _ body: (inout State) throws -> R
    ) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !isReady(state) {
            pthread_cond_wait(condition, mutex)
        }
        return try body(&state)
    }

    /// Wakes one waiting thread; enough when any waiter can use the change.
    func signal() {
        pthread_cond_signal(condition)
    }

    /// Wakes every waiting thread; needed when waiters wait for different things.
    func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
