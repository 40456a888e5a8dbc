import Foundation
import OknoDomain
import OknoJSON
import OknoStore

/// A report request as the HTTP endpoints and `okno report` both take it: parameters read and
/// checked in one place, run against the store, rendered as JSON or CSV.
public struct ReportQuery: Sendable, Equatable {
    /// The reports of the administrative department.
    public enum Kind: String, Sendable, CaseIterable {
        case overdue
        case kpi
        case daily
    }

    /// How a report is written out.
    public enum Format: String, Sendable, CaseIterable {
        case json
        case csv

        public var contentType: String {
            switch self {
            case .json: "application/json"
            case .csv: "text/csv; charset=utf-8"
            }
        }
    }

    /// A report with its parameters, defaults filled in.
    public enum Report: Sendable, Equatable {
        case overdue(asOf: Date, unit: String?, includeAtRisk: Bool)
        case kpi(from: LocalDate, to: LocalDate, groupBy: Reports.Grouping)
        case daily(date: LocalDate)
    }

    public var report: Report
    public var format: Format

    /// The zone of the ministry's central office: "today" for date defaults.
    static let headOffice = TimeZone(identifier: "Europe/Moscow")!
    /// Date ranges default to the 30 days ending today.
    static let defaultRangeDays = 30

    /// Reads the parameters of report `kind`; unknown names are ignored.
    ///
    /// Parameters: `format` (`json` default, or `csv`); overdue: `as_of` (RFC 3339, default `now`),
    /// `unit` (a directory code), `include_at_risk` (`true`/`false`, default false); kpi: `from`,
    /// `to` (local dates, default the 30 days ending today in Moscow), `group_by` (`unit` default,
    /// `topic`, `region`); daily: `date` (default today in Moscow).
    /// - Parameter value: the raw value of a parameter by name; empty counts as absent.
    /// - Returns: the query, or every bad parameter at once.
    public static func parse(
        _ kind: Kind, value: @escaping (String) -> String?, directory: Directory, now: Date
    ) -> Result<ReportQuery, InvalidParameters> {
        var reader = ParameterReader(value: value, now: now)
        let format = reader.choice("format", Format.self) ?? .json
        let report: Report
        switch kind {
        case .overdue:
            let asOf = reader.instant("as_of") ?? now
            let unit = reader.text("unit")
            if let unit, directory.unit(unit) == nil {
                reader.errors.append(FieldError("unit", "unknown", "Unknown unit code."))
            }
            report = .overdue(asOf: asOf, unit: unit, includeAtRisk: reader.boolean("include_at_risk") ?? false)
        case .kpi:
            let range = reader.range(maxDays: nil)
            report = .kpi(
                from: range.from, to: range.to, groupBy: reader.choice("group_by", Reports.Grouping.self) ?? .unit)
        case .daily:
            report = .daily(date: reader.date("date") ?? reader.today)
        }
        return reader.errors.isEmpty
            ? .success(ReportQuery(report: report, format: format)) : .failure(InvalidParameters(errors: reader.errors))
    }

    /// Runs the report on a read connection.
    public func run(directory: Directory, atRiskDays: AtRiskDays, _ connection: Connection) throws -> ReportTable {
        switch report {
        case .overdue(let asOf, let unit, let includeAtRisk):
            let rows = try Reports.overdue(
                asOf: asOf, unit: unit, includeAtRisk: includeAtRisk, directory: directory, atRiskDays: atRiskDays,
                connection)
            return ReportTable(
                columns: Reports.OverdueRow.columns, rows: rows.map(\.values),
                parameters: [
                    .init("as_of", .text(Timestamp.format(asOf))), .init("unit", .optional(unit)),
                    .init("include_at_risk", .text(includeAtRisk ? "true" : "false")),
                ])
        case .kpi(let from, let to, let groupBy):
            return try Reports.kpi(from: from, to: to, groupBy: groupBy, directory: directory, connection).table(
                groupBy: groupBy, directory: directory,
                parameters: [
                    .init("from", .text(from.description)), .init("to", .text(to.description)),
                    .init("group_by", .text(groupBy.rawValue)),
                ])
        case .daily(let date):
            return try Reports.daily(date: date, directory: directory, atRiskDays: atRiskDays, connection).table(
                directory: directory, parameters: [.init("date", .text(date.description))])
        }
    }

