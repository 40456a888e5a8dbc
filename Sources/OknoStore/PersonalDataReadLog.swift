import Dispatch
import Foundation
import Synchronization

/// Records officers' reads of applicants' personal data (`personal_data_reads`), gathered for a
/// short while and written in one commit.
///
/// A message view is answered without waiting for its audit row; the rows of all views within
/// `delay` then share one write. Every commit makes the reader connections drop their page caches,
/// so one commit per view (hundreds a second under load) cost the officers' reads a quarter of
/// their throughput. Call `flush()` before closing the store: what is gathered is then queued
/// ahead of the close and committed by it.
public final class PersonalDataReadLog: Sendable {
    /// One read: who read which message's personal data, when.
    struct Entry: Sendable {
        let messageID: Int64
        let actor: String
        let role: String
        let at: Date
    }

    private let writer: DatabaseWriter
    private let delay: Duration
    private let onFailure: @Sendable (any Error) -> Void
    private let pending = Mutex<[Entry]>([])

    /// - Parameters:
    ///   - delay: how long the first read waits for others before they are written together.
    ///   - onFailure: told when a write fails (the rows are then lost); must not log the rows.
    public init(writer: DatabaseWriter, delay: Duration, onFailure: @escaping @Sendable (any Error) -> Void) {
        self.writer = writer
        self.delay = delay
        self.onFailure = onFailure
    }

    /// Records that `actor` (with `role`) read the personal data of message `messageID` at `instant`.
    public func record(messageID: Int64, actor: String, role: String, at instant: Date) {
        let isFirst = pending.withLock { entries in
            entries.append(Entry(messageID: messageID, actor: actor, role: role, at: instant))
            return entries.count == 1
        }
        guard isFirst else { return }
        let nanoseconds = delay / .nanoseconds(1)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            flush()
        }
    }

    /// Queues what is gathered on the writer as one job, without waiting for its commit.
    public func flush() {
        let onFailure = onFailure
        // Queued under the lock, so that a flush that finds nothing left knows that what an
        // earlier one took is already on the writer's queue (a close then commits it).
        pending.withLock { entries in
            guard !entries.isEmpty else { return }
            let taken = entries
            entries = []
            writer.submit({ try PersonalDataReadRepository.insert(taken, $0) }) { result in
                if case .failure(let error) = result { onFailure(error) }
            }
        }
    }
}
