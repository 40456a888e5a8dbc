import Foundation
import OknoDomain
import Testing

@testable import OknoStore

@Suite("Token repository")
struct TokenRepositoryTests {
    let created = instant("2026-11-29T08:00:00Z")

    @Test("a created token is okno_ and 43 base64url characters, stored only as its SHA-256")
    func createdTokenFormat() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let token = try store.writeSync {
            try TokenRepository.create(name: "portal", role: .integration, unit: nil, createdAt: created, $0)
        }
        #expect(token.token.hasPrefix("okno_"))
        #expect(token.token.count == 5 + 43)
        #expect(token.token.dropFirst(5).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(token.record.name == "portal" && token.record.role == .integration && token.record.unit == nil)
        #expect(token.record.createdAt == created)
        let stored = try store.read { try $0.scalar("SELECT hash FROM api_tokens")?.string }
        #expect(stored == SHA256.hexDigest(token.token))
        let all = try store.read { connection in
            var values: [String] = []
            try connection.query("SELECT * FROM api_tokens") { row in
                values += (0..<row.count).compactMap { row.string(at: $0) }
            }
            return values
        }
        #expect(!all.contains(token.token))
    }

    @Test("two tokens differ")
    func tokensAreRandom() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let first = try store.writeSync { try TokenRepository.create(name: "a", role: .admin, unit: nil, $0) }
        let second = try store.writeSync { try TokenRepository.create(name: "b", role: .admin, unit: nil, $0) }
        #expect(first.token != second.token)
    }

    @Test("authenticate finds an active token by its secret and nothing else")
    func authenticates() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let token = try store.writeSync {
            try TokenRepository.create(name: "Петрова", role: .executor, unit: "GU-77", createdAt: created, $0)
        }
        #expect(try store.read { try TokenRepository.authenticate(token: token.token, $0) } == token.record)
        for wrong in ["", "okno_", String(token.token.dropLast()), token.token + "x", String(token.token.dropFirst(5))]
        {
            #expect(try store.read { try TokenRepository.authenticate(token: wrong, $0) } == nil)
        }
    }

    @Test("a revoked token no longer authenticates; by name or by id")
    func revokes() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let byName = try store.writeSync { try TokenRepository.create(name: "one", role: .analyst, unit: nil, $0) }
        let byID = try store.writeSync { try TokenRepository.create(name: "two", role: .registrar, unit: nil, $0) }
        #expect(try store.writeSync { try TokenRepository.revoke(name: "one", $0) } == 1)
        #expect(try store.writeSync { try TokenRepository.revoke(name: "one", $0) } == 0)
        #expect(try store.writeSync { try TokenRepository.revoke(id: byID.record.id, $0) } == 1)
        #expect(try store.read { try TokenRepository.authenticate(token: byName.token, $0) } == nil)
        #expect(try store.read { try TokenRepository.authenticate(token: byID.token, $0) } == nil)
        #expect(try store.read { try TokenRepository.list($0) }.allSatisfy { $0.revokedAt != nil })
    }

    @Test("list shows every token with its role and unit, oldest first")
    func lists() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try store.writeSync { try TokenRepository.create(name: "admin", role: "admin", unit: nil, $0) }
        try store.writeSync { try TokenRepository.create(name: "approver", role: .approver, unit: "GU-41", $0) }
        let records = try store.read { try TokenRepository.list($0) }
        #expect(records.map(\.name) == ["admin", "approver"])
        #expect(records.map(\.role) == [.admin, .approver])
        #expect(records.map(\.unit) == [nil, "GU-41"])
    }

    @Test(
        "creation refusals",
        arguments: [
            ("x", "executor", nil, TokenError.unitRequired(.executor)),
            ("x", "approver", nil, TokenError.unitRequired(.approver)),
            ("x", "executor", "NOPE", TokenError.unknownUnit("NOPE")),
            ("x", "analyst", "NOPE", TokenError.unknownUnit("NOPE")),
            ("x", "superuser", nil, TokenError.unknownRole("superuser")),
            ("  ", "admin", nil, TokenError.emptyName),
            ("taken", "admin", nil, TokenError.duplicateName("taken")),
        ] as [(String, String, String?, TokenError)])
    func refusals(name: String, role: String, unit: String?, expected: TokenError) throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try store.writeSync { try TokenRepository.create(name: "taken", role: .admin, unit: nil, $0) }
        #expect(throws: expected) {
            try store.writeSync { try TokenRepository.create(name: name, role: role, unit: unit, $0) }
        }
        #expect(try StoreFixtures.count("api_tokens", store) == 1)
    }

    @Test("a revoked token's name can be given to a new token")
    func nameReusableAfterRevocation() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        try store.writeSync { try TokenRepository.create(name: "portal", role: .integration, unit: nil, $0) }
        try store.writeSync { try TokenRepository.revoke(name: "portal", $0) }
        let again = try store.writeSync {
            try TokenRepository.create(name: "portal", role: .integration, unit: nil, $0)
        }
        #expect(try store.read { try TokenRepository.authenticate(token: again.token, $0) }?.id == again.record.id)
    }

    @Test("touch records use at most once a minute; isTouchDue tells when it is worth a write")
    func touchIsThrottled() throws {
        let folder = try TemporaryDirectory()
        let store = try StoreFixtures.openStore(folder)
        defer { store.close() }
        let token = try store.writeSync { try TokenRepository.create(name: "t", role: .admin, unit: nil, $0) }
        let id = token.record.id
        #expect(token.record.isTouchDue(at: created))
        let first = instant("2026-11-29T10:00:00Z")
        #expect(try store.writeSync { try TokenRepository.touch(id: id, at: first, $0) })
        #expect(try !store.writeSync { try TokenRepository.touch(id: id, at: first.addingTimeInterval(59.999), $0) })
        let record = try #require(try store.read { try TokenRepository.authenticate(token: token.token, $0) })
        #expect(record.lastUsedAt == first)
        #expect(!record.isTouchDue(at: first.addingTimeInterval(59.999)))
        #expect(record.isTouchDue(at: first.addingTimeInterval(60)))
        #expect(try store.writeSync { try TokenRepository.touch(id: id, at: first.addingTimeInterval(60), $0) })
    }
}
