import Foundation
import Glibc

/// Service events as JSON lines on standard error; never carries personal data.
public enum Log {
    public static func info(_ event: String, _ fields: [String: String] = [:]) { write("info", event, fields) }
    public static func error(_ event: String, _ fields: [String: String] = [:]) { write("error", event, fields) }

    /// A failed store operation; store errors carry SQL and codes, never bound values.
    static func storeFailure(_ operation: String, _ error: any Error) {
        write("error", "store.failure", ["operation": operation, "error": String(describing: error)])
    }

    private static func write(_ level: String, _ event: String, _ fields: [String: String]) {
        var object: [String: String] = fields
        object["level"] = level
        object["event"] = event
        object["ts"] = ISO8601DateFormatter().string(from: Date())
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
