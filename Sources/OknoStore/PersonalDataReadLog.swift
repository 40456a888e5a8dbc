import Dispatch
import Foundation
import Synchronization

/// Records officers' reads of applicants' personal data (`personal_data_reads`), gathered for a
/// short while and written in one commit.
///
/// A message view is answered without waiting for its audit row, as before; the rows of all views
/// within `delay` then share one write. Every commit makes the reader connections drop their page
/// caches, so one commit per view (hundreds a second under load) cost the officers' reads a
/// quarter of their throughput. Call `flush()` before closing the store.
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
        let (seconds, attoseconds) = delay.components
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        ) { [self] in
            flush()
        }
    }

    /// Hands what is gathered to the writer in one job, without waiting for its commit.
    public func flush() {
        let entries = pending.withLock { entries in
            defer { entries = [] }
            return entries
        }
        guard !entries.isEmpty else { return }
        let onFailure = onFailure
        writer.submit({ connection in
            for entry in entries {
                try connection.run(
                    "INSERT INTO personal_data_reads (message_id, actor, role, at) VALUES (?, ?, ?, ?)",
                    [
                        .integer(entry.messageID), .text(entry.actor), .text(entry.role),
                        .integer(Instant.milliseconds(entry.at)),
                    ])
            }
        }) { result in
            if case .failure(let error) = result { onFailure(error) }
        }
    }

}
