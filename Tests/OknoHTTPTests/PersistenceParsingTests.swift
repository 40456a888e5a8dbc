import Testing

@testable import OknoHTTP

@Suite("Persistence, pipelining and expectations")
struct PersistenceParsingTests {
    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Close", false),
            ("HTTP/1.1", "keep-alive, close", false),
            ("HTTP/1.1", "keep-alive", true),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
            ("HTTP/1.0", "Keep-Alive", true),
            ("HTTP/1.0", "keep-alive, close", false),
        ] as [(String, String?, Bool)])
    func followsTheVersionsPersistenceRules(version: String, connection: String?, keepAlive: Bool) throws {
        let field = connection.map { "Connection: \($0)\r\n" } ?? ""
        let request = try #require(parseOne("GET / \(version)\r\nHost: x\r\n\(field)\r\n"))
        #expect(request.keepAlive == keepAlive)
    }

    @Test func parsesPipelinedRequestsInOrder() {
        let text =
            "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /three HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /four HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let events = parse(text)
        #expect(
            events.map { $0.request == nil ? "head" : "request" } == [
                "request", "head", "request", "head", "request", "request",
            ])
        let requests = events.compactMap(\.request)
        #expect(requests.map(\.target) == ["/one", "/two", "/three", "/four"])
        #expect(requests.map(\.bodyText) == ["", "abc", "de", ""])
        #expect(requests.map(\.keepAlive) == [true, true, true, false])
    }

    @Test func appliesTheHeaderLimitsToEachRequestAfresh() {
        // Each request alone is within the limits; together they are far over them.
        let fields = (1..<HTTPLimits.testing.maxHeaderCount).map { "X-\($0): \($0)\r\n" }.joined()
        let one = "GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n"
        let events = parse(String(repeating: one, count: 20))
        #expect(events.compactMap(\.request).count == 20, "\(events.last!)")
    }

    @Test func parsesARequestAfterAFailedOneNever() {
        let events = parse(
            "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/9.9\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(events.count == 2)
        #expect(events.last == .failed(.unsupportedVersion))
    }

    @Test func expectsContinueForAHTTP11RequestWithABody() {
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(events.first == .head("POST /"))
        #expect(events.last?.request?.expectsContinue == true)
        #expect(events.last?.request?.bodyText == "ok")
    }

    @Test func matchesTheExpectationIgnoringCase() {
        let events = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(events.last?.request?.expectsContinue == true)
    }

    @Test func doesNotExpectContinueWithoutABody() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n"))
        #expect(request.expectsContinue == false)
    }

    @Test func doesNotExpectContinueFromAnHTTP10Client() {
        let events = parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
        #expect(events.last?.request?.expectsContinue == false)
    }

    @Test func refusesOtherExpectationsWith417() {
        let error = refusal("POST / HTTP/1.1\r\nHost: x\r\nExpect: 101-switch\r\nContent-Length: 2\r\n\r\nok")
        #expect(error == .unsupportedExpectation)
        #expect(error?.status == 417)
    }
}
