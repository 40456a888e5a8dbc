import OknoDomain
import Testing

@testable import OknoHTTP

extension HTTPLimits {
    /// Small limits so boundary requests stay short enough to read.
    static let testing = HTTPLimits(
        maxTargetLength: 32, maxHeaderBytes: 128, maxHeaderCount: 6, maxBodyBytes: 64, maxChunkLineLength: 24)
}

/// A parser event in a form tests can compare.
enum Parsed: Equatable, CustomStringConvertible {
    /// The head of a request with a body: method and target.
    case head(String)
    case request(ParsedRequest)
    case failed(HTTPParseError)

    var description: String {
        switch self {
        case .head(let line): "head(\(line))"
        case .request(let request): "request(\(request))"
        case .failed(let error): "failed(\(error))"
        }
    }

    var request: ParsedRequest? {
        if case .request(let request) = self { return request }
        return nil
    }
}

struct ParsedRequest: Equatable {
    var method: String
    var target: String
    var version: HTTPVersion
    var pathSegments: [String]
    /// `name=value`, decoded.
    var query: [String]
    /// `name: value`, names lowercased.
    var headers: [String]
    var framing: BodyFraming
    var keepAlive: Bool
    var expectsContinue: Bool
    var body: [UInt8]

    init(_ head: RequestHead, body: [UInt8]) {
        method = head.method
        target = head.target
        version = head.version
        pathSegments = head.pathSegments
        query = head.query.map { "\($0.name)=\($0.value)" }
        headers = head.headers.map { "\($0.name): \($0.value)" }
        framing = head.framing
        keepAlive = head.keepAlive
        expectsContinue = head.expectsContinue
        self.body = body
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Feeds a parser the way a connection does: append what arrived, parse until more is needed.
///
/// Consumed input is dropped after every `needMore`, more eagerly than a connection does, so
/// positions the parser keeps across calls must be relative to the read index.
struct Feeder {
    private var parser: RequestParser
    private var input: [UInt8] = []
    private var readIndex = 0
    private(set) var events: [Parsed] = []

    init(limits: HTTPLimits) {
        parser = RequestParser(limits: limits)
    }

    mutating func feed(_ bytes: some Collection<UInt8>) {
        input.append(contentsOf: bytes)
        while true {
            // A parser that failed must not be fed again.
            if case .failed? = events.last { return }
            var index = readIndex
            let event = input.withUnsafeBufferPointer { parser.parse($0, index: &index) }
            readIndex = index
            switch event {
            case .needMore:
                input.removeFirst(readIndex)
                readIndex = 0
                return
            case .head(let head):
                events.append(.head("\(head.method) \(head.target)"))
            case .complete(let head, let body):
                events.append(.request(ParsedRequest(head, body: body)))
            case .failed(let error):
                events.append(.failed(error))
                return
            }
        }
    }
}

/// Parses `bytes` fed at once, byte by byte and in random splits; expects the same events from
/// every feeding and returns them.
func parse(
    _ bytes: [UInt8], limits: HTTPLimits = .testing, sourceLocation: SourceLocation = #_sourceLocation
) -> [Parsed] {
    var whole = Feeder(limits: limits)
    whole.feed(bytes)

    var bytewise = Feeder(limits: limits)
    for byte in bytes { bytewise.feed(CollectionOfOne(byte)) }
    #expect(bytewise.events == whole.events, "fed byte by byte", sourceLocation: sourceLocation)

    var random = SeededRandom(seed: UInt64(bytes.count))
    for round in 0..<8 {
        var split = Feeder(limits: limits)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...max(1, bytes.count / 3), using: &random))
            split.feed(bytes[start..<end])
            start = end
        }
        #expect(split.events == whole.events, "random split \(round)", sourceLocation: sourceLocation)
    }
    return whole.events
}

func parse(_ text: String, limits: HTTPLimits = .testing, sourceLocation: SourceLocation = #_sourceLocation) -> [Parsed]
{
    parse(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

/// Parses a text expected to hold exactly one request without a body.
func parseOne(_ text: String, limits: HTTPLimits = .testing, sourceLocation: SourceLocation = #_sourceLocation)
    -> ParsedRequest?
{
    let events = parse(text, limits: limits, sourceLocation: sourceLocation)
    #expect(events.count == 1, "events: \(events)", sourceLocation: sourceLocation)
    return events.last?.request
}

/// Parses a text expected to be refused; returns the error.
func refusal(_ text: String, limits: HTTPLimits = .testing, sourceLocation: SourceLocation = #_sourceLocation)
    -> HTTPParseError?
{
    refusal(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

func refusal(_ bytes: [UInt8], limits: HTTPLimits = .testing, sourceLocation: SourceLocation = #_sourceLocation)
    -> HTTPParseError?
{
    guard case .failed(let error)? = parse(bytes, limits: limits, sourceLocation: sourceLocation).last else {
        return nil
    }
    return error
}

/// Field lines (each with its CRLF) totalling exactly `bytes`: `Host: x` and one filler field.
func fieldLines(totalling bytes: Int) -> String {
    let fixed = "Host: x\r\n".utf8.count + "X-Fill: \r\n".utf8.count
    return "Host: x\r\nX-Fill: " + String(repeating: "a", count: bytes - fixed) + "\r\n"
}
