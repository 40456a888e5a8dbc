/// Strict RFC 8259 parsing of a whole document: one value with optional surrounding
/// whitespace, and nothing else.
public enum JSONParser {
    /// The default for `maxDepth`: 32 nested arrays or objects.
    public static let defaultMaxDepth = 32

    /// Parses `bytes` as one JSON document.
    ///
    /// - Parameters:
    ///   - bytes: The document, which must be UTF-8.
    ///   - maxDepth: How many arrays and objects may nest; `[[]]` has depth 2 and a bare
    ///     scalar depth 0. Parsing recurses once per level, so this also bounds the
    ///     stack. Default: 32.
    /// - Returns: The value the document holds.
    /// - Throws: `JSONError` for a grammar violation, nesting beyond `maxDepth`,
    ///   malformed UTF-8 in a string, or a repeated object key.
    public static func parse(
        _ bytes: [UInt8],
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parse($0, maxDepth: maxDepth) }.get()
    }

    /// Parses `bytes` as one JSON document; offsets in errors count from `bytes.startIndex`.
    ///
    /// See `parse(_:maxDepth:)` on `[UInt8]`.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parse($0, maxDepth: maxDepth) }.get()
    }

    /// Parses `bytes` as one JSON document, copying them first unless they are contiguous.
    ///
    /// See `parse(_:maxDepth:)` on `[UInt8]`.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parse($0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }

    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONError> {
        Result { () throws(JSONError) in
            var parser = Parser(bytes: buffer, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }
}

/// The recursive-descent state over one document's bytes.
struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    /// Reused across strings that need unescaping, to avoid an allocation per string.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw syntaxError("unexpected data after the value") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw syntaxError("unexpected end of input") }
        switch bytes[index] {
        case ASCII.openBrace: return try parseObject(depth: depth + 1)
        case ASCII.openBracket: return try parseArray(depth: depth + 1)
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine: return .number(try parseNumber())
        case ASCII.t: return try parseWord("true", meaning: .bool(true))
        case ASCII.f: return try parseWord("false", meaning: .bool(false))
        case ASCII.n: return try parseWord("null", meaning: .null)
        default: throw syntaxError("expected a value")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, at: index, "nesting deeper than \(maxDepth)") }
        index += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if peek() == ASCII.closeBracket {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch peek() {
            case ASCII.comma:
                index += 1
                skipWhitespace()
            case ASCII.closeBracket:
                index += 1
                return .array(elements)
            default:
                throw syntaxError("expected ',' or ']' in array")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONError(.tooDeep, at: index, "nesting deeper than \(maxDepth)") }
        index += 1
        skipWhitespace()
        var members: [JSONObject.Member] = []
        if peek() == ASCII.closeBrace {
            index += 1
            return .object(JSONObject(validated: members))
        }
        var keys = DuplicateKeyDetector()
        while true {
            guard peek() == ASCII.quote else { throw syntaxError("expected a string key in object") }
            let keyOffset = index
            let key = try parseString()
            guard keys.insert(key, among: members) else {
                throw JSONError(.duplicateKey(key), at: keyOffset, "duplicate key in object")
            }
            skipWhitespace()
            guard peek() == ASCII.colon else { throw syntaxError("expected ':' after object key") }
            index += 1
            skipWhitespace()
            members.append((key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            switch peek() {
            case ASCII.comma:
                index += 1
                skipWhitespace()
            case ASCII.closeBrace:
                index += 1
                return .object(JSONObject(validated: members))
            default:
                throw syntaxError("expected ',' or '}' in object")
            }
        }
    }

    private mutating func parseWord(_ word: StaticString, meaning value: JSONValue) throws(JSONError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw syntaxError("expected a value") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw JSONError(.syntax, at: index + offset, "expected a value")
        }
        index += count
        return value
    }

    /// The byte at `index`, or `nil` at the end of input.
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn: index += 1
            default: return
            }
        }
    }

    func syntaxError(_ reason: String) -> JSONError {
        JSONError(.syntax, at: index, index < bytes.count ? reason : "unexpected end of input")
    }
}

/// Finds a repeated key: a scan of the members while they are few, a hash set beyond.
private struct DuplicateKeyDetector {
    private static let linearLimit = 8
    private var seen: Set<String>?

    /// Records `key`; returns `false` when `members` (the object so far) already has it.
    mutating func insert(_ key: String, among members: [JSONObject.Member]) -> Bool {
        if members.count < Self.linearLimit {
            return !members.contains { $0.key == key }
        }
        if seen == nil {
            seen = Set(members.lazy.map(\.key))
        }
        return seen!.insert(key).inserted
    }
}
