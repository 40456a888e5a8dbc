/// The members of a JSON object, in the order they were written, with unique keys.
///
/// Lookup by key is a linear scan, which beats hashing for the small objects of
/// request and response bodies.
public struct JSONObject: Sendable, Equatable, RandomAccessCollection {
    public typealias Member = (key: String, value: JSONValue)

    /// The members in order.
    public let members: [Member]

    /// An object with `members` in the given order.
    ///
    /// - Precondition: The keys are unique (checked in debug builds only, as this is
    ///   the response builder's hot path).
    public init(_ members: [Member]) {
        assert(Self.firstDuplicateKey(in: members) == nil, "duplicate key in JSON object")
        self.members = members
    }

    /// An object whose unique keys the parser has already checked.
    init(validated members: [Member]) {
        self.members = members
    }

    /// The value of the member named `key`, or `nil` when there is none.
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Member { members[position] }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    private static func firstDuplicateKey(in members: [Member]) -> String? {
        var seen = Set<String>()
        return members.first { !seen.insert($0.key).inserted }?.key
    }
}

extension JSONObject: ExpressibleByArrayLiteral {
    /// An object from `(key, value)` pairs in order, as in `.object([("id", 1)])`.
    public init(arrayLiteral members: Member...) {
        self.init(members)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object from a literal in the order written, as in `.object(["id": 1])`.
    public init(dictionaryLiteral members: (String, JSONValue)...) {
        self.init(members.map { (key: $0.0, value: $0.1) })
    }
}
