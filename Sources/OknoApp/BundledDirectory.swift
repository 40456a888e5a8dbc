import Foundation
import OknoDomain

/// The project's copy of the reference directory, loaded into an empty database on first start.
public enum BundledDirectory {
    public static func load() throws -> Directory {
        guard let url = Bundle.module.url(forResource: "directory", withExtension: "json") else {
            throw UsageError("directory.json is missing from the OknoApp resources")
        }
        return try read(path: url.path)
    }

    /// Reads and validates a directory file.
    public static func read(path: String) throws -> Directory {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
        return try JSONDecoder().decode(Directory.self, from: data)
    }
}
