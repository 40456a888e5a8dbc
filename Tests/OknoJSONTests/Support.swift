@testable import OknoJSON

/// Parses `text` as UTF-8.
func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

/// The error parsing `bytes` throws, or `nil` when they parse.
func refusal(of bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

/// The error parsing `text` as UTF-8 throws, or `nil` when it parses.
func refusal(of text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONError? {
    refusal(of: Array(text.utf8), maxDepth: maxDepth)
}

/// `depth` arrays nested inside one another, `[[...]]`, or a bare `0` at depth 0.
func nestedArrays(_ depth: Int) -> String {
    guard depth > 0 else { return "0" }
    return String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

/// `depth` objects nested inside one another, `{"a":{"a":...{}}}`, or a bare `0` at depth 0.
func nestedObjects(_ depth: Int) -> String {
    guard depth > 0 else { return "0" }
    return String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
}
