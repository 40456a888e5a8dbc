import Foundation
import OknoDomain

/// The deadline scheduler's pass: announces, once each, the deadlines that became at risk or
/// overdue, and sets when each message is to be looked at next.
///
/// It reads only the messages whose look instant in `deadline_watch` has come (an index range scan
/// on `deadline_watch_due`), never all open messages. For each it recomputes the risk of its
/// open deadlines with `Risk.of` (through `Risk.watch`), writes a `deadline.at_risk` or
/// `deadline.overdue` event and a `deadline_notices` row for every level reached and not yet
/// announced, and moves the look instant to the next instant a risk changes (deleting it when none
/// will). A message that other writers stamped although nothing changed is just rescheduled.
///
/// Exactly once: the notice row and its event commit together, and the notice's primary key
/// (message, kind, due instant, level) refuses a second one, so restarts, missed ticks and
/// simultaneous ticks announce nothing twice. A tick that comes late catches up: every level
/// reached is announced, `at_risk` before `overdue`, each with the instant it was due.
public struct DeadlineScheduler: Sendable {
    /// What one tick (or one batch) did.
    public struct Report: Sendable, Equatable {
        /// Messages looked at.
        public var messages = 0
        /// Notices given (events written).
        public var notices = 0
        /// Write transactions used.
        public var batches = 0
        /// Messages whose region has no known time zone: left unscheduled (`NULL`).
        public var unschedulable = 0

        public init() {}

        static func + (lhs: Report, rhs: Report) -> Report {
            var sum = lhs
            sum.messages += rhs.messages
            sum.notices += rhs.notices
            sum.batches += rhs.batches
            sum.unschedulable += rhs.unschedulable
            return sum
        }
    }

    /// The thresholds N of `Risk.of`. Default: 5 days for 30-day terms, 2 for shorter ones.
    public var atRiskDays: AtRiskDays
    /// At most this many messages per write transaction, at least 1. Default: 1000 (some 50 ms of
    /// the writer's time when every one of them gets a notice).
    public var batchSize: Int

    public init(atRiskDays: AtRiskDays = AtRiskDays(), batchSize: Int = 1000) {
        precondition(batchSize > 0, "a batch holds at least one message")
        self.atRiskDays = atRiskDays
        self.batchSize = batchSize
    }

    /// Enrols new messages (`enrolNewMessages`), then processes every message whose risk changes
    /// by `now`, `batchSize` per write transaction, until none is left.
    ///
    /// Blocks the calling thread (a read, then `writeSync` per batch). When nothing is due it only
    /// reads one index entry and writes nothing.
    /// - Parameters:
    ///   - now: The instant to judge risk at, injected by the caller.
    ///   - isCancelled: Checked between batches; the rest waits for the next tick. Default: never.
    /// - Throws: `DatabaseError`; batches committed before the error stay committed.
    @discardableResult
    public func tick(now: Date, store: Store, isCancelled: () -> Bool = { false }) throws -> Report {
        try enrolNewMessages(store: store, isCancelled: isCancelled)
        let isDue = try store.read { try Self.hasDueMessages(at: now, $0) }
        guard isDue else { return Report() }
        var report = Report()
        let atRiskDays = atRiskDays
        let limit = batchSize
        while true {
            let batch = try store.writeSync { try Self.processBatch(at: now, limit: limit, atRiskDays: atRiskDays, $0) }
            report = report + batch
            if batch.messages < limit || isCancelled() { return report }
        }
    }

    /// Puts every message registered since the last enrolment under watch
    /// (`DeadlineWatchRepository.enrol`), `batchSize` per write transaction. Only reads when
    /// there is none.
    public func enrolNewMessages(store: Store, isCancelled: () -> Bool = { false }) throws {
        guard try store.read({ try DeadlineWatchRepository.hasNewMessages($0) }) else { return }
        let limit = batchSize
        while try store.writeSync({ try DeadlineWatchRepository.enrol(limit: limit, $0) }), !isCancelled() {}
    }

    /// Whether any message's risk changes by `now`.
    public static func hasDueMessages(at now: Date, _ connection: Connection) throws -> Bool {
        try connection.scalar(dueProbe, [.integer(Instant.milliseconds(now))]) != nil
    }

    /// Whether a look instant has come (argument: now).
    static let dueProbe = "SELECT 1 FROM deadline_watch WHERE next_change_at <= ? LIMIT 1"

    /// The messages whose look instant has come, earliest first (arguments: now, limit).
    static let dueMessages = """
        SELECT m.id, m.number, m.status, m.suggested_agency,
            m.answer_kind, m.answer_due_at, m.answer_due_date, m.answer_done_at,
            m.forward_due_at, m.forward_due_date, m.forward_done_at, w.next_change_at, r.time_zone
        FROM deadline_watch w
        JOIN messages m ON m.id = w.message_id
        JOIN regions r ON r.code = m.region
        WHERE w.next_change_at <= ?
        ORDER BY w.next_change_at, w.message_id
        LIMIT ?
        """

