/// A transition request: the action and the other members of its JSON body, untyped.
///
/// The lifecycle checks the fields itself so that one refusal lists every bad field.
public struct TransitionCommand: Hashable, Sendable {
    public var action: LifecycleAction
    /// Body members other than `action`, by their JSON name; members an action does not use are ignored.
    public var fields: [String: FieldValue]

    public init(_ action: LifecycleAction, _ fields: [String: FieldValue] = [:]) {
        self.action = action
        self.fields = fields
    }
}

/// A JSON value as far as transition fields care.
public enum FieldValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    /// A JSON number without fraction or exponent that fits `Int`.
    case integer(Int)
    /// Counts as missing.
    case null
    /// A boolean, array, object, or non-integer number.
    case other

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}
