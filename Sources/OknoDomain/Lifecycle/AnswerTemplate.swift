/// A reusable answer text with placeholders such as `{{number}}`, filled in by `draft_answer`.
public struct AnswerTemplate: Hashable, Sendable {
    /// The placeholders a template may use, by name as written between `{{` and `}}`.
    public enum Placeholder: String, Hashable, Sendable, CaseIterable {
        case number
        /// The registration date as `DD.MM.YYYY`.
        case registeredDate = "registered_date"
        case applicantName = "applicant.name"
        case topicTitle = "topic.title"
        case unitName = "unit.name"
    }

    /// What the placeholders stand for in one message.
    public struct Values: Hashable, Sendable {
        public var number: String
        public var registeredDate: LocalDate
        public var applicantName: String
        public var topicTitle: String
        public var unitName: String

        public init(
            number: String, registeredDate: LocalDate, applicantName: String, topicTitle: String,
            unitName: String
        ) {
            self.number = number
            self.registeredDate = registeredDate
            self.applicantName = applicantName
            self.topicTitle = topicTitle
            self.unitName = unitName
        }

        /// The text for a placeholder.
        public subscript(_ placeholder: Placeholder) -> String {
            switch placeholder {
            case .number: number
            case .registeredDate: registeredDate.dotted
            case .applicantName: applicantName
            case .topicTitle: topicTitle
            case .unitName: unitName
            }
        }
    }

    public var code: String
    public var title: String
    /// The topic the template is meant for; `nil` for any.
    public var topic: String?
    public var body: String

    public init(code: String, title: String, topic: String? = nil, body: String) {
        self.code = code
        self.title = title
        self.topic = topic
        self.body = body
    }

    /// The unknown placeholder names in `body`, in order of first appearance; empty when it is valid.
    ///
    /// A placeholder is `{{name}}`, spaces around the name allowed; a `{{` never closed is plain text.
    public static func validate(_ body: String) -> [String] {
        var unknown: [String] = []
        for case .placeholder(let name, _) in tokens(body) where Placeholder(rawValue: name) == nil {
            if !unknown.contains(name) { unknown.append(name) }
        }
        return unknown
    }

    /// `body` with every known placeholder replaced by its value; unknown ones stay as written.
    public static func render(_ body: String, _ values: Values) -> String {
        var text = ""
        for token in tokens(body) {
            switch token {
            case .literal(let literal): text += literal
            case .placeholder(let name, let raw):
                if let placeholder = Placeholder(rawValue: name) { text += values[placeholder] } else { text += raw }
            }
        }
        return text
    }

    private enum Token {
        case literal(Substring)
        /// The trimmed name and the placeholder as written, braces included.
        case placeholder(name: String, raw: Substring)
    }

    private static func tokens(_ body: String) -> [Token] {
        var tokens: [Token] = []
        var rest = body[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            if open.lowerBound > rest.startIndex { tokens.append(.literal(rest[..<open.lowerBound])) }
            let name = MessageText.trimmed(String(rest[open.upperBound..<close.lowerBound]))
            tokens.append(.placeholder(name: name, raw: rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(.literal(rest)) }
        return tokens
    }
}
