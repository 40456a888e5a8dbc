import Testing

@testable import OknoHTTP

@Suite("ResponseSerializer")
struct ResponseSerializerTests {
    func serialize(
        _ response: HTTPResponse, headOnly: Bool = false, keepAlive: Bool = true, http10: Bool = false
    ) -> String {
        var output: [UInt8] = []
        ResponseSerializer.serialize(
            response, into: &output, headOnly: headOnly, keepAlive: keepAlive, http10: http10, requestID: "r-1",
            date: "Thu, 01 Jan 1970 00:00:00 GMT")
        return String(decoding: output, as: UTF8.self)
    }

    @Test func addsLengthDateAndRequestId() {
        let text = serialize(HTTPResponse(status: 200, contentType: "text/plain", body: Array("hi".utf8)))
        #expect(
            text
                == "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\ndate: Thu, 01 Jan 1970 00:00:00 GMT\r\nx-request-id: r-1\r\n\r\nhi"
        )
    }

    @Test func replacesTheFieldsTheServerOwns() {
        let response = HTTPResponse(
            status: 200, headers: ["Content-Length": "99", "Connection": "keep-alive", "X-Request-Id": "spoof"],
            body: Array("hi".utf8))
        let text = serialize(response, keepAlive: false)
        #expect(!text.contains("99"))
        #expect(!text.contains("spoof"))
        #expect(text.contains("connection: close\r\n"))
        #expect(!text.contains("keep-alive"))
    }

    @Test func sendsTheLengthButNoBodyForHead() {
        let text = serialize(HTTPResponse(status: 200, body: Array("hello".utf8)), headOnly: true)
        #expect(text.contains("content-length: 5\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func sendsNeitherLengthNorBodyFor204() {
        let text = serialize(HTTPResponse(status: 204, body: Array("x".utf8)))
        #expect(!text.contains("content-length"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func announcesKeepAliveToAPersistentHTTP10Client() {
        #expect(serialize(HTTPResponse(status: 200), http10: true).contains("connection: keep-alive\r\n"))
    }

    @Test func formatsTheDateAsAnIMFFixdate() {
        #expect(HTTPDateCache.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateCache.format(1_709_251_199) == "Thu, 29 Feb 2024 23:59:59 GMT")
    }

    @Test func writesProblemDocumentsAsJSON() {
        let problem = HTTPResponse.problem(status: 413, detail: "Too \"big\"\n")
        #expect(problem.headers["content-type"] == "application/problem+json")
        #expect(
            String(decoding: problem.body, as: UTF8.self)
                == #"{"type":"about:blank","title":"Content Too Large","status":413,"detail":"Too \"big\"\n"}"#)
    }
}

@Suite struct ResponseHeaderSafetyTests {
    @Test(arguments: ["evil\r\nSet-Cookie: x=1", "bad\nvalue", "nul\u{0}value"])
    func handlerFieldsWithLineBreaksOrControlsAreDropped(value: String) {
        var output: [UInt8] = []
        ResponseSerializer.serialize(
            HTTPResponse(status: 200, headers: ["X-Custom": value, "X-Fine": "ok"]), into: &output, headOnly: false,
            keepAlive: true, http10: false, requestID: "r", date: "d")
        let text = String(decoding: output, as: UTF8.self)
        #expect(!text.contains("x-custom"))
        #expect(!text.contains("Set-Cookie"))
        #expect(text.contains("x-fine: ok\r\n"))
    }
}
