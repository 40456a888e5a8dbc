/// Command-line arguments: positional words and `--name value` options.
public struct Arguments: Sendable {
    public private(set) var positional: [String] = []
    private var options: [String: String] = [:]

    /// Parses `arguments`; every option takes a value.
    public init(_ arguments: [String]) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                } else {
                    guard index + 1 < arguments.count else { throw UsageError("--\(name) needs a value") }
                    options[name] = arguments[index + 1]
                    index += 1
                }
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    public func option(_ name: String) -> String? { options[name] }

    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = options[name] else { throw UsageError("--\(name) is required") }
        return value
    }

    /// Refuses options this command does not know.
    public func allowOnly(_ names: Set<String>) throws(UsageError) {
        if let unknown = options.keys.sorted().first(where: { !names.contains($0) }) {
            throw UsageError("unknown option --\(unknown)")
        }
    }
}

/// A command line that cannot be run, with the reason.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ reason: String) { description = reason }
}
