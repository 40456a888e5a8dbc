import CLinux
import Glibc

/// A failed system call: its name and `errno`.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public var call: String
    public var errno: Int32

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Facts about the machine and thin wrappers over the system calls the server uses.
public enum System {
    /// Online processor count, at least 1.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Seconds on the monotonic clock, for timeouts and latencies.
    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Runs a call until it does not fail with EINTR; returns the result or the error.
    @inline(__always)
    static func retrying(_ call: String, _ body: () -> Int) -> Result<Int, SystemError> {
        while true {
            let result = body()
            if result >= 0 { return .success(result) }
            if errno != EINTR { return .failure(SystemError(call: call, errno: errno)) }
        }
    }

    /// Writes all bytes to a file descriptor, blocking; used for logs on standard error.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let result = retrying("write") { Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                guard case .success(let written) = result, written > 0 else { return }
                offset += written
            }
        }
    }
}
