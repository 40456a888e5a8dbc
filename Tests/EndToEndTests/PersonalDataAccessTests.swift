import Foundation
import OknoDomain
import Testing

/// Applicants' personal data reaches only the roles that work with messages.
@Suite struct PersonalDataAccessTests {
    @Test func adminsMayNotReadMessagesOrTheQueue() throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, _) = try server.register()
            let view = try server.show(number, token: officers.admin)
            #expect(view.status == 403, "\(view)")
            #expect(!view.text.contains("Иван"))
            let queue = try server.officer("GET", "/api/v1/queue", token: officers.admin)
            #expect(queue.status == 403, "\(queue)")
            for role in [OfficerRole.registrar, .analyst, .integration, .executor, .approver] {
                #expect(try server.show(number, token: officers[role]).status == 200, "\(role.rawValue)")
            }
        }
    }
}
