/// A result handed from a writer thread to a thread that waits for it, once per `set`.
final class Outcome<T: Sendable>: Sendable {
    private let monitor = Monitor<Result<T, any Error>?>(nil)

    @Sendable func set(_ result: Result<T, any Error>) {
        monitor.withLock { $0 = result }
        monitor.broadcast()
    }

    /// Waits for the result and clears it for the next `set`.
    func take() -> Result<T, any Error> {
        let isSet: (Result<T, any Error>?) -> Bool = { $0 != nil }
        return monitor.withLock(waitingUntil: isSet) { value in
            defer { value = nil }
            return value!
        }
    }
}
