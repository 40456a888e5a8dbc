import Foundation
import OknoDomain
import Testing

@Suite("RoutingAssignment")
struct RoutingRulesAssignmentTests {
    @Test("a unit route assigns the message to that unit")
    func unitRoute() {
        let assignment = RoutingAssignment(target: .unit("GU-77"))
        #expect(assignment == RoutingAssignment(target: .unit("GU-77")))
        #expect(assignment.status == .assigned)
        #expect(assignment.unit == "GU-77")
        #expect(assignment.suggestedAgency == nil)
        #expect(!assignment.needsForwardDeadline)
        #expect(assignment.deadlineKinds(expedited: true) == [.expeditedAnswer])
    }

    @Test("an agency route assigns the message to AD with the agency suggested and a forward deadline")
    func agencyRoute() {
        let assignment = RoutingAssignment(target: .agency("LOCAL_GOV"))
        #expect(assignment.status == .assigned)
        #expect(assignment.unit == "AD")
        #expect(assignment.suggestedAgency == "LOCAL_GOV")
        #expect(assignment.needsForwardDeadline)
        #expect(assignment.deadlineKinds(expedited: false) == [.answer, .forward])
        #expect(DeadlineKind.forward.days(in: Fixtures.directory().deadlineDays) == 7)
    }

    @Test("no route leaves the message registered in AD's triage queue")
    func noRoute() {
        let assignment = RoutingAssignment(target: nil)
        #expect(assignment.status == .registered)
        #expect(assignment.status.rawValue == "registered")
        #expect(assignment.unit == RoutingAssignment.administrativeDepartment)
        #expect(assignment.suggestedAgency == nil)
        #expect(assignment.deadlineKinds(expedited: false) == [.answer])
    }

    @Test(
        "decisions turn into assignments",
        arguments: [
            ("GRASS_BURNING", Channel.portal, RoutingAssignment.Status.assigned, "GU-77", String?.none),
            ("LICENSING", .mobile, .assigned, "DNDPR", nil),
            ("ROADS", .edms, .assigned, "AD", "LOCAL_GOV"),
            ("ROADS", .social, .assigned, "DIP", nil),
            ("NOPE", .portal, .registered, "AD", nil),
        ])
    func fromDecisions(topic: String, channel: Channel, status: RoutingAssignment.Status, unit: String, agency: String?)
    {
        let engine = RoutingEngine(ruleSet: .empty, directory: Fixtures.directory())
        let assignment = RoutingAssignment(decision: engine.decide(topic: topic, region: "77", channel: channel))
        #expect(assignment.status == status)
        #expect(assignment.unit == unit)
        #expect(assignment.suggestedAgency == agency)
    }
}
