import Foundation

extension Store {
    /// The migrations shipped with this binary, in version order.
    ///
    /// They are the top-level `Migrations/NNNN_name.sql` files, the single source of truth.
    /// `Sources/OknoStore/Migrations` is a symlink to that folder, and the OknoStore target
    /// declares `resources: [.process("Migrations")]`: SwiftPM then copies each file's content
    /// (not the link) to the root of the OknoStore resource bundle beside the built binary, so
    /// the binary finds them from any working directory. (`.copy` would copy the relative
    /// symlink itself, which dangles inside the build folder.)
    /// - Throws: `StoreError.migrationsNotFound` if the bundle holds no migration, or
    ///   `MigrationError` for a duplicate version or a file that is not UTF-8.
    public static func bundledMigrations() throws -> [Migration] {
        guard let folder = Bundle.module.resourceURL else { throw StoreError.migrationsNotFound }
        let migrations = try Migration.load(directory: folder)
        guard !migrations.isEmpty else { throw StoreError.migrationsNotFound }
        return migrations
    }
}
