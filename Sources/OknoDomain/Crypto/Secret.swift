import Glibc

/// Random bearer secrets (API tokens, applicants' access tokens): shown once, stored hashed.
public enum Secret {
    /// 32 random bytes in base64url, after an optional prefix.
    public static func generate(prefix: String = "") -> String {
        prefix + Base64URL.encode(randomBytes(32))
    }

    /// `count` bytes from the kernel's random source: glibc's `arc4random_buf`, one getrandom(2)
    /// call for the whole buffer (`SystemRandomNumberGenerator` makes one per 8 bytes).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            if let start = buffer.baseAddress { arc4random_buf(start, buffer.count) }
        }
        return bytes
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
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
