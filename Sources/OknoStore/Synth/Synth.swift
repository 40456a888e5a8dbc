import Foundation
import OknoDomain

/// Fills a database with realistic synthetic messages, for benchmarks and demonstrations.
///
/// Messages spread over every region and topic of the directory (weighted roughly by population
/// and season), every channel, and the last `days` days; each is in a state its age makes
/// plausible (recent ones open, older ones answered, closed, forwarded or closed without an answer,
/// a few overdue), with its applicant, deadlines from `Deadline` in its region's time zone, and
/// events in time order. Never run it on a production database: it bypasses the writer and turns
/// durability off while it works.
public enum Synth {
    public struct Options: Sendable {
        /// How many messages to add.
        public var messages: Int
        /// The same seed (and `now`) gives the same data. Default: 1.
        public var seed: UInt64
        /// The end of the period; messages are registered before it.
        public var now: Date
        /// The length of the period in days. Default: 400.
        public var days: Int
        /// Messages (then events) per transaction. Default: 50,000.
        public var batchSize: Int

        public init(messages: Int, seed: UInt64 = 1, now: Date, days: Int = 400, batchSize: Int = 50_000) {
            self.messages = messages
            self.seed = seed
            self.now = now
            self.days = days
            self.batchSize = batchSize
        }
    }

    /// What was added.
    public struct Summary: Sendable, Equatable {
        public var messages = 0
        public var events = 0
        public var ratings = 0
        public var byStatus: [MessageStatus: Int] = [:]
    }

    /// Why synthesis stopped.
    public enum Failure: Error, CustomStringConvertible {
        /// A registration year would need numbers beyond `YYYY-999999`.
        case numbersExhausted(year: Int)
        /// The directory has no region or no topic to spread messages over.
        case emptyDirectory

        public var description: String {
            switch self {
            case .numbersExhausted(let year): "more than 999999 messages in \(year): ask for fewer"
            case .emptyDirectory: "the directory has no regions or topics"
            }
        }
    }

    /// Adds `options.messages` messages to the migrated database at `path`, whose directory is `directory`.
    ///
    /// - Parameter progress: called after each committed batch with the messages written so far.
    /// - Throws: `Failure`, or `DatabaseError` (the batch in progress is rolled back).
    public static func fill(
        path: String, directory: Directory, options: Options, progress: (Int) -> Void = { _ in }
    ) throws -> Summary {
        guard !directory.regions.isEmpty, !directory.topics.isEmpty else { throw Failure.emptyDirectory }
        let connection = try Connection.open(path: path)
        // Synthetic data can be made again; a crash mid-way loses nothing of value.
        try connection.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY")
        var generator = try Generator(directory: directory, options: options, connection)
        return try generator.run(connection, progress: progress)
    }
}

/// One message's outcome, compact, kept until its events are written in time order.
private struct SynthRecord {
    var id: Int64
    var year: Int16
    var sequence: Int32
    var region: Int16
    var topic: Int16
    var channel: Int8
    var status: MessageStatus
    /// Unit index at registration (-1: none), and after a later routing by the registrar.
    var unit: Int16
    var routedUnit: Int16 = -1
    var agency: Int16 = -1
    var reason: Int8 = -1
    var score: Int8 = 0
    var late = false
    var answerDueDate: Int32
    var forwardDueDate: Int32 = 0
    var hasForward = false
}

/// An event to write: when, for which record, of which kind.
private struct SynthEvent: Comparable {
    enum Kind: UInt8 {
        case registered, assigned, routed, answered, forwarded, closedNoAnswer, rated, closed
    }

    var at: Int64
    var record: Int32
    var kind: Kind

    static func < (lhs: SynthEvent, rhs: SynthEvent) -> Bool {
        (lhs.at, lhs.record, lhs.kind.rawValue) < (rhs.at, rhs.record, rhs.kind.rawValue)
    }
}

private struct Generator {
    static let day: Int64 = 86_400_000

