import Glibc
import Synchronization

/// Random bearer secrets (API tokens, applicants' access tokens): shown once, stored hashed.
public enum Secret {
    /// 32 random bytes in base64url, after an optional prefix.
    public static func generate(prefix: String = "") -> String {
        prefix + Base64URL.encode(randomBytes(32))
    }

    /// `count` bytes from the kernel's random source (glibc's `arc4random_buf`, getrandom(2)).
    /// Up to `RandomPool.capacity` bytes come from a pool refilled 4 KiB at a time, so that a
    /// secret per request does not cost a system call per request.
    static func randomBytes(_ count: Int) -> [UInt8] {
        if count <= RandomPool.capacity { return pool.withLock { $0.take(count) } }
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            if let start = buffer.baseAddress { arc4random_buf(start, buffer.count) }
        }
        return bytes
    }

    private static let pool = Mutex(RandomPool())

    /// Kernel randomness not handed out yet; every byte is handed out once, then cleared.
    struct RandomPool: ~Copyable {
        static let capacity = 4096
        private var bytes = [UInt8](repeating: 0, count: Self.capacity)
        private var next = Self.capacity

        /// The next `count` (at most `capacity`) unused bytes, refilling the pool first if too few are left.
        mutating func take(_ count: Int) -> [UInt8] {
            if Self.capacity - next < count {
                bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                next = 0
            }
            defer { next += count }
            return bytes.withUnsafeMutableBufferPointer { buffer in
                let range = next..<(next + count)
                let taken = Array(buffer[range])
                buffer[range].update(repeating: 0)
                return taken
            }
        }
    }

    /// The SHA-256 hex digest under which a secret is stored. High-entropy secrets need no slow hash.
    public static func hash(_ secret: String) -> String {
        SHA256.hexDigest(secret)
    }
}

/// Base64url without padding (RFC 4648 §5), for secrets that travel in headers and URLs.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let value = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            out.append(alphabet[value >> 18])
            out.append(alphabet[(value >> 12) & 63])
            out.append(alphabet[(value >> 6) & 63])
            out.append(alphabet[value & 63])
            index += 3
        }
        // One or two bytes left: two or three characters, no padding.
        if index < bytes.count {
            var value = Int(bytes[index]) << 16
            if index + 1 < bytes.count { value |= Int(bytes[index + 1]) << 8 }
            out.append(alphabet[value >> 18])
            out.append(alphabet[(value >> 12) & 63])
            if index + 1 < bytes.count { out.append(alphabet[(value >> 6) & 63]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
