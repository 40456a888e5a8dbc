import Foundation
import Glibc
import OknoJSON

/// A response as read off the socket.
struct HTTPReply: Sendable, CustomStringConvertible {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header field, by case-insensitive name.
    func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON; `.null` when it is not JSON.
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// The `field` of every entry of a problem's `errors`.
    var errorFields: [String] { json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [] }

    /// `field:code` of every entry of a problem's `errors`.
    var errorCodes: [String] {
        json["errors"]?.arrayValue?.compactMap { error in
            guard let field = error["field"]?.stringValue, let code = error["code"]?.stringValue else { return nil }
            return "\(field):\(code)"
        } ?? []
    }

    var description: String { "HTTP \(status) \(text.prefix(600))" }
}

/// Why the test client failed.
struct ClientError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
    init(call: String) { description = "\(call) failed: \(String(cString: strerror(errno)))" }
}

/// One blocking TCP connection to 127.0.0.1, for tests: send bytes as they come, read
/// `Content-Length`-framed responses. Never use it on Swift concurrency's cooperative pool.
final class TestConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    /// Connects; reads give up after `timeout` seconds.
    init(port: Int, timeout: Int = 15) throws(ClientError) {
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientError(call: "socket") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = ClientError(call: "connect to port \(port)")
            Glibc.close(fd)
            throw error
        }
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
    }

    func send(_ text: String) throws(ClientError) { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw ClientError(call: "send")
            }
            offset += sent
        }
    }

    /// Sends a whole request.
    func send(method: String, path: String, headers: [(String, String)], body: [UInt8]?, close: Bool)
        throws(ClientError)
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + (body ?? []))
    }

    /// Reads one response (skipping `100 Continue`).
    func readReply(headOnly: Bool = false) throws(ClientError) -> HTTPReply {
        while true {
            let headEnd = try readUntilHeadEnd()
            let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
            buffer.removeFirst(headEnd + 4)
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
            guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
                throw ClientError("malformed status line in \(head)")
            }
            let headers = lines.compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            if status == 100 { continue }
            var reply = HTTPReply(status: status, headers: headers, body: [])
            if headOnly || status == 204 || status == 304 { return reply }
            if let length = reply.header("content-length").flatMap(Int.init) {
                while buffer.count < length {
                    guard try fill() else { throw ClientError("connection closed inside a \(length)-byte body") }
                }
                reply.body = Array(buffer[..<length])
                buffer.removeFirst(length)
            } else {
                while try fill() {}
                reply.body = buffer
                buffer = []
            }
            return reply
        }
    }

    /// Whether the peer has closed the connection (reads EOF), within the read timeout.
    func readsEOF() -> Bool {
        (try? fill()) == false
    }

    private func readUntilHeadEnd() throws(ClientError) -> Int {
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) { return end }
            guard try fill() else {
                throw ClientError(
                    buffer.isEmpty ? "connection closed before a response" : "connection closed inside a response head")
            }
        }
    }

    /// Reads more bytes; false at end of stream.
    private func fill() throws(ClientError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress!, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return false }
                throw ClientError(call: "recv")
            }
            buffer.append(contentsOf: chunk[..<count])
            return count > 0
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

/// One request on a fresh connection: the test suite's HTTP client.
enum HTTPClient {
    static func request(
        port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) throws(ClientError) -> HTTPReply {
        let connection = try TestConnection(port: port)
        defer { connection.close() }
        try connection.send(method: method, path: path, headers: headers, body: body, close: true)
        return try connection.readReply(headOnly: method == "HEAD")
    }
}
