import Testing

@testable import OknoHTTP

@Suite("Request line")
struct RequestLineParsingTests {
    @Test func parsesMethodTargetAndVersion() throws {
        let request = try #require(parseOne("GET /a/b?c=d HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.target == "/a/b?c=d")
        #expect(request.version == .http1_1)
        #expect(request.framing == .none)
        #expect(request.body.isEmpty)
    }

    @Test(arguments: RequestParser.implementedMethods.sorted())
    func acceptsEveryImplementedMethod(method: String) throws {
        let target = method == "OPTIONS" ? "*" : "/"
        let request = try #require(parseOne("\(method) \(target) HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.method == method)
    }

    @Test func acceptsHTTP10WithoutHost() throws {
        let request = try #require(parseOne("GET / HTTP/1.0\r\n\r\n"))
        #expect(request.version == .http1_0)
    }

    @Test func readsALaterHTTP1MinorVersionAsHTTP11() throws {
        let request = try #require(parseOne("GET / HTTP/1.7\r\nHost: x\r\n\r\n"))
        #expect(request.version == .http1_1)
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() throws {
        let request = try #require(parseOne("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.method == "GET")
    }

    @Test func acceptsATargetExactlyAtTheLimit() throws {
        let target = "/" + String(repeating: "a", count: HTTPLimits.testing.maxTargetLength - 1)
        let request = try #require(parseOne("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.target == target)
    }

    @Test func refusesATargetOneByteOverTheLimitWith414() {
        let target = "/" + String(repeating: "a", count: HTTPLimits.testing.maxTargetLength)
        let error = refusal("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(error == .targetTooLong)
        #expect(error?.status == 414)
    }

    @Test func refusesAnEndlessRequestLineBeforeItEnds() {
        // No CRLF ever arrives: the parser must not buffer the line forever.
        let events = parse("GET /" + String(repeating: "a", count: 200))
        #expect(events == [.failed(.targetTooLong)])
    }

    @Test func answersUnknownMethodsWith501() {
        #expect(refusal("BREW / HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 501)
        #expect(refusal("CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 501)
    }

    @Test func answersHTTP2With505() {
        #expect(refusal("GET / HTTP/2.0\r\nHost: x\r\n\r\n")?.status == 505)
    }

    @Test func keepsRefusingOnceFailed() {
        var parser = RequestParser(limits: .testing)
        let bytes = Array("GET / HTTP/2.0\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        var index = 0
        let first = bytes.withUnsafeBufferPointer { parser.parse($0, index: &index) }
        let second = bytes.withUnsafeBufferPointer { parser.parse($0, index: &index) }
        guard case .failed = first, case .failed = second else {
            Issue.record("expected two failures, got \(first) and \(second)")
            return
        }
    }
}
