import Foundation
import OknoDomain
import Testing

extension LifecycleActor.Kind: CustomTestStringConvertible {
    public var testDescription: String {
        switch self {
        case .officer(let role): role.rawValue
        case .system: "system"
        }
    }
}

@Suite("Lifecycle table")
struct LifecycleTableTests {
    typealias F = LifecycleFixtures

    static let statusActions: [(MessageStatus, LifecycleAction)] = MessageStatus.allCases.flatMap { status in
        LifecycleAction.allCases.map { (status, $0) }
    }

    /// Every status × action × performer, with valid fields: the outcome the table's rule names, or
    /// the refusal that the order of checks gives.
    @Test(
        "every status, action and performer gives the table's outcome or refusal",
        arguments: statusActions, LifecycleActor.Kind.all)
    func matrix(statusAction: (MessageStatus, LifecycleAction), performer: LifecycleActor.Kind) throws {
        let (status, action) = statusAction
        let message = F.message(status)
        let actor = F.actor(performer)
        let result = F.apply(F.command(action), to: message, by: actor)

        let unitScoped = actor.role?.isUnitScoped ?? false
        guard !unitScoped || message.unit == F.unit else {
            #expect(result.refusal == .notVisible)
            return
        }
        let rules = Lifecycle.table.filter { $0.action == action && $0.performers.contains(performer) }
        guard !rules.isEmpty else {
            #expect(result.refusal == .forbiddenRole)
            return
        }
        guard let rule = rules.first(where: { $0.from.contains(status) }) else {
            let allowed = Lifecycle.allowedActions(for: message, principal: actor)
            #expect(!allowed.contains(action))
            #expect(result.refusal == .notAllowedInState(allowed: allowed))
            return
        }
        let outcome = try #require(result.outcome, "refused: \(String(describing: result.refusal))")
        #expect(outcome.message.status == rule.next(from: status))
        #expect(outcome.event.type == rule.eventType)
        #expect(outcome.event.action == action)
        #expect(outcome.event.actor == actor)
        #expect(outcome.event.at == F.now)
        #expect(outcome.event.from == status)
        #expect(outcome.event.to == outcome.message.status)
        #expect(Lifecycle.allowedActions(for: message, principal: actor).contains(action))
    }

    /// Written out by hand from the contract, independently of the table: `allowed_actions` of a
    /// fresh message in each status for each performer (empty when not listed).
    static let expectedAllowed: [MessageStatus: [LifecycleActor.Kind: [LifecycleAction]]] = [
        .registered: [.registrar: [.route, .forward, .closeNoAnswer]],
        .assigned: [
            .registrar: [.reassign, .forward, .closeNoAnswer],
            .executor: [.accept],
            .approver: [.extend, .reassign, .forward, .closeNoAnswer],
        ],
        .inProgress: [
            .registrar: [.reassign, .forward, .closeNoAnswer],
            .executor: [.draftAnswer],
            .approver: [.draftAnswer, .extend, .reassign, .forward, .closeNoAnswer],
        ],
        .answerDrafted: [
            .registrar: [.reassign, .forward, .closeNoAnswer],
            .executor: [.draftAnswer, .submit],
            .approver: [.draftAnswer, .extend, .reassign, .forward, .closeNoAnswer],
        ],
        .onApproval: [
            .registrar: [.reassign, .forward, .closeNoAnswer],
            .approver: [.approve, .reject, .extend, .reassign, .forward, .closeNoAnswer],
        ],
        .answered: [.registrar: [.reopen], .system: [.close]],
        .closed: [.registrar: [.reopen]],
    ]

    @Test(
        "allowed actions match the contract for every status and performer",
        arguments: MessageStatus.allCases, LifecycleActor.Kind.all)
    func allowedActions(status: MessageStatus, performer: LifecycleActor.Kind) {
        let allowed = Lifecycle.allowedActions(for: F.message(status), principal: F.actor(performer))
        #expect(allowed == Self.expectedAllowed[status]?[performer] ?? [])
    }

