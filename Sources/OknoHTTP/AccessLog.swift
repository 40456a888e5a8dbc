import Glibc

/// One JSON line per request, without bodies, query strings or headers that may carry personal
/// data; lines are buffered per event loop and written to standard error once per loop turn.
struct AccessLog {
    struct Entry {
        var requestID: String
        var method: String
        /// The route template, never the raw path, which may carry personal data.
        var route: String
        var status: Int
        var seconds: Double
        var bytesIn: Int
        var bytesOut: Int
        var remoteAddress: String
    }

    private var buffer: [UInt8] = []

    mutating func append(_ entry: Entry) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let line =
            "{\"ts\":\(now.tv_sec).\(String(now.tv_nsec / 1_000_000).leftPadded(3)),\"request_id\":\(jsonQuoted(entry.requestID)),"
            + "\"method\":\(jsonQuoted(entry.method)),\"route\":\(jsonQuoted(entry.route)),\"status\":\(entry.status),"
            + "\"duration_ms\":\(Double(Int(entry.seconds * 1_000_000)) / 1000),\"bytes_in\":\(entry.bytesIn),"
            + "\"bytes_out\":\(entry.bytesOut),\"remote\":\(jsonQuoted(entry.remoteAddress))}\n"
        buffer.append(contentsOf: line.utf8)
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        System.writeAll(2, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
