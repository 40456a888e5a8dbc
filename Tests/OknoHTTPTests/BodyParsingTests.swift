import Testing

@testable import OknoHTTP

@Suite("Request bodies")
struct BodyParsingTests {
    // MARK: Content-Length

    @Test func readsAContentLengthBodyAfterItsHead() {
        let events = parse("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        #expect(events.count == 2)
        #expect(events.first == .head("POST /in"))
        #expect(events.last?.request?.bodyText == "hello")
        #expect(events.last?.request?.framing == .length(5))
    }

    @Test func trimsWhitespaceAroundContentLength() {
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length:  5 \r\n\r\nhello")
        #expect(events.last?.request?.bodyText == "hello")
    }

    @Test func acceptsLeadingZerosInContentLength() {
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 005\r\n\r\nhello")
        #expect(events.last?.request?.bodyText == "hello")
    }

    @Test func completesAZeroContentLengthRequestAtOnce() throws {
        let request = try #require(parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        #expect(request.framing == .none)
        #expect(request.body.isEmpty)
    }

    @Test func acceptsADeclaredBodyExactlyAtTheLimit() {
        let body = String(repeating: "b", count: HTTPLimits.testing.maxBodyBytes)
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 64\r\n\r\n\(body)")
        #expect(events.last?.request?.bodyText == body)
    }

    @Test func refusesADeclaredBodyOneByteOverTheLimitBeforeItArrives() {
        // No body bytes at all: the refusal comes from the head alone.
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n")
        #expect(events == [.failed(.bodyTooLarge)])
        #expect(HTTPParseError.bodyTooLarge.status == 413)
    }

    @Test func leavesTheBytesAfterADeclaredBodyForTheNextRequest() {
        let events = parse(
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(events.compactMap(\.request).map(\.target) == ["/a", "/b"])
        #expect(events.compactMap(\.request).first?.bodyText == "abc")
    }

    // MARK: Chunked

    @Test func joinsChunksAndAcceptsExtensionsAndTrailers() throws {
        let text =
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "1 ;q=\"a\\\";b\" ; f\r\n,\r\n"
            + "6\r\n world\r\n"
            + "0;last\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n"
        let events = parse(text)
        #expect(events.count == 2)
        let request = try #require(events.last?.request)
        #expect(request.bodyText == "hello, world")
        #expect(request.framing == .chunked)
        // Trailer fields are checked, not merged into the header fields.
        #expect(request.headers == ["host: x", "transfer-encoding: chunked"])
    }

    @Test func acceptsUppercaseHexAndChunkedInAnyCase() {
        let events = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
        #expect(events.last?.request?.bodyText == "0123456789")
    }

    @Test func acceptsAnEmptyChunkedBody() {
        let events = parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(events.count == 2)
        #expect(events.last?.request?.body == [])
    }

    @Test func acceptsAChunkedBodyExactlyAtTheLimit() {
        let half = String(repeating: "c", count: 32)
        let events = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(half)\r\n20\r\n\(half)\r\n0\r\n\r\n"
        )
        #expect(events.last?.request?.body.count == HTTPLimits.testing.maxBodyBytes)
    }

    @Test func refusesAChunkedBodyOneByteOverTheLimitWith413() {
        let half = String(repeating: "c", count: 32)
        let error = refusal(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(half)\r\n21\r\n")
        #expect(error == .bodyTooLarge)
    }

    @Test func acceptsAChunkLineExactlyAtTheLimit() {
        let line = "5;" + String(repeating: "e", count: HTTPLimits.testing.maxChunkLineLength - 2)
        let events = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(line)\r\nhello\r\n0\r\n\r\n")
        #expect(events.last?.request?.bodyText == "hello")
    }

    @Test func refusesAChunkLineOneByteOverTheLimit() {
        let line = "5;" + String(repeating: "e", count: HTTPLimits.testing.maxChunkLineLength - 1)
        let error = refusal(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(line)\r\nhello\r\n0\r\n\r\n")
        #expect(error == .malformedChunk)
    }

    @Test func refusesAnEndlessChunkLineBeforeItEnds() {
        let events = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "0", count: 100))
        #expect(events == [.head("POST /"), .failed(.malformedChunk)])
    }

    @Test func countsTrailerFieldsTowardTheFieldLimit() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let atLimit = parse(head + "T-1: 1\r\nT-2: 2\r\nT-3: 3\r\nT-4: 4\r\n\r\n")
        #expect(atLimit.last?.request != nil)
        let over = refusal(head + "T-1: 1\r\nT-2: 2\r\nT-3: 3\r\nT-4: 4\r\nT-5: 5\r\n\r\n")
        #expect(over == .tooManyHeaders)
    }

    @Test func countsTrailerBytesTowardTheHeaderSectionLimit() {
        // Head fields: 9 + 28 bytes; a trailer line of 91 bytes reaches 128 exactly.
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let filler = { (count: Int) in "X-T: " + String(repeating: "t", count: count) + "\r\n" }
        #expect(parse(head + filler(84) + "\r\n").last?.request != nil)
        #expect(refusal(head + filler(85) + "\r\n") == .headerSectionTooLarge)
    }
}