    let directory: Directory
    let options: Options
    let now: Int64
    var random: SeededRandom
    let regions: [Directory.Region]
    let zones: [TimeZone]
    let topics: [Directory.Topic]
    let units: [Directory.Unit]
    let unitIndex: [String: Int16]
    let agencyIndex: [String: Int16]
    let regionChoice: WeightedChoice
    /// Per month (0...11).
    let topicChoices: [WeightedChoice]
    let channelChoice = WeightedChoice(SynthVocabulary.channelWeights)
    let hasRatings: Bool
    var sequences: [Int: Int] = [:]
    var deadlines: [Int64: Deadline] = [:]
    var records: [SynthRecord] = []
    var events: [SynthEvent] = []
    var summary = Synth.Summary()

    typealias Options = Synth.Options

    init(directory: Directory, options: Options, _ connection: Connection) throws {
        self.directory = directory
        self.options = options
        now = Instant.milliseconds(options.now)
        random = SeededRandom(seed: options.seed)
        regions = directory.regions
        zones = regions.map { TimeZone(identifier: $0.timeZone) ?? TimeZone(identifier: "Europe/Moscow")! }
        topics = directory.topics
        units = directory.units
        unitIndex = Dictionary(
            directory.units.enumerated().map { ($1.code, Int16($0)) }, uniquingKeysWith: { a, _ in a })
        agencyIndex = Dictionary(
            directory.agencies.enumerated().map { ($1.code, Int16($0)) }, uniquingKeysWith: { a, _ in a })
        regionChoice = WeightedChoice(regions.map { SynthVocabulary.regionWeights[$0.code] ?? 1 })
        let topics = self.topics
        topicChoices = (1...12).map { month in
            WeightedChoice(
                topics.map {
                    (SynthVocabulary.topicWeights[$0.code] ?? 1)
                        * SynthVocabulary.seasonalFactor(topic: $0.code, month: month)
                        + 0.01
                })
        }
        hasRatings =
            (try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ratings'")?
                .int64 ?? 0) > 0
        try connection.query("SELECT year, max(sequence) FROM messages GROUP BY year") {
            sequences[$0.int(at: 0)] = $0.int(at: 1)
        }
    }

