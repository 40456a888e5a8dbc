import Foundation
import OknoDomain

/// An API token as stored, without its hash.
public struct TokenRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let role: OfficerRole
    /// The unit of an executor or approver; optional for the other roles.
    public let unit: String?
    public let createdAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?

    /// Whether the token's last use is older than `TokenRepository.touchInterval` at `instant`,
    /// so that `TokenRepository.touch` is worth a write.
    public func isTouchDue(at instant: Date) -> Bool {
        guard let lastUsedAt else { return true }
        return instant.timeIntervalSince(lastUsedAt) >= TokenRepository.touchInterval
    }
}

/// A newly created token: the secret, shown once, and its record.
public struct CreatedToken: Sendable {
    /// `okno_` and 43 base64url characters; only its SHA-256 is stored.
    public let token: String
    public let record: TokenRecord
}

/// Why a token was not created.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name is empty or only whitespace.
    case emptyName
    /// The role is not one of `OfficerRole`.
    case unknownRole(String)
    /// An executor or approver was given no unit.
    case unitRequired(OfficerRole)
    /// The unit is not in the directory.
    case unknownUnit(String)
    /// A token that is not revoked already has this name.
    case duplicateName(String)

    public var description: String {
        switch self {
        case .emptyName: "a token needs a name"
        case .unknownRole(let role):
            "unknown role \(role); one of \(OfficerRole.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unitRequired(let role): "a token with role \(role.rawValue) needs a unit"
        case .unknownUnit(let unit): "unit \(unit) is not in the directory"
        case .duplicateName(let name): "an active token named \(name) already exists"
        }
    }
}

/// The `api_tokens` table: officers' and systems' bearer tokens, stored as SHA-256 hex.
public enum TokenRepository {
    /// The prefix of every API token, so that leaked ones are easy to recognise.
    public static let prefix = "okno_"
    /// A token's last use is recorded at most this often. Default: 60 seconds.
    public static let touchInterval: TimeInterval = 60

    /// Creates a token; the secret is in the result only.
    ///
    /// - Parameters:
    ///   - unit: required for executors and approvers; must exist in the directory when given.
    ///   - createdAt: Default: now.
    /// - Throws: `TokenError`, or `DatabaseError`.
    public static func create(
        name: String, role: OfficerRole, unit: String?, createdAt: Date = Date(), _ connection: Connection
    ) throws -> CreatedToken {
        let name = MessageText.trimmed(name)
        guard !name.isEmpty else { throw TokenError.emptyName }
        let unit = unit.map(MessageText.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if role.isUnitScoped, unit == nil { throw TokenError.unitRequired(role) }
        if let unit, try connection.scalar("SELECT 1 FROM units WHERE code = ?", [.text(unit)]) == nil {
            throw TokenError.unknownUnit(unit)
        }
        if try connection.scalar("SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL", [.text(name)]) != nil
        {
            throw TokenError.duplicateName(name)
        }
        let token = Secret.generate(prefix: prefix)
        let created = Instant.milliseconds(createdAt)
        try connection.run(
            "INSERT INTO api_tokens (name, role, unit, hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [.text(name), .text(role.rawValue), .optional(unit), .text(Secret.hash(token)), .integer(created)])
        let record = TokenRecord(
            id: connection.lastInsertRowID, name: name, role: role, unit: unit, createdAt: Instant.date(created),
            revokedAt: nil, lastUsedAt: nil)
        return CreatedToken(token: token, record: record)
    }

    /// Creates a token with a role given as text, e.g. from the command line.
    ///
    /// - Throws: `TokenError.unknownRole` for a role not in `OfficerRole`, else as the typed variant.
    public static func create(
        name: String, role: String, unit: String?, createdAt: Date = Date(), _ connection: Connection
    ) throws -> CreatedToken {
        guard let typed = OfficerRole(rawValue: role) else { throw TokenError.unknownRole(role) }
        return try create(name: name, role: typed, unit: unit, createdAt: createdAt, connection)
    }

    /// Every token, revoked ones too, oldest first; hashes are never read.
    public static func list(_ connection: Connection) throws -> [TokenRecord] {
        var records: [TokenRecord] = []
        try connection.query("SELECT \(columns) FROM api_tokens ORDER BY id") { records.append(record($0)) }
        return records
    }

    /// The active (not revoked) token whose secret is `token`, if any.
    ///
    /// Looks the token up by its SHA-256, so the comparison takes no time that depends on the secret.
    public static func authenticate(token: String, _ connection: Connection) throws -> TokenRecord? {
        guard token.hasPrefix(prefix) else { return nil }
        return try connection.queryOne(
            "SELECT \(columns) FROM api_tokens WHERE hash = ? AND revoked_at IS NULL", [.text(Secret.hash(token))]
        ) { record($0) }
    }

    /// Records that token `id` was used at `instant`, unless a use within `touchInterval` before
    /// it is already recorded (or a later one).
    ///
    /// - Returns: whether the row changed.
    @discardableResult
    public static func touch(id: Int64, at instant: Date, _ connection: Connection) throws -> Bool {
        let now = Instant.milliseconds(instant)
        return try connection.run(
            """
            UPDATE api_tokens SET last_used_at = ?1
            WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at <= ?1 - ?3)
            """,
            [.integer(now), .integer(id), .integer(Int64(touchInterval * 1000))]) > 0
    }

    /// Revokes token `id` if it is active.
    ///
    /// - Returns: the number of tokens revoked, 0 or 1.
    @discardableResult
    public static func revoke(id: Int64, at instant: Date = Date(), _ connection: Connection) throws -> Int {
        try connection.run(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            [.integer(Instant.milliseconds(instant)), .integer(id)])
    }

    /// Revokes the active token named `name`.
    ///
    /// - Returns: the number of tokens revoked, 0 or 1 (names are unique among active tokens).
    @discardableResult
    public static func revoke(name: String, at instant: Date = Date(), _ connection: Connection) throws -> Int {
        try connection.run(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            [.integer(Instant.milliseconds(instant)), .text(name)])
    }

    private static let columns = "id, name, role, unit, created_at, revoked_at, last_used_at"

    private static func record(_ row: Row) -> TokenRecord {
        TokenRecord(
            id: row.int64(at: 0), name: row.text(at: 1),
            // The table's CHECK admits only the six roles.
            role: OfficerRole(rawValue: row.text(at: 2)) ?? .analyst,
            unit: row.string(at: 3), createdAt: Instant.date(row.int64(at: 4)), revokedAt: row.instant(at: 5),
            lastUsedAt: row.instant(at: 6))
    }
}
