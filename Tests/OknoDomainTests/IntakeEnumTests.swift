import OknoDomain
import Testing

@Suite("Intake enumerations")
struct IntakeEnumTests {
    @Test("channels have lowercase contract names")
    func channels() {
        #expect(Channel.allCases.map(\.rawValue) == ["portal", "mobile", "social", "edms", "open311"])
        #expect(Channel(rawValue: "Portal") == nil)
    }

    @Test("applicant kinds have the contract's names")
    func applicantKinds() {
        #expect(ApplicantKind.allCases.map(\.rawValue) == ["citizen", "organization"])
        #expect(ApplicantKind(rawValue: "organisation") == nil)
    }
}
