import Foundation

/// Instants are stored as INTEGER milliseconds since 1970-01-01 UTC.
enum Instant {
    /// `date` in whole milliseconds, rounded down (so an instant never moves later when stored).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }

    static func value(_ date: Date?) -> SQLValue {
        date.map { .integer(milliseconds($0)) } ?? .null
    }
}

extension Row {
    /// The column as an instant stored in milliseconds, or `nil` for NULL.
    func instant(at index: Int) -> Date? {
        isNull(at: index) ? nil : Instant.date(int64(at: index))
    }

    /// The column as an optional string that must not be NULL.
    func text(at index: Int) -> String {
        string(at: index) ?? ""
    }
}

extension SQLValue {
    static func optional(_ text: String?) -> SQLValue {
        text.map { .text($0) } ?? .null
    }

    static func bool(_ value: Bool) -> SQLValue {
        .integer(value ? 1 : 0)
    }
}
