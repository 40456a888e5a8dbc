import Foundation
import OknoAPI
import OknoDomain
import OknoStore

extension Commands {
    /// `okno report overdue|daily|kpi …`: the reports of `GET /api/v1/reports/*`, for cron.
    ///
    /// Reads through a read-only connection, so it runs beside a live server without taking the
    /// write lock. Options are the endpoint's parameters with dashes (`--as-of`, `--group-by`,
    /// `--include-at-risk`); `--config FILE` supplies `at_risk_days`.
    static func report(_ arguments: Arguments) throws {
        guard arguments.positional.count == 2, let kind = ReportQuery.Kind(rawValue: arguments.positional[1]) else {
            throw UsageError("report needs overdue, daily or kpi")
        }
        let parameters: [String] =
            switch kind {
            case .overdue: ["as-of", "unit", "include-at-risk"]
            case .kpi: ["from", "to", "group-by"]
            case .daily: ["date"]
            }
        try arguments.allowOnly(Set(parameters + ["database", "config", "format"]))
        let configuration = try arguments.option("config").map { try Configuration.load(path: $0) } ?? Configuration()
        let path = arguments.option("database") ?? configuration.database
        guard FileManager.default.fileExists(atPath: path) else { throw UsageError("no database at \(path)") }
        let connection = try Connection.open(path: path, readOnly: true)
        let directory = try DirectoryRepository.load(connection)
        let query: ReportQuery
        switch ReportQuery.parse(
            kind, value: { arguments.option($0.replacingOccurrences(of: "_", with: "-")) }, directory: directory,
            now: Date())
        {
        case .failure(let invalid):
            throw UsageError(
                invalid.errors.map { "--\($0.field.replacingOccurrences(of: "_", with: "-")): \($0.message)" }
                    .joined(separator: "\n"))
        case .success(let parsed): query = parsed
        }
        let table = try query.run(directory: directory, atRiskDays: configuration.api.atRiskDays, connection)
        var output = query.render(table)
        if query.format == .json { output.append(UInt8(ascii: "\n")) }
        FileHandle.standardOutput.write(Data(output))
    }

    /// `okno synth --database PATH --messages N [--seed S] [--now INSTANT] [--days D]`: adds N
    /// synthetic messages, for benchmarks. Not for a production database.
    static func synth(_ arguments: Arguments) throws {
        try arguments.allowOnly(["database", "messages", "seed", "now", "days"])
        guard let count = Int(try arguments.required("messages")), count > 0 else {
            throw UsageError("--messages is a positive integer")
        }
        var options = Synth.Options(messages: count, now: Date())
        if let seed = arguments.option("seed") {
            guard let value = UInt64(seed) else { throw UsageError("--seed is a non-negative integer") }
            options.seed = value
        }
        if let now = arguments.option("now") {
            guard let value = Timestamp.parse(now) else { throw UsageError("--now is an RFC 3339 instant") }
            options.now = value
        }
        if let days = arguments.option("days") {
            guard let value = Int(days), value > 0 else { throw UsageError("--days is a positive integer") }
            options.days = value
        }
        let path = arguments.option("database") ?? defaultDatabase
        let store = try Store.open(
            path: path, migrations: try Store.bundledMigrations(), defaultDirectory: try BundledDirectory.load())
        let directory = try store.read { try DirectoryRepository.load($0) }
        store.close()
        let started = Date()
        let summary = try Synth.fill(path: path, directory: directory, options: options) { written in
            FileHandle.standardError.write(Data("synth: \(written) messages\n".utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        let statuses = MessageStatus.allCases.map { "\($0.rawValue) \(summary.byStatus[$0] ?? 0)" }.joined(
            separator: ", ")
        print(
            "added \(summary.messages) messages, \(summary.events) events, \(summary.ratings) ratings in \(String(format: "%.1f", seconds)) s"
        )
        print(statuses)
    }
}