    mutating func run(_ connection: Connection, progress: (Int) -> Void) throws -> Synth.Summary {
        let stamps = registrationInstants()
        let insertApplicant = try connection.prepare(
            "INSERT INTO applicants (kind, name, email, phone, inn, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        let insertMessage = try connection.prepare(
            """
            INSERT INTO messages (
                number, year, sequence, status, topic, region, channel, source_url, text, address, lat, lon,
                unit, suggested_agency, forwarded_to, expedited, registered_at, registered_date,
                answer_kind, answer_due_at, answer_due_date, answer_done_at, forward_due_at, forward_due_date,
                forward_done_at, answer_draft, answer_text, answer_sent_at, close_reason, assignee, applicant_id,
                version, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertRating = try connection.prepare(
            "INSERT INTO ratings (message_id, score, comment, rated_at, flagged) VALUES (?, ?, ?, ?, ?)")
        records.reserveCapacity(stamps.count)
        events.reserveCapacity(stamps.count * 3)

        var start = 0
        while start < stamps.count {
            let end = min(start + options.batchSize, stamps.count)
            try connection.transaction {
                for stamp in stamps[start..<end] {
                    try message(stamp, insertApplicant, insertMessage, hasRatings ? insertRating : nil, connection)
                }
            }
            progress(end)
            start = end
        }
        // Its messages got their watch rows with them: none is left to enrol.
        try connection.run("UPDATE deadline_watch_enrolment SET through = (SELECT ifnull(max(id), 0) FROM messages)")
        try writeEvents(connection)
        summary.messages = records.count
        return summary
    }

    /// Registration instants and regions, in time order so numbers grow with time.
    private mutating func registrationInstants() -> [(at: Int64, region: Int)] {
        var starts: [Int64: Int64] = [:]
        var stamps: [(at: Int64, region: Int)] = []
        stamps.reserveCapacity(options.messages)
        let todays = zones.map { LocalDate.of(options.now, in: $0) }
        for _ in 0..<options.messages {
            let region = regionChoice.draw(&random)
            // Volume grows by half over the period: density ∝ 1 + x/2 for x from 0 (oldest) to 1.
            let x = 2 * ((1 + 1.25 * random.unit()).squareRoot() - 1)
            let daysAgo = min(options.days - 1, Int(Double(options.days) * (1 - x)))
            let date = todays[region].adding(days: -daysAgo)
            let key = Int64(region) << 32 | Int64(date.daysSinceEpoch & 0xFFFF_FFFF)
            let dayStart =
                starts[key]
                ?? {
                    let value = Instant.milliseconds(date.startOfDay(in: zones[region]))
                    starts[key] = value
                    return value
                }()
            // Most people write in the daytime, local time.
            let second = random.chance(0.8) ? 8 * 3600 + random.below(14 * 3600) : random.below(86_400)
            var at = dayStart + Int64(second) * 1000 + Int64(random.below(1000))
            if at >= now { at = now - Int64(1 + random.below(3 * 3600)) * 1000 }
            stamps.append((at, region))
        }
        stamps.sort { $0.at < $1.at }
        return stamps
    }

    private mutating func deadline(_ kind: DeadlineKind, region: Int, date: LocalDate) -> Deadline {
        let key =
            Int64(date.daysSinceEpoch) << 16 | Int64(region) << 2 | Int64(DeadlineKind.allCases.firstIndex(of: kind)!)
        if let found = deadlines[key] { return found }
        let due = date.adding(days: kind.days(in: directory.deadlineDays))
        let made = Deadline(kind: kind, dueDate: due, in: zones[region])
        deadlines[key] = made
        return made
    }

    // The message and what became of it.
    private mutating func message(
        _ stamp: (at: Int64, region: Int), _ insertApplicant: Statement, _ insertMessage: Statement,
        _ insertRating: Statement?, _ connection: Connection
    ) throws {
        let at = stamp.at
        let regionIndex = stamp.region
        let region = regions[regionIndex]
        let registeredDate = LocalDate.of(Instant.date(at), in: zones[regionIndex])
        let topicIndex = topicChoices[registeredDate.month - 1].draw(&random)
        let topic = topics[topicIndex]
        let channel = Channel.allCases[channelChoice.draw(&random)]
        let year = registeredDate.year
        let sequence = (sequences[year] ?? 0) + 1
        guard sequence <= 999_999 else { throw Synth.Failure.numbersExhausted(year: year) }
        sequences[year] = sequence
        let number = Self.number(year: year, sequence: sequence)

        // Route as the default table would: territorial body, central department, or AD to forward.
        let territorial = unitIndex["GU-\(region.code)"] ?? unitIndex["AD"] ?? 0
        var unit: Int16 =
            switch topic.competence {
            case .territorial: territorial
            case .central: topic.unit.flatMap { unitIndex[$0] } ?? territorial
            case .external: unitIndex["AD"] ?? territorial
            }
        let agency: Int16 = topic.competence == .external ? topic.agency.flatMap { agencyIndex[$0] } ?? -1 : -1
        let answer = deadline(.answer(expedited: topic.expedited), region: regionIndex, date: registeredDate)
        let forward = agency >= 0 ? deadline(.forward, region: regionIndex, date: registeredDate) : nil

        var record = SynthRecord(
            id: 0, year: Int16(year), sequence: Int32(sequence), region: Int16(regionIndex), topic: Int16(topicIndex),
            channel: Int8(Channel.allCases.firstIndex(of: channel)!), status: .assigned, unit: unit,
            answerDueDate: Int32(answer.dueDate.daysSinceEpoch))
        record.agency = agency
        if let forward {
            record.hasForward = true
            record.forwardDueDate = Int32(forward.dueDate.daysSinceEpoch)
        }
        var suggestedAgency = agency >= 0 ? directory.agencies[Int(agency)].code : nil
        var forwardedTo: String?
        var answerDoneAt: Int64?
        var forwardDoneAt: Int64?
        var closeReason: String?
        var assignee: String?
        var draft: String?
        var version = 1
        var updatedAt = at
        var rating: (score: Int, at: Int64)?
        var newEvents: [(Int64, SynthEvent.Kind)] = [(at, .registered)]
        let answerDueAt = Instant.milliseconds(answer.dueAt)
        let age = now - at

        if topic.competence != .external, age < 2 * Self.day, random.chance(0.02) {
            // No route found yet: waits in AD's triage.
            record.status = .registered
            unit = -1
            record.unit = -1
        } else {
            newEvents.append((at, .assigned))
        }
        var internalFlow = record.status != .registered
        if let forward, record.status != .registered {
            internalFlow = false
            if random.chance(0.9) {
                let late = random.chance(0.07)
                let delay = late ? (7 + random.unit() * 6) : pow(random.unit(), 1.5) * 6.5
                let done = at + Int64(delay * Double(Self.day))
                if done <= now {
                    record.status = .forwarded
                    forwardDoneAt = done
                    forwardedTo = suggestedAgency
                    record.late = done >= Instant.milliseconds(forward.dueAt)
                    version = 2
                    updatedAt = done
                    newEvents.append((done, .forwarded))
                }
            } else {
                // The registrar found it competent after all and routed it to the territorial body.
                let routedAt = at + Int64(random.unit() * 3 * Double(Self.day))
                if routedAt <= now {
                    unit = territorial
                    record.routedUnit = territorial
                    suggestedAgency = nil
                    version = 2
                    updatedAt = routedAt
                    newEvents.append((routedAt, .routed))
                    internalFlow = true
                }
            }
        }
        if internalFlow {
            if random.chance(0.03) {
                let closedAt = at + Int64((0.5 + random.unit() * 4.5) * Double(Self.day))
                if closedAt <= now {
                    record.status = .closedNoAnswer
                    let reason = random.below(ClosureReason.allCases.count)
                    record.reason = Int8(reason)
                    closeReason = ClosureReason.allCases[reason].rawValue
                    version += 1
                    updatedAt = closedAt
                    newEvents.append((closedAt, .closedNoAnswer))
                }
            } else {
                let term = Double(answerDueAt - at)
                let delay: Double =
                    random.chance(0.006)
                    ? .infinity
                    : random.chance(0.07)
                        ? term + (0.2 + random.unit() * 20) * Double(Self.day)
                        : term * (0.15 + 0.8 * pow(random.unit(), 0.8))
                assignee = Self.officer(&random)
                let done = delay.isFinite ? at + Int64(delay) : Int64.max
                if done <= now {
                    answerDoneAt = done
                    record.late = done >= answerDueAt
                    draft = Self.answerText(number: number, topic: topic.title)
                    record.status = .answered
                    version += 4
                    updatedAt = done
                    newEvents.append((done, .answered))
                    if insertRating != nil, random.chance(0.42) {
                        let ratedAt = done + Int64(random.unit() * 12 * Double(Self.day))
                        if ratedAt <= now {
                            let score = [5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1][random.below(13)]
                            rating = (score, ratedAt)
                            record.score = Int8(score)
                            record.status = .closed
                            version += 1
                            updatedAt = ratedAt
                            newEvents.append((ratedAt, .rated))
                            newEvents.append((ratedAt, .closed))
                        }
                    }
                    if rating == nil, now - done > 30 * Self.day {
                        record.status = .closed
                        version += 1
                        updatedAt = done + 30 * Self.day
                        newEvents.append((updatedAt, .closed))
                    }
                } else {
                    let progress = delay.isFinite ? Double(age) / delay : 0.5
                    switch progress {
                    case ..<0.15:
                        assignee = nil
                    case ..<0.6:
                        record.status = .inProgress
                        version += 1
                    case ..<0.8:
                        record.status = .answerDrafted
                        draft = Self.answerText(number: number, topic: topic.title)
                        version += 2
                    default:
                        record.status = .onApproval
                        draft = Self.answerText(number: number, topic: topic.title)
                        version += 3
                    }
                    updatedAt = at + Int64(Double(age) * 0.5)
                }
            }
        }
        let applicantID = try applicant(at: at, insertApplicant, connection)
        let address = "\(region.name), \(random.pick(SynthVocabulary.streets)), д. \(1 + random.below(120))"
        let location = Self.location(region.code, &random)
        let text =
            "\(SynthVocabulary.textStart(topic: topic.code)). Адрес: \(address). Прошу принять меры (обращение \(1 + random.below(9999)))."
        let unitCode = unit >= 0 ? units[Int(unit)].code : nil
        try insertMessage.bind([
            .text(number), .integer(Int64(year)), .integer(Int64(sequence)), .text(record.status.rawValue),
            .text(topic.code), .text(region.code), .text(channel.rawValue),
            channel == .social
                ? .text("https://vk.com/wall-\(100_000 + random.below(900_000))_\(random.below(100_000))") : .null,
            .text(text), .text(address), location.map { .real($0.lat) } ?? .null,
            location.map { .real($0.lon) } ?? .null,
            .optional(unitCode), .optional(suggestedAgency), .optional(forwardedTo), .bool(topic.expedited),
            .integer(at), .text(registeredDate.description),
            .text(answer.kind.rawValue), .integer(answerDueAt), .text(answer.dueDate.description),
            answerDoneAt.map(SQLValue.integer) ?? .null,
            forward.map { .integer(Instant.milliseconds($0.dueAt)) } ?? .null, .optional(forward?.dueDate.description),
            forwardDoneAt.map(SQLValue.integer) ?? .null,
            .optional(draft), .optional(answerDoneAt == nil ? nil : draft), answerDoneAt.map(SQLValue.integer) ?? .null,
            .optional(closeReason), .optional(assignee), .integer(applicantID),
            .integer(Int64(version)), .integer(at), .integer(updatedAt),
        ])
        while try insertMessage.step() {}
        insertMessage.reset()
        record.id = connection.lastInsertRowID
        if record.status.isOpen {
            try DeadlineWatchRepository.look(at: Instant.date(at), messageID: record.id, connection)
        }

        if let rating, let insertRating {
            try insertRating.bind([
                .integer(record.id), .integer(Int64(rating.score)),
                rating.score <= 2 ? .text("Ответ формальный, проблема не решена") : .null, .integer(rating.at),
                .bool(rating.score <= RatingRepository.flagThreshold),
            ])
            while try insertRating.step() {}
            insertRating.reset()
            summary.ratings += 1
        }
        let index = Int32(records.count)
        records.append(record)
        for (eventAt, kind) in newEvents {
            events.append(SynthEvent(at: eventAt, record: index, kind: kind))
        }
        summary.byStatus[record.status, default: 0] += 1
    }

    private mutating func applicant(at: Int64, _ insert: Statement, _ connection: Connection) throws -> Int64 {
        let organization = random.chance(0.05)
        let name: String
        var inn: String?
        if organization {
            name = "\(random.pick(SynthVocabulary.organizations)) \(1 + random.below(999))"
            inn = SynthVocabulary.organizationINN(&random)
        } else {
            let female = random.chance(0.55)
            let surname = random.pick(SynthVocabulary.surnames) + (female ? "а" : "")
            let first = random.pick(female ? SynthVocabulary.femaleNames : SynthVocabulary.maleNames)
            let patronymic = random.pick(SynthVocabulary.patronymicStems) + (female ? "на" : "ич")
            name = "\(surname) \(first) \(patronymic)"
        }
        let email = random.chance(0.8) ? "user\(random.below(100_000_000))@example.ru" : nil
        let phone = email == nil || random.chance(0.4) ? "+79\(100_000_000 + random.below(900_000_000))" : nil
        try insert.bind([
            .text(organization ? "organization" : "citizen"), .text(name), .optional(email), .optional(phone),
            .optional(inn), .integer(at),
        ])
        while try insert.step() {}
        insert.reset()
        return connection.lastInsertRowID
    }

    /// Writes the events of every record in time order, so the feed reads like the real one.
    private mutating func writeEvents(_ connection: Connection) throws {
        events.sort()
        let insert = try connection.prepare(
            "INSERT INTO events (type, message_id, number, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)")
        var start = 0
        while start < events.count {
            let end = min(start + options.batchSize * 3, events.count)
            try connection.transaction {
                for event in events[start..<end] {
                    let record = records[Int(event.record)]
                    let (type, actor, data) = describe(event, record)
                    try insert.bind([
                        .text(type), .integer(record.id),
                        .text(Self.number(year: Int(record.year), sequence: Int(record.sequence))), .integer(event.at),
                        .optional(actor), .text(data),
                    ])
                    while try insert.step() {}
                    insert.reset()
                }
            }
            start = end
        }
        summary.events = events.count
    }

    private func describe(_ event: SynthEvent, _ record: SynthRecord) -> (String, String?, String) {
        func code(_ text: String) -> String { "\"\(text)\"" }
        let unitCode = record.unit >= 0 ? units[Int(record.unit)].code : ""
        let agency = record.agency >= 0 ? directory.agencies[Int(record.agency)].code : ""
        let integration = Channel.allCases[Int(record.channel)] == .edms ? "edms" : nil
        switch event.kind {
        case .registered:
            let topic = topics[Int(record.topic)]
            var data =
                "{\"status\":\"registered\",\"topic\":\(code(topic.code)),\"region\":\(code(regions[Int(record.region)].code)),"
                + "\"channel\":\(code(Channel.allCases[Int(record.channel)].rawValue)),\"expedited\":\(topic.expedited),"
                + "\"answer_due_date\":\(code(LocalDate(daysSinceEpoch: Int(record.answerDueDate)).description))"
            if record.hasForward {
                data +=
                    ",\"forward_due_date\":\(code(LocalDate(daysSinceEpoch: Int(record.forwardDueDate)).description))"
            }
            return ("message.registered", integration, data + "}")
        case .assigned:
            let suggested = record.agency >= 0 ? ",\"suggested_agency\":\(code(agency))" : ""
            return ("message.assigned", integration, "{\"status\":\"assigned\",\"unit\":\(code(unitCode))\(suggested)}")
        case .routed:
            let routed = units[Int(record.routedUnit)].code
            return (
                "message.assigned", "registrar",
                "{\"action\":\"route\",\"from\":\"assigned\",\"status\":\"assigned\",\"unit\":\(code(routed)),\"previous_unit\":\(code(unitCode))}"
            )
        case .answered:
            return (
                "message.answered", "approver",
                "{\"action\":\"approve\",\"from\":\"on_approval\",\"status\":\"answered\",\"late\":\(record.late)}"
            )
        case .forwarded:
            return (
                "message.forwarded", "registrar",
                "{\"action\":\"forward\",\"from\":\"assigned\",\"status\":\"forwarded\",\"agency\":\(code(agency)),\"late\":\(record.late)}"
            )
        case .closedNoAnswer:
            let reason = ClosureReason.allCases[Int(record.reason)].rawValue
            return (
                "message.closed", "registrar",
                "{\"action\":\"close_no_answer\",\"from\":\"assigned\",\"status\":\"closed_no_answer\",\"reason\":\(code(reason))}"
            )
        case .rated:
            return (
                "rating.received", "applicant",
                "{\"score\":\(record.score),\"flagged\":\(Int(record.score) <= RatingRepository.flagThreshold)}"
            )
        case .closed:
            return ("message.closed", nil, "{\"action\":\"close\",\"from\":\"answered\",\"status\":\"closed\"}")
        }
    }

    static func number(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return String(year) + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func officer(_ random: inout SeededRandom) -> String {
        "\(random.pick(SynthVocabulary.surnames)) \(random.pick(["А.", "В.", "Е.", "И.", "М.", "О.", "С."])) \(random.pick(["А.", "В.", "Н.", "П.", "С."]))"
    }

    static func answerText(number: String, topic: String) -> String {
        "Уважаемый заявитель! Ваше обращение № \(number) по теме «\(topic)» рассмотрено. Проведена проверка, "
            + "выявленные нарушения устранены, виновные привлечены к ответственности."
    }

    /// Coordinates near the regional capital for the largest cities; others have none.
    static func location(_ region: String, _ random: inout SeededRandom) -> (lat: Double, lon: Double)? {
        let centers: [String: (Double, Double)] = ["77": (55.75, 37.62), "78": (59.94, 30.31), "50": (55.7, 37.9)]
        guard let center = centers[region], random.chance(0.6) else { return nil }
        return (center.0 + (random.unit() - 0.5) * 0.3, center.1 + (random.unit() - 0.5) * 0.5)
    }
}
