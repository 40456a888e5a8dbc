import Foundation
import Glibc
import OknoApp
import OknoJSON
import OknoStore
import Testing

/// The `okno` command line, run as a real process.
@Suite struct CommandLineTests {
    /// A temporary folder removed after `body`.
    static func inFolder(_ body: (String) throws -> Void) throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test func tokenCreatePrintsTheTokenAloneOnTheLastLineAndItAuthenticates() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let created = try Okno.run(
                ["token", "create", "--database", database, "--name", "federal-platform", "--role", "integration"],
                in: folder)
            #expect(created.status == 0, "\(created.error)")
            let token = created.lastLine
            #expect(token.hasPrefix("okno_"))
            #expect(!token.contains(" "))
            #expect(!created.output.dropLast(token.count + 1).contains(token), "the token is printed once")

            // The token lets the integration give registered_at.
            try withServer(configure: { $0.database = database }) { server throws in
                let body = Fixtures.message().setting("registered_at", to: "2020-01-15T09:00:00Z")
                let reply = try server.submit(body, headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 201, "\(reply)")
                #expect(reply.json["number"] == "2020-000001")
                let forged = try server.submit(body, headers: [("Authorization", "Bearer \(token)x")])
                #expect(forged.status == 401)
            }
            // Only the hash is stored.
            let connection = try Connection.open(path: database, readOnly: true)
            let hash = try connection.scalar("SELECT hash FROM api_tokens")?.string
            #expect(hash != nil && hash != token && hash?.contains(String(token.dropFirst(5))) == false)
        }
    }

    @Test func tokenCreateRefusesAnExecutorWithoutUnitAndAnUnknownRole() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let noUnit = try Okno.run(
                ["token", "create", "--database", database, "--name", "x", "--role", "executor"], in: folder)
            #expect(noUnit.status != 0)
            #expect(noUnit.error.contains("unit"))
            let badRole = try Okno.run(
                ["token", "create", "--database", database, "--name", "x", "--role", "superuser"], in: folder)
            #expect(badRole.status != 0)
            #expect(badRole.error.contains("role"))
            let connection = try Connection.open(path: database, readOnly: true)
            #expect(try connection.scalar("SELECT count(*) FROM api_tokens")?.int64 == 0)
        }
    }

    @Test func migrateCreatesAndMigratesANewFile() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/new.sqlite"
            let migrations = try Store.bundledMigrations()
            let first = try Okno.run(["migrate", "--database", database], in: folder)
            #expect(first.status == 0, "\(first.error)")
            #expect(first.output.split(separator: "\n").count == migrations.count)
            #expect(first.output.contains("applied \(migrations[0].fileName)"))
            let again = try Okno.run(["migrate", "--database", database], in: folder)
            #expect(again.status == 0)
            #expect(again.output.contains("up to date"))
            let connection = try Connection.open(path: database, readOnly: true)
            #expect(try connection.scalar("SELECT count(*) FROM schema_migrations")?.int64 == Int64(migrations.count))
            #expect(try connection.scalar("SELECT count(*) FROM messages")?.int64 == 0)
        }
    }

    @Test func tickRunsOneSchedulerPassAndRefusesABadInstant() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/tick.sqlite"
            let pass = try Okno.run(["tick", "--database", database, "--now", "2026-11-29T09:00:00Z"], in: folder)
            #expect(pass.status == 0, "\(pass.error)")
            #expect(pass.lastLine.hasPrefix("messages 0, notices 0, batches 0, tick "), "\(pass.output)")
            let bad = try Okno.run(["tick", "--database", database, "--now", "tomorrow"], in: folder)
            #expect(bad.status == 64)
            #expect(bad.error.contains("--now must be an RFC 3339 instant"))
        }
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            #expect(try Okno.run(["migrate", "--database", database], in: folder).status == 0)
            let tampered = folder + "/tampered.sqlite"
            #expect(try Okno.run(["backup", "--database", database, "--to", tampered], in: folder).status == 0)
            let first = try Store.bundledMigrations()[0]
            do {
                let connection = try Connection.open(path: tampered)
                try connection.run(
                    "UPDATE schema_migrations SET checksum = 'edited' WHERE version = ?",
                    [.integer(Int64(first.version))])
            }

            let migrate = try Okno.run(["migrate", "--database", tampered], in: folder)
            #expect(migrate.status != 0)
            #expect(migrate.error.contains(first.fileName), "\(migrate.error)")
            #expect(migrate.error.contains("changed"), "\(migrate.error)")

            let serve = try Okno.run(
                ["serve", "--listen", "127.0.0.1:0", "--database", tampered], in: folder, timeout: 10)
            #expect(serve.status != 0)
            #expect(serve.error.contains(first.fileName), "\(serve.error)")
            #expect(!serve.error.contains("server.listening"))

            // The original is untouched.
            #expect(try Okno.run(["migrate", "--database", database], in: folder).output.contains("up to date"))
        }
    }

    @Test func serveNamesItsThreadsForTheSystem() throws {
        try Self.inFolder { folder throws in
            let child = try Okno.Child(
                ["serve", "--listen", "127.0.0.1:0", "--database", folder + "/okno.sqlite"], in: folder)
            defer {
                child.kill(SIGTERM)
                _ = child.waitForExit(timeout: 10)
            }
            _ = try child.listeningPort()
            let tasks = "/proc/\(child.process.processIdentifier)/task"
            func names() throws -> Set<String> {
                var names: Set<String> = []
                for task in try FileManager.default.contentsOfDirectory(atPath: tasks) {
                    let name = try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)
                    names.insert(name?.trimmingCharacters(in: .newlines) ?? "")
                }
                return names
            }
            let expected: Set = [
                "okno-writer", "okno-index", "okno-loop-0", "okno-worker-0", "okno-deadlines", "okno-enrolment",
                "okno-queue-idx", "okno-prune-log", "okno-routing",
            ]
            // Each thread names itself when it starts, which may come after the server listens.
            let deadline = Date().addingTimeInterval(10)
            var seen = try names()
            while !expected.isSubset(of: seen) && Date() < deadline {
                usleep(50_000)
                seen = try names()
            }
            #expect(expected.isSubset(of: seen), "\(seen.sorted())")
        }
    }

    @Test func serveRefusesAPortInUseAndSaysWhy() throws {
        try Self.inFolder { folder throws in
            // A listener of this process holds a port; okno must stop with the reason, not wait.
            let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(holder) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0
                }
            }
            try #require(bound)
            let port = Int(UInt16(bigEndian: address.sin_port))

            let serve = try Okno.run(
                ["serve", "--listen", "127.0.0.1:\(port)", "--database", folder + "/okno.sqlite"], in: folder,
                timeout: 10)
            #expect(serve.status != 0)
            #expect(serve.error.contains("bind failed"), "\(serve.error)")
            #expect(serve.error.contains("(errno \(EADDRINUSE))"), "\(serve.error)")
            #expect(!serve.error.contains("server.listening"))
        }
    }

    @Test func aFailingMigrationIsNamedAndLeavesNothingOfItself() throws {
        try Self.inFolder { folder throws in
            // Under 0017, a number counter for a year without messages: 0018 must refuse it.
            let database = folder + "/okno.sqlite"
            do {
                let connection = try Connection.open(path: database)
                try Migrator(migrations: try Store.bundledMigrations().filter { $0.version <= 17 }).migrate(connection)
                try connection.run("INSERT INTO number_sequences (year, last) VALUES (2026, 5)")
            }
            for command in [["migrate"], ["serve", "--listen", "127.0.0.1:0"]] {
                let run = try Okno.run(command + ["--database", database], in: folder, timeout: 10)
                #expect(run.status != 0)
                #expect(
                    run.error.contains("migration 0018_numbers_from_messages.sql failed and was rolled back"),
                    "\(run.error)")
                #expect(run.error.contains("number_sequences_not_ahead_of_messages"), "\(run.error)")
                #expect(!run.error.contains("server.listening"))
            }
            let connection = try Connection.open(path: database)
            #expect(try connection.scalar("SELECT max(version) FROM schema_migrations")?.int64 == 17)
            #expect(try connection.scalar("SELECT last FROM number_sequences WHERE year = 2026")?.int64 == 5)
        }
    }

    /// The directory file with `change` applied to its JSON.
    static func directoryFile(in folder: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        let original = try Data(contentsOf: Self.bundledDirectoryURL())
        var object = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        change(&object)
        let path = folder + "/directory-\(UUID().uuidString.prefix(6)).json"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func bundledDirectoryURL() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/OknoApp/Resources/directory.json")
    }

    static func modify(_ object: inout [String: Any], _ list: String, at index: Int, _ key: String, _ value: Any) {
        var items = object[list] as! [[String: Any]]
        items[index][key] = value
        object[list] = items
    }

    static func storedDirectory(_ database: String) throws -> Data {
        let connection = try Connection.open(path: database, readOnly: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(try DirectoryRepository.load(connection))
    }

    enum BadDirectory: String, CaseIterable, Sendable {
        case unknownTimeZone, duplicateRegion, duplicateTopic, danglingUnit, danglingAgency
    }

    @Test(arguments: BadDirectory.allCases)
    func directoryImportRefusesAnInvalidFileAndChangesNothing(_ problem: BadDirectory) throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            // The first `open` stores the default directory.
            #expect(try Okno.run(["token", "list", "--database", database], in: folder).status == 0)
            let before = try Self.storedDirectory(database)
            let file = try Self.directoryFile(in: folder) { object in
                switch problem {
                case .unknownTimeZone: Self.modify(&object, "regions", at: 0, "time_zone", "Europe/Atlantis")
                case .duplicateRegion: Self.modify(&object, "regions", at: 1, "code", "01")
                case .duplicateTopic:
                    Self.modify(&object, "topics", at: 1, "code", (object["topics"] as! [[String: Any]])[0]["code"]!)
                case .danglingUnit:
                    let index = (object["topics"] as! [[String: Any]]).firstIndex { $0["unit"] != nil }!
                    Self.modify(&object, "topics", at: index, "unit", "NO_SUCH_UNIT")
                case .danglingAgency:
                    let index = (object["topics"] as! [[String: Any]]).firstIndex { $0["agency"] != nil }!
                    Self.modify(&object, "topics", at: index, "agency", "NO_SUCH_AGENCY")
                }
            }
            let outcome = try Okno.run(["directory", "import", file, "--database", database], in: folder)
            #expect(outcome.status != 0, "\(outcome.output)")
            #expect(!outcome.error.isEmpty)
            #expect(try Self.storedDirectory(database) == before)
        }
    }

    @Test func directoryImportReplacesTheDirectory() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let file = try Self.directoryFile(in: folder) { object in
                Self.modify(&object, "regions", at: 0, "name", "Республика Адыгея (Адыгея)")
            }
            let outcome = try Okno.run(["directory", "import", file, "--database", database], in: folder)
            #expect(outcome.status == 0, "\(outcome.error)")
            try withServer(configure: { $0.database = database }) { server throws in
                let regions = try server.get("/api/v1/regions").json["items"]?.arrayValue ?? []
                #expect(regions.first?["name"] == "Республика Адыгея (Адыгея)")
            }
        }
    }

    @Test func backupHoldsTheSameMessages() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let copy = folder + "/backup.sqlite"
            try withServer(configure: { $0.database = database }) { server throws in
                for index in 1...5 {
                    #expect(try server.submit(Fixtures.message(text: "Сообщение \(index)")).status == 201)
                }
                // Online: the server keeps running.
                let outcome = try Okno.run(["backup", "--database", database, "--to", copy], in: folder)
                #expect(outcome.status == 0, "\(outcome.error)")
                #expect(try server.get("/ready").status == 200)
            }
            let original = try Connection.open(path: database, readOnly: true)
            let backup = try Connection.open(path: copy, readOnly: true)
            #expect(try backup.scalar("PRAGMA integrity_check")?.string == "ok")
            #expect(try MessageRepository.numbers(backup).count == 5)
            #expect(try MessageRepository.numbers(backup) == MessageRepository.numbers(original))
            for number in try MessageRepository.numbers(original) {
                #expect(
                    try MessageRepository.find(number: number, backup)
                        == MessageRepository.find(number: number, original))
            }
            // The backup opens as a database of its own.
            try withServer(configure: { $0.database = copy }) { server throws in
                #expect(try server.messageCount() == 5)
            }
        }
    }

    @Test func backupRefusesAMissingDatabaseAndItself() throws {
        try Self.inFolder { folder throws in
            let missing = try Okno.run(
                ["backup", "--database", folder + "/none.sqlite", "--to", folder + "/b.sqlite"], in: folder)
            #expect(missing.status != 0)
            #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/b.sqlite"))
            let database = folder + "/okno.sqlite"
            #expect(try Okno.run(["migrate", "--database", database], in: folder).status == 0)
            let onto = try Okno.run(["backup", "--database", database, "--to", database], in: folder)
            #expect(onto.status != 0)
            #expect(try Okno.run(["migrate", "--database", database], in: folder).output.contains("up to date"))
        }
    }

    @Test func serveRefusesAnUnknownConfigurationKey() throws {
        try Self.inFolder { folder throws in
            try #"{"listen": "127.0.0.1:0", "rate_limt": {"burst": 5}}"#
                .write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
            let outcome = try Okno.run(
                ["serve", "--config", folder + "/config.json", "--database", folder + "/okno.sqlite"], in: folder,
                timeout: 10)
            #expect(outcome.status != 0)
            #expect(outcome.error.contains("rate_limt"), "\(outcome.error)")
        }
    }

    @Test func directoryImportRefusesRemovingATopicMessagesUse() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            try withServer(configure: { $0.database = database }) { server throws in
                #expect(try server.submit(Fixtures.message(topic: "GRASS_BURNING")).status == 201)
            }
            let before = try Self.storedDirectory(database)
            let file = try Self.directoryFile(in: folder) { object in
                object["topics"] = (object["topics"] as! [[String: Any]]).filter {
                    $0["code"] as? String != "GRASS_BURNING"
                }
            }
            let outcome = try Okno.run(["directory", "import", file, "--database", database], in: folder)
            #expect(outcome.status != 0)
            #expect(outcome.error.contains("GRASS_BURNING"), "\(outcome.error)")
            #expect(try Self.storedDirectory(database) == before)
        }
    }
}

