/// One cell of a report: what both renderings (JSON for the API, CSV for spreadsheets and cron)
/// are made from, so the API and the command line can never disagree on a figure.
public enum ReportValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)
    /// A fraction already rounded to the digits it is shown with (percentages: 1, scores: 2).
    case decimal(Double)

    /// The optional text, or `.null`.
    public static func optional(_ text: String?) -> ReportValue {
        text.map(ReportValue.text) ?? .null
    }

    /// The optional number, or `.null`.
    public static func optional(_ number: Double?) -> ReportValue {
        number.map(ReportValue.decimal) ?? .null
    }

    /// The value as a CSV field's content before quoting: NULL is the empty field, a whole decimal
    /// is written without a fraction (`100`, as JSON writes it), others in the shortest form.
    public var csvText: String {
        switch self {
        case .null: ""
        case .text(let text): text
        case .integer(let number): String(number)
        case .decimal(let number):
            number == number.rounded(.towardZero) && number.magnitude < 1e15 ? String(Int64(number)) : String(number)
        }
    }
}

/// A report as rows under named columns, with the parameters it was run with.
///
/// JSON: `{<parameters>…, "items": [{column: value}], "total": {…}}`; CSV: a header row, then
/// one line per item (parameters and total are JSON-only).
public struct ReportTable: Sendable, Equatable {
    /// snake_case column names, as in the contract.
    public var columns: [String]
    /// Each row has one value per column.
    public var rows: [[ReportValue]]
    /// The effective parameters (defaults filled in), echoed at the top of the JSON document.
    public var parameters: [Parameter]
    /// The totals over all rows, in `columns` order, where the report has them.
    public var total: [ReportValue]?

    /// A named parameter of the report run.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: ReportValue

        public init(_ name: String, _ value: ReportValue) {
            self.name = name
            self.value = value
        }
    }

    public init(columns: [String], rows: [[ReportValue]], parameters: [Parameter] = [], total: [ReportValue]? = nil) {
        self.columns = columns
        self.rows = rows
        self.parameters = parameters
        self.total = total
    }

    /// RFC 4180 CSV in UTF-8: a header row, CRLF after every record (the last included), and a
    /// field in double quotes, its quotes doubled, whenever it holds a quote, comma, CR or LF.
    public func csv() -> String {
        var text = ""
        text.reserveCapacity(64 * (rows.count + 1))
        Self.appendRecord(columns, to: &text)
        for row in rows {
            Self.appendRecord(row.map(\.csvText), to: &text)
        }
        return text
    }

    private static func appendRecord(_ fields: [String], to text: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += csvField(field)
        }
        text += "\r\n"
    }

    /// One field, quoted only when RFC 4180 requires it.
    public static func csvField(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
