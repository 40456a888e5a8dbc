import Testing

@testable import OknoHTTP

@Suite("Request targets")
struct RequestTargetTests {
    @Test func splitsAnOriginFormPathIntoSegments() throws {
        let request = try #require(parseOne("GET /api/v1/messages HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.pathSegments == ["api", "v1", "messages"])
        #expect(request.query.isEmpty)
    }

    @Test func readsTheRootAsNoSegments() throws {
        #expect(try #require(parseOne("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).pathSegments == [])
    }

    @Test func keepsEmptySegments() throws {
        #expect(try #require(parseOne("GET /a//b/ HTTP/1.1\r\nHost: x\r\n\r\n")).pathSegments == ["a", "", "b", ""])
    }

    @Test func percentDecodesEachSegmentAfterSplitting() throws {
        let request = try #require(parseOne("GET /a%20b/c%2Fd/%C3%A9+ HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.pathSegments == ["a b", "c/d", "é+"])
    }

    @Test func percentDecodesTheQueryWithPlusAsSpace() throws {
        let request = try #require(parseOne("GET /s?q=a+b%2Bc&x=%26%3D&flag&&=v HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.query == ["q=a b+c", "x=&=", "flag=", "=v"])
    }

    @Test func readsAnAbsoluteFormTarget() throws {
        let request = try #require(
            parseOne("GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(request.pathSegments == ["a", "b"])
        #expect(request.query == ["c=d"])
        #expect(request.target == "http://example.com:8080/a/b?c=d")
    }

    @Test func readsAnAbsoluteFormTargetWithoutAPath() throws {
        #expect(try #require(parseOne("GET HTTPS://example.com HTTP/1.1\r\nHost: x\r\n\r\n")).pathSegments == [])
        #expect(try #require(parseOne("GET http://example.com?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")).query == ["q=1"])
    }

    @Test func readsTheAsteriskFormForOptions() throws {
        let request = try #require(parseOne("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.pathSegments == ["*"])
    }

    @Test(arguments: ["/a%", "/a%2", "/a%g0", "/?q=%zz", "/%00", "/%FF", "/a#b", "a", "ftp://x/a", "http:///a", "*x"])
    func refusesMalformedTargets(target: String) {
        #expect(RequestTarget.parse(target, method: "GET") == nil)
        #expect(refusal("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n") == .invalidTarget)
    }
}
