import Testing

@testable import OknoHTTP

@Suite("Header fields")
struct HeaderFieldParsingTests {
    @Test func lowercasesNamesTrimsValuesAndKeepsOrder() throws {
        let request = try #require(
            parseOne("GET / HTTP/1.1\r\nHost: x\r\nX-One:  a b \t\r\nx-two:b\r\nX-One: c\r\n\r\n"))
        #expect(request.headers == ["host: x", "x-one: a b", "x-two: b", "x-one: c"])
    }

    @Test func acceptsAnEmptyValue() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost: x\r\nX-Empty:\r\n\r\n"))
        #expect(request.headers == ["host: x", "x-empty: "])
    }

    @Test func acceptsObsTextAndTabsInValues() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\tb ".utf8) + [0xC3, 0xA9] + Array("\r\n\r\n".utf8)
        let events = parse(bytes)
        #expect(events.count == 1)
        #expect(events.first?.request?.headers.last == "x-a: a\tb é")
    }

    @Test func acceptsAHeaderSectionExactlyAtTheLimit() throws {
        let fields = fieldLines(totalling: HTTPLimits.testing.maxHeaderBytes)
        #expect(fields.utf8.count == 128)
        let request = try #require(parseOne("GET / HTTP/1.1\r\n\(fields)\r\n"))
        #expect(request.headers.count == 2)
    }

    @Test func refusesAHeaderSectionOneByteOverTheLimitWith431() {
        let fields = fieldLines(totalling: HTTPLimits.testing.maxHeaderBytes + 1)
        let error = refusal("GET / HTTP/1.1\r\n\(fields)\r\n")
        #expect(error == .headerSectionTooLarge)
        #expect(error?.status == 431)
    }

    @Test func refusesAnEndlessFieldLineBeforeItEnds() {
        let events = parse("GET / HTTP/1.1\r\nHost: x\r\nX-A: " + String(repeating: "a", count: 200))
        #expect(events == [.failed(.headerSectionTooLarge)])
    }

    @Test func acceptsExactlyTheMaximumFieldCount() throws {
        let fields = (1..<HTTPLimits.testing.maxHeaderCount).map { "X-\($0): \($0)\r\n" }.joined()
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n"))
        #expect(request.headers.count == HTTPLimits.testing.maxHeaderCount)
    }

    @Test func refusesOneFieldOverTheMaximumCountWith431() {
        let fields = (1...HTTPLimits.testing.maxHeaderCount).map { "X-\($0): \($0)\r\n" }.joined()
        let error = refusal("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")
        #expect(error == .tooManyHeaders)
        #expect(error?.status == 431)
    }

    @Test func acceptsAHostWithAPortAndAnIPv6Literal() throws {
        #expect(parseOne("GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n") != nil)
        #expect(parseOne("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n") != nil)
    }

    @Test(arguments: [
        ("a\u{0}b", "NUL"), ("a\u{1}b", "SOH"), ("a\u{8}b", "BS"), ("a\u{B}b", "VT"), ("a\u{C}b", "FF"),
        ("a\u{1F}b", "US"), ("a\u{7F}b", "DEL"),
    ])
    func refusesControlCharactersInValues(value: String, name: String) {
        #expect(refusal("GET / HTTP/1.1\r\nHost: x\r\nX-A: \(value)\r\n\r\n") == .invalidFieldValue, "\(name)")
    }
}
