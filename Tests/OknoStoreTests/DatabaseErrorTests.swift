import Testing

@testable import OknoStore

@Suite("Database errors")
struct DatabaseErrorTests {
    @Test("a failing insert reports codes, message and SQL but not the bound values")
    func errorOmitsBoundValues() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, secret TEXT NOT NULL CHECK (length(secret) < 5))")
        let sql = "INSERT INTO t (id, secret) VALUES (?, ?)"
        let error = try #require(throws: DatabaseError.self) {
            try connection.run(sql, [1, "паспорт 4509 123456"])
        }
        #expect(error.resultCode == DatabaseError.Code.constraint)
        #expect(error.extendedResultCode == 275)  // SQLITE_CONSTRAINT_CHECK
        #expect(error.isConstraintViolation)
        #expect(!error.isUniqueViolation)
        #expect(error.sql == sql)
        #expect(error.description.contains(sql))
        #expect(error.description.contains("CHECK constraint failed"))
        #expect(!error.description.contains("4509"))
    }

    @Test("a duplicate UNIQUE value is a unique violation")
    func uniqueViolation() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (email TEXT UNIQUE)")
        try connection.run("INSERT INTO t VALUES (?)", ["a@example.ru"])
        let error = try #require(throws: DatabaseError.self) {
            try connection.run("INSERT INTO t VALUES (?)", ["a@example.ru"])
        }
        #expect(error.extendedResultCode == DatabaseError.Code.constraintUnique)
        #expect(error.isUniqueViolation)
        #expect(!error.description.contains("a@example.ru"))
    }

    @Test("a duplicate primary key is a unique violation")
    func primaryKeyViolation() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)")
        let error = try #require(throws: DatabaseError.self) { try connection.run("INSERT INTO t VALUES (1)") }
        #expect(error.extendedResultCode == DatabaseError.Code.constraintPrimaryKey)
        #expect(error.isUniqueViolation)
    }

    @Test("a dangling reference is a foreign key violation")
    func foreignKeyViolation() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))"
        )
        let error = try #require(throws: DatabaseError.self) { try connection.run("INSERT INTO child VALUES (7)") }
        #expect(error.isForeignKeyViolation)
        #expect(!error.isUniqueViolation)
    }

    @Test("invalid SQL in a script names the failing statement")
    func scriptErrorNamesStatement() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        let error = try #require(throws: DatabaseError.self) {
            try connection.execute("CREATE TABLE a (v); SELEKT 1")
        }
        #expect(error.resultCode == DatabaseError.Code.error)
        #expect(error.sql?.contains("SELEKT 1") == true)
        #expect(try connection.scalar("SELECT count(*) FROM a") == 0)
    }

    @Test("run refuses more than one statement")
    func runRefusesScripts() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        let error = try #require(throws: DatabaseError.self) {
            try connection.run("CREATE TABLE a (v); CREATE TABLE b (v)")
        }
        #expect(error.resultCode == DatabaseError.Code.misuse)
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema") == 0)
    }

    @Test("opening a missing file read-only fails with SQLite's reason")
    func openFailure() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: DatabaseError.self) {
            try Connection.open(path: directory.path("missing.sqlite"), readOnly: true)
        }
        #expect(error.resultCode == 14)  // SQLITE_CANTOPEN
    }

    @Test("a lock held past the busy timeout is a busy error")
    func busyTimeout() throws {
        let directory = try TemporaryDirectory()
        let holder = try Connection.open(path: directory.path("db.sqlite"))
        let waiter = try Connection.open(path: directory.path("db.sqlite"), busyTimeout: .milliseconds(20))
        try holder.run("BEGIN IMMEDIATE")
        let error = try #require(throws: DatabaseError.self) { try waiter.run("BEGIN IMMEDIATE") }
        #expect(error.isBusy)
        try holder.run("COMMIT")
        try waiter.transaction {}
    }
}
