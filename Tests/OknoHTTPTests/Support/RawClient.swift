import Foundation
import Glibc
import Synchronization

/// Runs blocking `body` on a new thread, keeping it off the cooperative pool, and awaits it.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

enum ClientError: Error, CustomStringConvertible {
    case connect(errno: Int32)
    case timedOut
    case reset
    case closedEarly(received: String)
    case malformed(String)

    var description: String {
        switch self {
        case .connect(let errno): "connect failed: errno \(errno)"
        case .timedOut: "timed out waiting for the server"
        case .reset: "connection reset by the server"
        case .closedEarly(let received): "connection closed after \(received.debugDescription)"
        case .malformed(let text): "malformed response: \(text.debugDescription)"
        }
    }
}

/// A response as read off the wire.
struct RawResponse: Sendable {
    var status: Int
    /// Lowercased names; a repeated field keeps its last value.
    var headers: [String: String]
    var body: [UInt8]
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client that speaks raw bytes, with receive timeouts; every blocking call runs on
/// its own thread.
///
/// Sendable: the descriptor never changes and the receive buffer is behind a mutex; one test
/// drives a client at a time.
final class RawClient: Sendable {
    let fd: Int32
    private let buffer = Mutex<[UInt8]>([])
    private let closed = Atomic<Bool>(false)

    /// Connects to `host` (a numeric address) at `port`; reads give up after `timeout` seconds
    /// without data.
    init(host: String = "127.0.0.1", port: Int, timeout: Double = 3, receiveBuffer: Int32? = nil) throws {
        var error: Int32?
        fd = Self.connected(host: host, port: port, error: &error) { fd in
            if var size = receiveBuffer {
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            }
            var receive = timeval(
                tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &receive, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &receive, socklen_t(MemoryLayout<timeval>.size))
        }
        if let error { throw ClientError.connect(errno: error) }
    }

    deinit { close() }

    /// The errno of a connection attempt, or nil when it was accepted by the kernel.
    static func connectError(host: String = "127.0.0.1", port: Int) -> Int32? {
        var error: Int32?
        let fd = connected(host: host, port: port, error: &error) { _ in }
        if fd >= 0 { Glibc.close(fd) }
        return error
    }

    /// A socket connected to `host:port` after `configure` ran on it; -1 with `error` set when the
    /// address is not numeric (EINVAL) or the connection failed (its errno).
    private static func connected(
        host: String, port: Int, error: inout Int32?, configure: (Int32) -> Void
    ) -> Int32 {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found?.pointee else {
            error = EINVAL
            return -1
        }
        defer { freeaddrinfo(found) }
        let fd = socket(address.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        configure(fd)
        guard Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 else {
            error = errno
            Glibc.close(fd)
            return -1
        }
        return fd
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends every byte; the kernel buffers are large enough that this does not block in tests.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Whether a read would not block (data or end of input waiting), without waiting.
    func hasInput() -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Half-closes: the server reads end of input.
    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        Glibc.close(fd)
    }

    /// Closes with an RST instead of a FIN.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    // MARK: Reading, on a thread of its own

    func readResponse(headOnly: Bool = false) async throws -> RawResponse {
        try await onThread { try self.blockingReadResponse(headOnly: headOnly) }
    }

    /// Everything until the server closes; throws when it does not within the timeout.
    func readToEnd() async throws -> [UInt8] {
        try await onThread { try self.blockingReadToEnd() }
    }

    /// Whether anything arrives (or the connection ends) within the client's timeout.
    func receivesNothing() async throws -> Bool {
        try await onThread {
            do {
                _ = try self.receive()
                return false
            } catch ClientError.timedOut {
                return true
            }
        }
    }

    func blockingReadResponse(headOnly: Bool = false) throws -> RawResponse {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            headEnd = buffer.withLock { $0.firstRange(of: separator)?.upperBound }
            if headEnd != nil { break }
            if try receive() == 0 { throw ClientError.closedEarly(received: bufferedText) }
        }
        let head = buffer.withLock { String(decoding: $0[..<headEnd!], as: UTF8.self) }
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw ClientError.malformed(head)
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw ClientError.malformed(head) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length =
            headOnly || status / 100 == 1 || status == 204 || status == 304
            ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.withLock({ $0.count }) < headEnd! + length {
            if try receive() == 0 { throw ClientError.closedEarly(received: bufferedText) }
        }
        let body = buffer.withLock { buffer in
            let body = Array(buffer[headEnd!..<(headEnd! + length)])
            buffer.removeFirst(headEnd! + length)
            return body
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    func blockingReadToEnd() throws -> [UInt8] {
        while try receive() > 0 {}
        return buffer.withLock { buffer in
            defer { buffer.removeAll() }
            return buffer
        }
    }

    private var bufferedText: String { buffer.withLock { String(decoding: $0, as: UTF8.self) } }

    /// One recv into the buffer; 0 at end of input.
    private func receive() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count >= 0 {
                buffer.withLock { $0.append(contentsOf: chunk[..<count]) }
                return count
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw ClientError.timedOut
            case ECONNRESET: throw ClientError.reset
            default: throw ClientError.malformed("recv errno \(errno)")
            }
        }
    }
}
