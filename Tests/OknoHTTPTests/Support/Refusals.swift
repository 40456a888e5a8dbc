import Testing

@testable import OknoHTTP

/// A request the server must refuse, with the error and status it must refuse it with
/// (under `HTTPLimits.testing`).
struct Refusal: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var error: HTTPParseError
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ error: HTTPParseError) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.error = error
    }

    var status: Int { error.status }

    /// Every strict refusal of RFC 9112 framing, and every limit one byte over.
    static let all: [Refusal] = [
        // Content-Length
        Refusal(
            "Content-Length with Transfer-Encoding",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .contentLengthWithTransferEncoding),
        Refusal(
            "Transfer-Encoding before Content-Length",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello",
            .contentLengthWithTransferEncoding),
        Refusal(
            "duplicate Content-Length",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            .repeatedContentLength),
        Refusal(
            "Content-Length +5", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello", .invalidContentLength),
        Refusal(
            "Content-Length 5,5", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5,5\r\n\r\nhello",
            .invalidContentLength),
        Refusal("Content-Length -1", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        Refusal(
            "Content-Length 0x5", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x5\r\n\r\nhello",
            .invalidContentLength),
        Refusal(
            "Content-Length 5 5", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5 5\r\n\r\nhello",
            .invalidContentLength),
        Refusal(
            "empty Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \r\n\r\n", .invalidContentLength),
        Refusal(
            "Content-Length of 19 digits",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9999999999999999999\r\n\r\n", .invalidContentLength),
        // Transfer-Encoding
        Refusal(
            "Transfer-Encoding gzip", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            .unsupportedTransferCoding),
        Refusal(
            "Transfer-Encoding chunked, chunked",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            .unsupportedTransferCoding),
        Refusal(
            "Transfer-Encoding gzip, chunked",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            .unsupportedTransferCoding),
        Refusal(
            "Transfer-Encoding chunked, gzip",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
            .unsupportedTransferCoding),
        Refusal(
            "Transfer-Encoding split over two fields",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .unsupportedTransferCoding),
        Refusal(
            "Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .transferEncodingInHTTP10),
        // Field lines
        Refusal("obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n", .obsoleteLineFolding),
        Refusal("obs-fold with a tab", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\tfolded\r\n\r\n", .obsoleteLineFolding),
        Refusal("space between field name and colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", .whitespaceBeforeColon),
        Refusal("tab between field name and colon", "GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", .whitespaceBeforeColon),
        Refusal(
            "bare CR in a field value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", .bareCarriageReturnOrLineFeed),
        Refusal("bare CR ending the request line", "GET / HTTP/1.1\rHost: x\r\n\r\n", .bareCarriageReturnOrLineFeed),
        Refusal("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n", .bareCarriageReturnOrLineFeed),
        Refusal(
            "bare LF ending a field line", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\n\r\n", .bareCarriageReturnOrLineFeed),
        Refusal("NUL in a field value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n", .invalidFieldValue),
        Refusal("SOH in a field value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{1}b\r\n\r\n", .invalidFieldValue),
        Refusal("ESC in a field value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{1B}b\r\n\r\n", .invalidFieldValue),
        Refusal("DEL in a field value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{7F}b\r\n\r\n", .invalidFieldValue),
        Refusal("field name with a separator", "GET / HTTP/1.1\r\nHost: x\r\nX(A): 1\r\n\r\n", .malformedHeader),
        Refusal("field line without a colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", .malformedHeader),
        Refusal("field line with an empty name", "GET / HTTP/1.1\r\nHost: x\r\n: 1\r\n\r\n", .malformedHeader),
        // Host
        Refusal("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", .missingHost),
        Refusal("repeated Host", "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", .repeatedHost),
        Refusal("malformed Host", "GET / HTTP/1.1\r\nHost: x/y\r\n\r\n", .invalidHost),
        // Request line
        Refusal("unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", .unknownMethod),
        Refusal("lowercase method", "get / HTTP/1.1\r\nHost: x\r\n\r\n", .unknownMethod),
        Refusal("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", .unsupportedVersion),
        Refusal("HTTP/0.9", "GET / HTTP/0.9\r\nHost: x\r\n\r\n", .unsupportedVersion),
        Refusal("request line without a version", "GET /\r\nHost: x\r\n\r\n", .malformedRequestLine),
        Refusal("lowercase version", "GET / http/1.1\r\nHost: x\r\n\r\n", .malformedRequestLine),
        Refusal("two spaces before the target", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        Refusal("asterisk-form for GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        Refusal("broken percent escape", "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        Refusal("percent-encoded NUL", "GET /a%00 HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        Refusal("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        Refusal("relative target", "GET a/b HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget),
        // Limits, one byte over
        Refusal(
            "target one byte over the limit", "GET /\(String(repeating: "a", count: 32)) HTTP/1.1\r\nHost: x\r\n\r\n",
            .targetTooLong),
        Refusal(
            "header section one byte over the limit", "GET / HTTP/1.1\r\n\(fieldLines(totalling: 129))\r\n",
            .headerSectionTooLarge),
        Refusal(
            "one header field over the limit",
            "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nF: 6\r\n\r\n",
            .tooManyHeaders),
        Refusal(
            "declared body one byte over the limit", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n",
            .bodyTooLarge),
        Refusal(
            "chunk one byte over the limit", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n",
            .bodyTooLarge),
        Refusal(
            "chunked body one byte over the limit",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(String(repeating: "a", count: 32))\r\n21\r\n",
            .bodyTooLarge),
        // Chunks
        Refusal(
            "non-hex chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            .malformedChunk),
        Refusal(
            "empty chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .malformedChunk),
        Refusal(
            "negative chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
            .malformedChunk),
        Refusal(
            "0x chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\n", .malformedChunk),
        Refusal(
            "chunk size overflowing Int",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1ffffffffffffffff\r\n",
            .malformedChunk),
        Refusal(
            "chunk size then a space", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\n",
            .malformedChunk),
        Refusal(
            "empty chunk extension", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\r\n",
            .malformedChunk),
        Refusal(
            "chunk extension without a value",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\r\n",
            .malformedChunk),
        Refusal(
            "unterminated quoted chunk extension",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"x\r\n", .malformedChunk),
        Refusal(
            "chunk line ended by a bare LF", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\n",
            .malformedChunk),
        Refusal(
            "chunk data without its CRLF",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXY0\r\n\r\n", .malformedChunk),
        Refusal(
            "chunk line one byte over the limit",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;\(String(repeating: "e", count: 23))\r\n",
            .malformedChunk),
        Refusal(
            "obs-fold in a trailer",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n folded\r\n\r\n",
            .obsoleteLineFolding),
        // Expectations
        Refusal(
            "Expect other than 100-continue", "GET / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n",
            .unsupportedExpectation),
    ]
}
