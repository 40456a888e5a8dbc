import Foundation

/// A risk level that is announced once per deadline when reached: `at_risk`, then `overdue`.
public enum RiskLevel: String, Hashable, Sendable, CaseIterable, Comparable {
    case atRisk = "at_risk"
    case overdue

    /// The risk this level is reached at, as `Risk.of` tells it.
    public var risk: Risk { self == .atRisk ? .atRisk : .overdue }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        lhs == .atRisk && rhs == .overdue
    }
}

/// One announcement the deadline scheduler owes: a deadline reached a level.
public struct RiskNotice: Hashable, Sendable {
    public let deadline: Deadline
    public let level: RiskLevel
    /// When the notice was due: when the level was reached, or `lookSince` if that is later.
    public let dueInstant: Date

    public init(deadline: Deadline, level: RiskLevel, dueInstant: Date) {
        self.deadline = deadline
        self.level = level
        self.dueInstant = dueInstant
    }
}

extension Risk {
    /// The levels an open deadline has reached at `instant`, in order, each with the instant it
    /// was reached: none while on track, `at_risk` once at risk, and `at_risk` then `overdue` once
    /// overdue (an overdue deadline was at risk first, however briefly anyone looked).
    ///
    /// Both the levels and their instants come from `Risk.of` and `Risk.nextChange`, the one
    /// definition of risk: `at_risk` from the start of local day `due_date − N`, `overdue` from
    /// `dueAt`.
    public static func levelsReached(
        by deadline: Deadline,
        at instant: Date,
        in timeZone: TimeZone,
        atRiskDays: AtRiskDays = AtRiskDays()
    ) -> [(level: RiskLevel, reachedAt: Date)] {
        let risk = of(deadline, at: instant, in: timeZone, atRiskDays: atRiskDays)
        guard risk == .atRisk || risk == .overdue else { return [] }
        // Before any instant the next change is the first one: the start of the at-risk days.
        let atRiskFrom =
            nextChange(of: deadline, after: .distantPast, in: timeZone, atRiskDays: atRiskDays) ?? deadline.dueAt
        let atRisk = (level: RiskLevel.atRisk, reachedAt: atRiskFrom)
        return risk == .overdue ? [atRisk, (level: .overdue, reachedAt: deadline.dueAt)] : [atRisk]
    }

    /// What the deadline scheduler does for one message at `instant`: the notices not given yet,
    /// in the order they fell due, and when to look at the message again.
    ///
    /// - Parameters:
    ///   - openDeadlines: The message's open deadlines (finished ones never change risk again).
    ///   - instant: Now, as injected.
    ///   - lookSince: When the scheduler was asked to look at the message. A deadline that a
    ///     transition created after its level was reached (a term extended while already at risk)
    ///     could not be announced before then, so no notice is due before it.
    ///   - isAnnounced: Whether a deadline's level was announced before.
    /// - Returns: the notices, ordered by due instant then level; and the next instant any open
    ///   deadline's risk changes, `nil` when none will.
    public static func watch(
        _ openDeadlines: [Deadline],
        at instant: Date,
        lookSince: Date,
        in timeZone: TimeZone,
        atRiskDays: AtRiskDays = AtRiskDays(),
        isAnnounced: (Deadline, RiskLevel) throws -> Bool
    ) rethrows -> (notices: [RiskNotice], nextLook: Date?) {
        var notices: [RiskNotice] = []
        var nextLook: Date?
        for deadline in openDeadlines {
            for reached in levelsReached(by: deadline, at: instant, in: timeZone, atRiskDays: atRiskDays)
            where try !isAnnounced(deadline, reached.level) {
                let due = min(max(reached.reachedAt, lookSince), instant)
                notices.append(RiskNotice(deadline: deadline, level: reached.level, dueInstant: due))
            }
            if let change = nextChange(of: deadline, after: instant, in: timeZone, atRiskDays: atRiskDays) {
                nextLook = min(nextLook ?? change, change)
            }
        }
        notices.sort {
            ($0.dueInstant, $0.level, $0.deadline.kind.rawValue) < ($1.dueInstant, $1.level, $1.deadline.kind.rawValue)
        }
        return (notices, nextLook)
    }
}
