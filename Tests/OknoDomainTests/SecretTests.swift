import Testing

@testable import OknoDomain

@Suite struct SecretTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64URLMatchesRFC4648Vectors(input: String, expected: String) {
        #expect(Base64URL.encode(Array(input.utf8)) == expected)
    }

    @Test func base64URLUsesTheURLSafeAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
    }

    @Test func secretsAre43CharactersAfterThePrefixAndDiffer() {
        let first = Secret.generate(prefix: "okno_")
        let second = Secret.generate(prefix: "okno_")
        #expect(first.hasPrefix("okno_") && first.count == 48)
        #expect(first != second)
        #expect(Secret.hash(first) == SHA256.hexDigest(first))
    }

    @Test func randomBytesFillTheWholeBuffer() {
        let bytes = Secret.randomBytes(4096)
        #expect(bytes.count == 4096)
        // Every byte value is drawn; a zero-filled tail or a stuck value would leave most unseen.
        #expect(Set(bytes).count > 200)
        #expect(Set(bytes[3840...]).count > 100)
        #expect(Secret.randomBytes(32) != Secret.randomBytes(32))
        #expect(Secret.randomBytes(0).isEmpty)
    }

    @Test func thePoolNeverHandsOutTheSameBytesTwice() {
        // 4,000 bytes and then 200 need a refill in between; larger requests bypass the pool.
        let draws = [
            Secret.randomBytes(4000), Secret.randomBytes(200), Secret.randomBytes(4096), Secret.randomBytes(5000),
        ]
        #expect(draws.map(\.count) == [4000, 200, 4096, 5000])
        let windows = draws.flatMap { draw in
            stride(from: 0, to: draw.count - 15, by: 16).map { Array(draw[$0..<($0 + 16)]) }
        }
        #expect(Set(windows).count == windows.count)
        #expect(draws.allSatisfy { Set($0).count > 100 })
    }
}
