import Testing

@testable import OknoStore

@Suite("Backup")
struct BackupTests {
    @Test("a backup opens as a database holding the same rows")
    func backupHoldsSameRows() throws {
        let directory = try TemporaryDirectory()
        let source = try Connection.open(path: directory.path("db.sqlite"))
        try source.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB)")
        for index in 1...100 {
            try source.run("INSERT INTO t (v, b) VALUES (?, ?)", [.text("обращение \(index)"), .blob([UInt8(index)])])
        }
        let pool = try ReaderPool(path: directory.path("db.sqlite"), size: 1)
        try pool.read { try $0.backup(toPath: directory.path("backup.sqlite")) }

        let copy = try Connection.open(path: directory.path("backup.sqlite"))
        #expect(try copy.scalar("PRAGMA integrity_check") == "ok")
        #expect(try copy.scalar("SELECT count(*) FROM t") == 100)
        #expect(
            try copy.queryOne("SELECT v, b FROM t WHERE id = 42") { [$0.value(at: 0), $0.value(at: 1)] }
                == ["обращение 42", .blob([42])])
    }

    @Test("a backup into an unwritable place fails")
    func backupFailure() throws {
        let directory = try TemporaryDirectory()
        let source = try Connection.open(path: directory.path("db.sqlite"))
        #expect(throws: DatabaseError.self) { try source.backup(toPath: directory.path("no/such/folder.sqlite")) }
    }
}