    /// The report written out in this query's format.
    public func render(_ table: ReportTable) -> [UInt8] {
        switch format {
        case .json: ReportRendering.json(table).serialized()
        case .csv: Array(table.csv().utf8)
        }
    }
}

/// Every bad parameter of a request, for a 422 or a usage error.
public struct InvalidParameters: Error, Sendable {
    public var errors: [FieldError]
}

/// JSON for report tables: the CSV side is `ReportTable.csv()`.
public enum ReportRendering {
    /// `{<parameters>…, "items": [{column: value}], "total": {column: value}}`.
    public static func json(_ table: ReportTable) -> JSONValue {
        var members: [JSONObject.Member] = table.parameters.map { ($0.name, json($0.value)) }
        members.append(("items", .array(table.rows.map { object(table.columns, $0) })))
        if let total = table.total { members.append(("total", object(table.columns, total))) }
        return .object(JSONObject(members))
    }

    static func object(_ columns: [String], _ values: [ReportValue]) -> JSONValue {
        .object(JSONObject(zip(columns, values).map { ($0, json($1)) }))
    }

    static func json(_ value: ReportValue) -> JSONValue {
        switch value {
        case .null: .null
        case .text(let text): .string(text)
        case .integer(let number): .number(JSONNumber(number))
        case .decimal(let number): JSONNumber(number).map(JSONValue.number) ?? .null
        }
    }
}

/// Reads query parameters, collecting every problem.
struct ParameterReader {
    let value: (String) -> String?
    let now: Date
    var errors: [FieldError] = []

    init(value: @escaping (String) -> String?, now: Date) {
        self.value = { name in value(name).flatMap { $0.isEmpty ? nil : $0 } }
        self.now = now
    }

    var today: LocalDate { LocalDate.of(now, in: ReportQuery.headOffice) }

    mutating func text(_ name: String) -> String? { value(name) }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, _: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        guard let raw = value(name) else { return nil }
        if let parsed = Choice(rawValue: raw) { return parsed }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        errors.append(FieldError(name, "invalid", "\(name) is one of \(allowed)."))
        return nil
    }

    mutating func boolean(_ name: String) -> Bool? {
        switch value(name) {
        case nil: return nil
        case "true"?: return true
        case "false"?: return false
        default:
            errors.append(FieldError(name, "invalid", "\(name) is true or false."))
            return nil
        }
    }

    mutating func instant(_ name: String) -> Date? {
        guard let raw = value(name) else { return nil }
        if let instant = Timestamp.parse(raw) { return instant }
        errors.append(FieldError(name, "invalid", "\(name) is an RFC 3339 instant such as 2026-11-29T04:30:00Z."))
        return nil
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let raw = value(name) else { return nil }
        if let date = LocalDate(raw) { return date }
        errors.append(FieldError(name, "invalid", "\(name) is a date as YYYY-MM-DD."))
        return nil
    }

    /// `from` and `to`, inclusive; by default the 30 days ending on `to` (default today).
    /// - Parameter maxDays: the longest range allowed, if any.
    mutating func range(maxDays: Int?) -> (from: LocalDate, to: LocalDate) {
        let fromGiven = date("from")
        let toGiven = date("to")
        let to = toGiven ?? today
        let from = fromGiven ?? to.adding(days: 1 - ReportQuery.defaultRangeDays)
        if from > to, fromGiven != nil || value("from") == nil, toGiven != nil || value("to") == nil {
            errors.append(FieldError("to", "before_from", "to is before from."))
        } else if let maxDays, to.days(from: from) >= maxDays {
            errors.append(FieldError("to", "range_too_long", "from and to span at most \(maxDays) days."))
        }
        return (from, to)
    }
}
