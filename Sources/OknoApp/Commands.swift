import Foundation
import OknoAPI
import OknoDomain
import OknoStore

/// The `okno` command line.
public enum Commands {
    public static let usage = """
        usage:
          okno serve [--config FILE] [--listen HOST:PORT] [--database PATH]
          okno migrate [--database PATH]
          okno token create [--database PATH] --name NAME --role ROLE [--unit CODE]
          okno token list [--database PATH]
          okno token revoke [--database PATH] --name NAME
          okno directory import FILE [--database PATH]
          okno backup [--database PATH] --to FILE
          okno routing export [--database PATH]
          okno routing import FILE [--database PATH]
          okno report overdue|daily|kpi [--database PATH] [--config FILE] [--as-of INSTANT] [--unit CODE]
                      [--include-at-risk true] [--from DATE --to DATE --group-by unit|topic|region]
                      [--date DATE] [--format json|csv]
          okno tick [--database PATH] [--config FILE] [--now INSTANT]
          okno synth --database PATH --messages N [--seed S] [--now INSTANT] [--days D]
        """

    static let defaultDatabase = "./okno.sqlite"

    /// Runs a command line; returns the process exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            let parsed = try Arguments(arguments)
            switch parsed.positional.first {
            case "serve": try serve(parsed)
            case "migrate": try migrate(parsed)
            case "token": try token(parsed)
            case "directory": try importDirectory(parsed)
            case "backup": try backup(parsed)
            case "routing": try routing(parsed)
            case "report": try report(parsed)
            case "synth": try synth(parsed)
            case "tick": try tick(parsed)
            default: throw UsageError("unknown command")
            }
            return 0
        } catch let error as UsageError {
            printError("okno: \(error.description)\n\(usage)")
            return 64
        } catch {
            printError("okno: \(error)")
            return 1
        }
    }

    private static func serve(_ arguments: Arguments) throws {
        try arguments.allowOnly(["config", "listen", "database"])
        var configuration = try arguments.option("config").map { try Configuration.load(path: $0) } ?? Configuration()
        if let listen = arguments.option("listen") { try configuration.setListen(listen) }
        if let database = arguments.option("database") { configuration.database = database }
        try OknoServer(configuration: configuration).runUntilSignalled()
    }

    private static func migrate(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database"])
        let applied = try Store.migrate(
            path: arguments.option("database") ?? defaultDatabase, migrations: try Store.bundledMigrations())
        print(
            applied.isEmpty
                ? "database is up to date" : applied.map { "applied \($0.fileName)" }.joined(separator: "\n"))
    }

    private static func token(_ arguments: Arguments) throws {
        let path = arguments.option("database") ?? defaultDatabase
        let store = try openStore(path)
        defer { store.close() }
        switch arguments.positional.dropFirst().first {
        case "create":
            try arguments.allowOnly(["database", "name", "role", "unit"])
            let name = try arguments.required("name")
            let role = try arguments.required("role")
            guard OfficerRole(rawValue: role) != nil else {
                throw UsageError("--role is one of \(OfficerRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let unit = arguments.option("unit")
            let created = try store.writeSync { try TokenRepository.create(name: name, role: role, unit: unit, $0) }
            print("created token \(created.record.id) for \(name) (\(role)\(unit.map { ", unit \($0)" } ?? ""))")
            print(created.token)
        case "list":
            try arguments.allowOnly(["database"])
            for record in try store.readers.read({ try TokenRepository.list($0) }) {
                print(
                    [
                        String(record.id), record.name, record.role.rawValue, record.unit ?? "-",
                        record.revokedAt == nil ? "active" : "revoked",
                    ]
                    .joined(separator: "\t"))
            }
        case "revoke":
            try arguments.allowOnly(["database", "name"])
            let name = try arguments.required("name")
            let revoked = try store.writeSync { try TokenRepository.revoke(name: name, $0) }
            guard revoked > 0 else { throw UsageError("no active token named \(name)") }
            print("revoked \(revoked) token(s) named \(name)")
        default:
            throw UsageError("token needs create, list or revoke")
        }
    }

    private static func importDirectory(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database"])
        guard arguments.positional.count == 3, arguments.positional[1] == "import" else {
            throw UsageError("directory import needs a FILE")
        }
        let directory = try BundledDirectory.read(path: arguments.positional[2])
        let store = try openStore(arguments.option("database") ?? defaultDatabase)
        defer { store.close() }
        try store.writeSync { try DirectoryRepository.replace(with: directory, $0) }
        print(
            "imported \(directory.regions.count) regions, \(directory.units.count) units, \(directory.agencies.count) agencies, \(directory.topics.count) topics"
        )
    }

    private static func backup(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database", "to"])
        let target = try arguments.required("to")
        try Store.backup(path: arguments.option("database") ?? defaultDatabase, to: target)
        print("backed up to \(target)")
    }

    private static func routing(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database"])
        let store = try openStore(arguments.option("database") ?? defaultDatabase)
        defer { store.close() }
        switch (arguments.positional.dropFirst().first, arguments.positional.count) {
        case ("export", 2):
            let ruleSet = try store.read { try RoutingRuleRepository.ruleSet($0) }
            print(RuleFile.export(ruleSet))
        case ("import", 3):
            let drafts = try RuleFile.drafts(path: arguments.positional[2])
            let directory = try store.read { try DirectoryRepository.load($0) }
            let now = Date()
            let ruleSet = try store.writeSync {
                try RoutingRuleRepository.replaceAll(
                    with: drafts, directory: directory, actor: "okno routing import", at: now, $0)
            }
            print("imported \(ruleSet.rules.count) rules; rule-set version \(ruleSet.version)")
        default:
            throw UsageError("routing needs export, or import FILE")
        }
    }

    /// One deadline-scheduler pass, as `okno serve` runs it every `scheduler_interval_seconds`:
    /// for catching up by hand and for timing it.
    private static func tick(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database", "config", "now"])
        let configuration = try arguments.option("config").map { try Configuration.load(path: $0) } ?? Configuration()
        let now =
            try arguments.option("now").map { text throws in
                guard let instant = Timestamp.parse(text) else { throw UsageError("--now must be an RFC 3339 instant") }
                return instant
            } ?? Date()
        let store = try openStore(arguments.option("database") ?? configuration.database)
        defer { store.close() }
        let started = Date()
        let report = try DeadlineScheduler(atRiskDays: configuration.api.atRiskDays).tick(now: now, store: store)
        let milliseconds = Date().timeIntervalSince(started) * 1000
        print(
            "messages \(report.messages), notices \(report.notices), batches \(report.batches), "
                + "tick \(String(format: "%.2f", milliseconds)) ms")
    }

    private static func openStore(_ path: String) throws -> Store {
        try Store.open(
            path: path, migrations: try Store.bundledMigrations(), defaultDirectory: try BundledDirectory.load())
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