    /// Processes up to `limit` messages whose risk changes by `now`, earliest first.
    ///
    /// Run it as one `DatabaseWriter` item: what it reads and writes is then one consistent step.
    public static func processBatch(
        at now: Date, limit: Int, atRiskDays: AtRiskDays, _ connection: Connection
    ) throws -> Report {
        var due: [DueMessage] = []
        try connection.query(
            dueMessages, [.integer(Instant.milliseconds(now)), .integer(Int64(max(1, limit)))]
        ) { due.append(try DueMessage(row: $0)) }
        guard !due.isEmpty else { return Report() }
        let announced = try DeadlineNoticeRepository.announced(messageIDs: due.map(\.id), connection)

        var report = Report()
        report.batches = 1
        var timeZones: [String: TimeZone] = [:]
        let noticedAt = rfc3339(now)
        // Many messages share a due instant (registered the same day): format each once.
        var dueTexts: [Int64: (date: String, at: String)] = [:]
        for message in due {
            report.messages += 1
            guard let timeZone = timeZones[message.timeZone] ?? TimeZone(identifier: message.timeZone) else {
                report.unschedulable += 1
                try DeadlineWatchRepository.look(at: nil, messageID: message.id, connection)
                continue
            }
            timeZones[message.timeZone] = timeZone
            let plan = Risk.watch(
                message.openDeadlines, at: now, lookSince: message.lookSince, in: timeZone, atRiskDays: atRiskDays
            ) { deadline, level in
                announced.contains(.init(messageID: message.id, deadline: deadline, level: level))
            }
            for notice in plan.notices {
                let dueAt = Instant.milliseconds(notice.deadline.dueAt)
                let texts = dueTexts[dueAt] ?? (notice.deadline.dueDate.description, rfc3339(notice.deadline.dueAt))
                dueTexts[dueAt] = texts
                try announce(notice, of: message, at: now, noticedAt: noticedAt, due: texts, connection)
                report.notices += 1
            }
            if let next = plan.nextLook {
                try DeadlineWatchRepository.move(messageID: message.id, to: next, connection)
            } else {
                try DeadlineWatchRepository.look(at: nil, messageID: message.id, connection)
            }
        }
        return report
    }

    /// Writes the notice's event and its `deadline_notices` row.
    private static func announce(
        _ notice: RiskNotice, of message: DueMessage, at now: Date, noticedAt: String,
        due: (date: String, at: String), _ connection: Connection
    ) throws {
        let deadline = notice.deadline
        let data: EventData = [
            "deadline": .string(deadline.kind == .forward ? "forward" : "answer"),
            "kind": .string(deadline.kind.rawValue),
            "risk": .string(notice.level.rawValue),
            "due_date": .string(due.date),
            "due_at": .string(due.at),
            "noticed_at": .string(noticedAt),
        ]
        let seq = try EventRepository.append(
            type: "deadline.\(notice.level.rawValue)", messageID: message.id, number: message.number,
            at: notice.dueInstant, actor: nil, data: data, connection)
        try connection.run(
            """
            INSERT INTO deadline_notices (message_id, kind, due_at, level, due_instant, noticed_at, event_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(message.id), .text(deadline.kind.rawValue), .integer(Instant.milliseconds(deadline.dueAt)),
                .text(notice.level.rawValue), .integer(Instant.milliseconds(notice.dueInstant)),
                .integer(Instant.milliseconds(now)), .integer(seq),
            ])
    }

    /// As the API writes instants (`Timestamp.format`), so the feed's `data` reads like the rest.
    private static func rfc3339(_ date: Date) -> String {
        Timestamp.format(date)
    }
}

/// A message whose risk changes by now, with what deciding its risk needs.
private struct DueMessage {
    let id: Int64
    let number: String
    /// The message's open deadlines (`MessageSnapshot.openDeadlines`, as the `open_due_at` column
    /// says too): finished or abandoned deadlines never change risk again.
    let openDeadlines: [Deadline]
    /// The stored look instant (`deadline_watch.next_change_at`).
    let lookSince: Date
    /// The IANA identifier of the region's time zone.
    let timeZone: String

    init(row: Row) throws {
        func localDate(_ index: Int, _ column: String) throws -> LocalDate {
            guard let date = row.string(at: index).flatMap(LocalDate.init) else {
                throw StoreError.corruptValue(table: "messages", column: column)
            }
            return date
        }
        id = row.int64(at: 0)
        number = row.text(at: 1)
        guard let status = MessageStatus(rawValue: row.text(at: 2)) else {
            throw StoreError.corruptValue(table: "messages", column: "status")
        }
        guard let answerKind = DeadlineKind(rawValue: row.text(at: 4)) else {
            throw StoreError.corruptValue(table: "messages", column: "answer_kind")
        }
        let answer = Deadline(
            kind: answerKind, dueDate: try localDate(6, "answer_due_date"), dueAt: Instant.date(row.int64(at: 5)))
        let forward = try row.instant(at: 8).map {
            Deadline(kind: .forward, dueDate: try localDate(9, "forward_due_date"), dueAt: $0)
        }
        openDeadlines = MessageSnapshot.openDeadlines(
            status: status, answerDeadline: answer, answerDoneAt: row.instant(at: 7), forwardDeadline: forward,
            forwardDoneAt: row.instant(at: 10), suggestedAgency: row.string(at: 3))
        lookSince = Instant.date(row.int64(at: 11))
        timeZone = row.text(at: 12)
    }
}
