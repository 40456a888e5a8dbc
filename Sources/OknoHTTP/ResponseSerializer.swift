import Glibc

/// Turns a response into HTTP/1.1 bytes, adding the framing and housekeeping fields.
enum ResponseSerializer {
    /// Fields the server owns; a handler's values for them are replaced.
    private static let managedFields: Set<String> = [
        "content-length", "transfer-encoding", "connection", "date", "x-request-id",
    ]

    static func serialize(
        _ response: HTTPResponse, into output: inout [UInt8], headOnly: Bool, keepAlive: Bool, http10: Bool,
        requestID: String, date: String
    ) {
        output.append(contentsOf: "HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))\r\n".utf8)
        // A field a handler built from bad input must not split the response: such fields are dropped.
        for field in response.headers where !managedFields.contains(field.name) && isSafe(field) {
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        if response.status != 204 && response.status != 304 {
            output.append(contentsOf: "content-length: \(response.body.count)\r\n".utf8)
        }
        output.append(contentsOf: "date: ".utf8)
        output.append(contentsOf: date.utf8)
        output.append(contentsOf: "\r\nx-request-id: ".utf8)
        output.append(contentsOf: requestID.utf8)
        if !keepAlive {
            output.append(contentsOf: "\r\nconnection: close".utf8)
        } else if http10 {
            output.append(contentsOf: "\r\nconnection: keep-alive".utf8)
        }
        output.append(contentsOf: "\r\n\r\n".utf8)
        if !headOnly && response.status != 204 && response.status != 304 {
            output.append(contentsOf: response.body)
        }
    }

    private static func isSafe(_ field: (name: String, value: String)) -> Bool {
        !field.name.isEmpty && field.name.utf8.allSatisfy(\.isTokenCharacter)
            && field.value.utf8.allSatisfy { $0 == .tab || ($0 >= 0x20 && $0 != 0x7F) }
    }

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}

/// The IMF-fixdate for the `Date` field, recomputed at most once a second.
struct HTTPDateCache {
    private var second: time_t = 0
    private(set) var value = ""

    mutating func current() -> String {
        let now = time(nil)
        if now != second {
            second = now
            value = Self.format(now)
        }
        return value
    }

    static func format(_ instant: time_t) -> String {
        var seconds = instant
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
