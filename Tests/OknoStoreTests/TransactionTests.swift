import Testing

@testable import OknoStore

@Suite("Transactions and savepoints")
struct TransactionTests {
    struct Abort: Error {}

    @Test("a transaction commits when its body returns")
    func commits() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (v)")
        let value = try connection.transaction {
            try connection.run("INSERT INTO t VALUES (1)")
            return "done"
        }
        #expect(value == "done")
        #expect(!connection.isInTransaction)
        #expect(try connection.scalar("SELECT count(*) FROM t") == 1)
    }

    @Test(
        "a transaction rolls back when its body throws", arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func rollsBack(kind: TransactionKind) throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (v)")
        #expect(throws: Abort.self) {
            try connection.transaction(kind: kind) {
                try connection.run("INSERT INTO t VALUES (1)")
                throw Abort()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.scalar("SELECT count(*) FROM t") == 0)
    }

    @Test("a failed savepoint undoes only its own changes")
    func savepointRollsBackAlone() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path("db.sqlite"))
        try connection.execute("CREATE TABLE t (v)")
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES ('kept')")
            #expect(throws: Abort.self) {
                try connection.savepoint("inner \"quoted\"") {
                    try connection.run("INSERT INTO t VALUES ('undone')")
                    throw Abort()
                }
            }
            try connection.savepoint("second") { try connection.run("INSERT INTO t VALUES ('also kept')") }
        }
        var values: [String] = []
        try connection.query("SELECT v FROM t ORDER BY rowid") { values.append($0.string(at: 0) ?? "") }
        #expect(values == ["kept", "also kept"])
    }
}
