import OknoDomain

extension MessageStatus {
    /// The open statuses as an SQL list for `status IN (…)`: `'registered', 'assigned', …`.
    static let openSQLList = open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