extension CommandLineTests {
    @Test func reportOverdueReadsTheDatabaseFileAloneAndListsEveryOverdueMessage() throws {
        try Self.inFolder { folder throws in
            let database = folder + "/okno.sqlite"
            let synth = try Okno.run(
                [
                    "synth", "--database", database, "--messages", "400", "--seed", "3", "--now",
                    "2026-11-29T09:00:00Z", "--days", "60",
                ], in: folder, timeout: 60)
            #expect(synth.status == 0, "\(synth.error)")
            for file in [database + "-queue-index", database + "-queue-index-wal", database + "-queue-index-shm"] {
                try? FileManager.default.removeItem(atPath: file)
            }
            var expected: Set<String> = []
            do {
                let connection = try Connection.open(path: database, readOnly: true)
                try connection.query(
                    "SELECT number FROM messages WHERE open_due_at <= ?", [.integer(1_795_942_800_000)]
                ) { expected.insert($0.string(at: 0) ?? "") }
            }
            #expect(!expected.isEmpty)

            let before = try Data(contentsOf: URL(fileURLWithPath: database))
            let arguments = [
                "report", "overdue", "--database", database, "--as-of", "2026-11-29T09:00:00Z", "--format", "csv",
            ]
            let first = try Okno.run(arguments, in: folder)
            #expect(first.status == 0, "\(first.error)")
            // Nothing beside the database is written: the queue index file stays missing.
            #expect(!FileManager.default.fileExists(atPath: database + "-queue-index"))
            let lines = first.output.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first?.hasPrefix("number,unit,topic,region,status,deadline") == true, "\(lines.first ?? "")")
            #expect(Set(lines.dropFirst().map { String($0.prefix { $0 != "," }) }) == expected)
            // Read-only: the database file is as it was, and a second run says the same.
            let second = try Okno.run(arguments, in: folder)
            #expect(second.status == 0 && second.output == first.output)
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        }
    }
}
