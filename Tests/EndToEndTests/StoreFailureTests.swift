import Foundation
import OknoStore
import Testing

/// When the database fails under a read, the answer is a 500 problem+json that says what could not
/// be done, never SQLite's message (which may name tables or quote values).
@Suite("Store failures")
struct StoreFailureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The table taken away (renamed by another connection) before the request.
        let table: String
        let path: String
        let detail: String
        var testDescription: String { path }
    }

    static let cases: [Case] = [
        Case(table: "events", path: "/api/v1/events", detail: "The events could not be read; retry."),
        Case(table: "applicants", path: "/api/v1/messages/{number}", detail: "The message could not be read; retry."),
        Case(
            table: "message_access_tokens", path: "/api/v1/messages/{number}/public",
            detail: "The message could not be read; retry."),
        Case(
            table: "messages", path: "/api/v1/reports/overdue",
            detail: "The report could not be read; retry."),
        Case(table: "messages", path: "/api/v1/stats/public", detail: "The statistics could not be read; retry."),
        Case(table: "messages", path: "/api/v1/queue", detail: "The store failed; retry."),
    ]

    @Test(arguments: cases)
    func readsAnswer500WithoutTheDatabasesMessage(_ failure: Case) throws {
        try withServer { server throws in
            let officers = try Officers(server)
            let (number, access) = try server.register()
            let connection = try Connection.open(path: server.databasePath)
            try connection.execute(
                "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; "
                    + "ALTER TABLE \(failure.table) RENAME TO \(failure.table)_gone")
            let reply = try server.officer(
                "GET", failure.path.replacingOccurrences(of: "{number}", with: number), token: officers.registrar,
                headers: [("X-Access-Token", access)])
            #expect(reply.status == 500, "\(reply)")
            #expect(reply.header("Content-Type") == "application/problem+json")
            #expect(reply.json["detail"]?.stringValue == failure.detail)
            #expect(!reply.text.contains(failure.table + "_gone") && !reply.text.lowercased().contains("sqlite"))
        }
    }
}