    @Test("no status, action and performer is covered by two rules")
    func rulesDoNotOverlap() {
        var seen: Set<String> = []
        for rule in Lifecycle.table {
            for status in rule.from {
                for performer in rule.performers {
                    let key = "\(status.rawValue) \(rule.action.rawValue) \(performer.testDescription)"
                    #expect(seen.insert(key).inserted, "\(key) is in two rules")
                }
            }
        }
    }

    @Test("every action has a rule, and no rule leaves a final status")
    func coverage() {
        #expect(Set(Lifecycle.table.map(\.action)) == Set(LifecycleAction.allCases))
        for rule in Lifecycle.table {
            #expect(rule.from.allSatisfy { !$0.isFinal }, "\(rule.action) leaves a final status")
            #expect(rule.eventType.hasPrefix("message."))
        }
    }

    @Test("only the system closes, and the system does nothing else")
    func systemActions() {
        for rule in Lifecycle.table {
            #expect(rule.performers.contains(.system) == (rule.action == .close))
            if rule.action == .close { #expect(rule.performers == [.system]) }
        }
    }

    @Test("admins, analysts and integrations perform no transitions")
    func readOnlyRoles() {
        for rule in Lifecycle.table {
            #expect(!rule.performers.contains(.admin))
            #expect(!rule.performers.contains(.analyst))
            #expect(!rule.performers.contains(.integration))
        }
    }

    @Test(
        "executors and approvers see only their own unit's messages; others see all",
        arguments: [
            (OfficerRole.executor, "DNDPR", true), (.executor, "GU-77", false), (.executor, nil, false),
            (.approver, "DNDPR", true), (.approver, "GU-77", false), (.approver, nil, false),
            (.registrar, "GU-77", true), (.registrar, nil, true), (.analyst, "GU-77", true),
            (.admin, nil, true), (.integration, "DNDPR", true),
        ] as [(OfficerRole, String?, Bool)])
    func visibility(role: OfficerRole, messageUnit: String?, visible: Bool) {
        let officer = LifecycleActor(role: role, unit: "DNDPR")
        #expect(Lifecycle.canSee(messageUnit: messageUnit, principal: officer) == visible)
        #expect(Lifecycle.canSee(messageUnit: messageUnit, principal: .system))
    }

    @Test("an approver of another unit cannot act on a message nor is told what is allowed")
    func otherUnitApprover() {
        let stranger = LifecycleActor(role: .approver, unit: "GU-77")
        let message = F.message(.onApproval)
        #expect(F.apply(F.command(.approve), to: message, by: stranger).refusal == .notVisible)
        #expect(Lifecycle.allowedActions(for: message, principal: stranger).isEmpty)
    }

    @Test("an officer of a unit-scoped role without a unit sees nothing")
    func unitlessExecutor() {
        let executor = LifecycleActor(role: .executor)
        #expect(!Lifecycle.canSee(messageUnit: F.unit, principal: executor))
    }

    @Test("status and action raw values are the contract's")
    func rawValues() {
        #expect(
            MessageStatus.allCases.map(\.rawValue) == [
                "registered", "assigned", "in_progress", "answer_drafted", "on_approval", "answered", "closed",
                "forwarded", "closed_no_answer",
            ])
        #expect(
            Set(LifecycleAction.allCases.map(\.rawValue)) == [
                "accept", "reassign", "forward", "draft_answer", "submit", "approve", "reject", "extend",
                "close_no_answer", "reopen", "route", "close",
            ])
        #expect(
            OfficerRole.allCases.map(\.rawValue) == [
                "admin", "registrar", "executor", "approver", "analyst", "integration",
            ])
        #expect(
            ClosureReason.allCases.map(\.rawValue) == ["anonymous", "obscene", "unreadable", "duplicate", "repeated"])
    }
}
