import Foundation

/// One schema change: a SQL script with a version that orders it among the others.
public struct Migration: Sendable, Equatable {
    public let version: Int
    /// The name without version or extension, e.g. `initial` for `0001_initial.sql`.
    public let name: String
    public let sql: String
    /// A hash of the script's exact bytes, recorded when applied to detect later edits.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = FNV1a.checksum(sql.utf8)
    }

    /// The file name this migration is loaded from, e.g. `0001_initial.sql`.
    public var fileName: String { Self.fileName(version: version, name: name) }

    static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// Loads every `NNNN_name.sql` file in `directory` (four digits, `_`, a name), sorted by
    /// version; other files are ignored.
    ///
    /// - Throws: `MigrationError.duplicateVersion` or `.invalidEncoding`, or the file system's error.
    public static func load(directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for file in files {
            guard let (version, name) = parse(fileName: file) else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            guard let sql = String(validating: data, as: UTF8.self) else {
                throw MigrationError.invalidEncoding(file: file)
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return try ordered(migrations)
    }

    /// `migrations` sorted by version.
    ///
    /// - Throws: `MigrationError.duplicateVersion` if two share a version.
    static func ordered(_ migrations: [Migration]) throws -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.version == later.version {
            throw MigrationError.duplicateVersion(later.version)
        }
        return sorted
    }

    /// Splits `0001_initial.sql` into `(1, "initial")`; `nil` for any other kind of name.
    private static func parse(fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(4)
        let rest = stem.dropFirst(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            rest.first == "_", rest.count > 1, let version = Int(digits)
        else { return nil }
        return (version, String(rest.dropFirst()))
    }
}
