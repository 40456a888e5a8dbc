/// Header fields in arrival order; names are stored lowercased, lookups ignore case.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)]

    public init() { fields = [] }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0.fieldNameLowercased(), value: $0.1) }
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name.fieldNameLowercased(), value: value))
    }

    /// Replaces every field of that name with one field.
    public mutating func set(_ name: String, _ value: String) {
        let lower = name.fieldNameLowercased()
        fields.removeAll { $0.name == lower }
        fields.append((name: lower, value: value))
    }

    public mutating func remove(_ name: String) {
        let lower = name.fieldNameLowercased()
        fields.removeAll { $0.name == lower }
    }

    /// The first value of the field, if present.
    public subscript(name: String) -> String? {
        let lower = name.fieldNameLowercased()
        return fields.first { $0.name == lower }?.value
    }

    /// Every value of the field, in order.
    public func values(_ name: String) -> [String] {
        let lower = name.fieldNameLowercased()
        return fields.filter { $0.name == lower }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

extension String {
    /// The name lowercased; without allocating when it is lowercase ASCII already (the names the
    /// server looks up, and most that clients send).
    func fieldNameLowercased() -> String {
        guard utf8.contains(where: { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            return self
        }
        return lowercased()
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
