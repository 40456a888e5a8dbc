import Testing

@testable import OknoStore

@Suite("Connection and statements")
struct ConnectionTests {
    static let values: [SQLValue] = [
        nil,
        0,
        .integer(.max),
        .integer(.min),
        3.25,
        -0.5,
        "",
        "Иванов Иван Иванович, ул. Ёлочная, д. 1",
        "emoji 🌲 and a NUL \u{0} inside",
        .blob([]),
        .blob([0x00, 0xFF, 0x10, 0x00]),
    ]

    @Test("a bound value reads back with its type", arguments: values)
    func valueRoundTrips(value: SQLValue) throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (v)")
        try connection.run("INSERT INTO t (v) VALUES (?)", [value])
        #expect(try connection.scalar("SELECT v FROM t") == value)
    }

    @Test("typed reads return nil for NULL and the data otherwise")
    func typedReads() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)")
        try connection.run("INSERT INTO t VALUES (?, ?, ?, ?)", [42, 2.5, "Москва", .blob([1, 2, 3])])
        try connection.run("INSERT INTO t VALUES (NULL, NULL, NULL, NULL)")
        var rows: [[String]] = []
        try connection.query("SELECT i, r, s, b FROM t ORDER BY rowid") { row in
            #expect(row.count == 4)
            rows.append([
                "\(row.int64(at: 0))", "\(row.double(at: 1))", row.string(at: 2) ?? "nil",
                row.blob(at: 3).map { "\($0)" } ?? "nil", "\(row.isNull(at: 0))",
            ])
        }
        #expect(rows == [["42", "2.5", "Москва", "[1, 2, 3]", "false"], ["0", "0.0", "nil", "nil", "true"]])
    }

    @Test("a statement binds by name, steps row by row and runs again after reset")
    func statementByName() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        let statement = try connection.prepare("SELECT :a + :b, :a")
        try statement.bind(2, name: ":a")
        try statement.bind(3, name: ":b")
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 5)
        #expect(statement.value(at: 1) == 2)
        #expect(try !statement.step())
        statement.reset()
        #expect(try statement.step())
        #expect(statement.isNull(at: 0))
        #expect(throws: DatabaseError.self) { try statement.bind(1, name: ":missing") }
    }

    @Test("run reports changes and lastInsertRowID the new row")
    func changesAndRowID() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b')")
        try connection.run("INSERT INTO t (v) VALUES (?)", ["c"])
        #expect(connection.lastInsertRowID == 3)
        #expect(try connection.run("UPDATE t SET v = ? WHERE id < 3", ["z"]) == 2)
        #expect(try connection.queryOne("SELECT v FROM t WHERE id = ?", [1]) { $0.string(at: 0) } == "z")
        #expect(try connection.queryOne("SELECT v FROM t WHERE id = ?", [9]) { $0.string(at: 0) } == nil)
    }

    @Test("the same cached SQL can run nested inside its own row callback")
    func nestedCachedStatement() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2)")
        var pairs: [Int] = []
        try connection.query("SELECT v FROM t ORDER BY v") { outer in
            try connection.query("SELECT v FROM t ORDER BY v") { inner in
                pairs.append(outer.int(at: 0) * 10 + inner.int(at: 0))
            }
        }
        #expect(pairs == [11, 12, 21, 22])
    }

    @Test("a writable connection uses WAL, full sync and foreign keys")
    func pragmas() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        #expect(try connection.scalar("PRAGMA journal_mode") == "wal")
        #expect(try connection.scalar("PRAGMA synchronous") == 2)
        #expect(try connection.scalar("PRAGMA foreign_keys") == 1)
    }

    @Test("a read-only connection refuses writes")
    func readOnlyRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        let writer = try Connection.open(path: directory.path("db.sqlite"))
        try writer.execute("CREATE TABLE t (v)")
        let reader = try Connection.open(path: directory.path("db.sqlite"), readOnly: true)
        let error = try #require(throws: DatabaseError.self) { try reader.run("INSERT INTO t VALUES (1)") }
        #expect(error.resultCode == 8)  // SQLITE_READONLY
    }
}
