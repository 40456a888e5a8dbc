import CLinux
import Glibc

/// Socket set-up: the listening socket and accepted connections.
enum Socket {
    /// Creates a non-blocking listening TCP socket bound to `host:port`.
    ///
    /// `host` is a numeric IPv4 or IPv6 address (no name lookup); anything else is refused with
    /// EINVAL from `getaddrinfo`.
    static func listen(host: String, port: Int, backlog: Int) throws(SystemError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard (0...65535).contains(port), getaddrinfo(host, String(port), &hints, &found) == 0,
            let address = found?.pointee
        else {
            throw SystemError(call: "getaddrinfo", errno: EINVAL)
        }
        defer { freeaddrinfo(found) }
        let fd = Glibc.socket(
            address.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(call: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(fd, address.ai_addr, address.ai_addrlen) == 0 else {
            let error = SystemError(call: "bind", errno: errno)
            Glibc.close(fd)
            throw error
        }
        guard Glibc.listen(fd, Int32(backlog)) == 0 else {
            let error = SystemError(call: "listen", errno: errno)
            Glibc.close(fd)
            throw error
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        return (fd, Int(portOf(actual)))
    }

    enum AcceptResult {
        case accepted(fd: Int32, address: String)
        case noneWaiting
        /// ECONNABORTED, EMFILE and the like: the caller tries again later.
        case failed(SystemError)
    }

    /// Accepts one pending connection, non-blocking and with TCP_NODELAY.
    static func accept(_ listenFD: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = System.retrying("accept4") {
            Int(
                withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        accept4(listenFD, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                    }
                })
        }
        switch result {
        case .success(let fd):
            var one: Int32 = 1
            setsockopt(Int32(fd), Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return .accepted(fd: Int32(fd), address: addressString(storage))
        case .failure(let error) where error.errno == EAGAIN || error.errno == EWOULDBLOCK:
            return .noneWaiting
        case .failure(let error):
            return .failed(error)
        }
    }

    static func addressString(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = Int32(storage.ss_family)
        withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout<sockaddr_storage>.size) { raw in
                if family == AF_INET {
                    raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                        var inAddr = address.pointee.sin_addr
                        _ = inet_ntop(AF_INET, &inAddr, &buffer, socklen_t(buffer.count))
                    }
                } else if family == AF_INET6 {
                    raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                        var in6Addr = address.pointee.sin6_addr
                        _ = inet_ntop(AF_INET6, &in6Addr, &buffer, socklen_t(buffer.count))
                    }
                }
            }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func portOf(_ storage: sockaddr_storage) -> UInt16 {
        var storage = storage
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout<sockaddr_storage>.size) { raw in
                if family == AF_INET6 {
                    return raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        UInt16(bigEndian: $0.pointee.sin6_port)
                    }
                }
                return raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin_port)
                }
            }
        }
    }
}
