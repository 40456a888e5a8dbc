/// An incremental RFC 9112 request parser: feed it whatever bytes have arrived, in order.
///
/// The parser never reads past the end of the current request, so pipelined requests stay in
/// the buffer for the next call. After a failure it must not be fed again: the connection's
/// byte stream can no longer be trusted.
struct RequestParser {
    enum Event {
        /// More bytes are needed.
        case needMore
        /// The head of a request with a body arrived; the body follows.
        case head(RequestHead)
        /// A whole request arrived.
        case complete(RequestHead, body: [UInt8])
        case failed(HTTPParseError)
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed
    }

    /// Known methods; any other token is answered 501.
    static let implementedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    let limits: HTTPLimits
    private var state = State.head
    /// Bytes of the current head or trailer section already scanned, relative to the read index.
    private var scanned = 0
    private var lineStart = 0
    private var lines: [Range<Int>] = []
    private var sectionBytes = 0
    private var fieldCount = 0
    private var head: RequestHead?
    private var body: [UInt8] = []

    init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// Whether the parser is between requests with nothing of the next one seen.
    var isIdle: Bool {
        if case .head = state { return scanned == 0 }
        return false
    }

    /// Whether the parser is receiving a body.
    var isReadingBody: Bool {
        switch state {
        case .head, .failed: false
        default: true
        }
    }

    /// Parses from `index`, advancing it past every byte consumed.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) -> Event {
        while true {
            let event: Event?
            switch state {
            case .failed:
                return .failed(.malformedRequestLine)
            case .head:
                event = parseHead(bytes, index: &index)
            case .fixedBody(let remaining):
                let take = min(remaining, bytes.count - index)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + take]))
                index += take
                if take == remaining {
                    event = finish()
                } else {
                    state = .fixedBody(remaining: remaining - take)
                    return .needMore
                }
            case .chunkLine:
                event = parseChunkLine(bytes, index: &index)
            case .chunkData(let remaining):
                let take = min(remaining, bytes.count - index)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + take]))
                index += take
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return .needMore
                }
                state = .chunkDataEnd
                event = nil
            case .chunkDataEnd:
                guard bytes.count - index >= 2 else { return .needMore }
                guard bytes[index] == .cr, bytes[index + 1] == .lf else { return fail(.malformedChunk) }
                index += 2
                state = .chunkLine
                event = nil
            case .trailers:
                event = parseTrailers(bytes, index: &index)
            }
            if let event { return event }
        }
    }

    // MARK: - Head

    private mutating func parseHead(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) -> Event? {
        switch scanLines(bytes, index: index) {
        case .failed(let error):
            return fail(error)
        case .incomplete:
            if lines.isEmpty {
                if scanned - lineStart > limits.maxTargetLength + 32 { return fail(.targetTooLong) }
            } else if sectionBytes + pendingLineBytes(bytes, index: index) > limits.maxHeaderBytes {
                return fail(.headerSectionTooLarge)
            }
            return .needMore
        case .emptyLine(let end):
            if lines.isEmpty {
                // RFC 9112 §2.2: ignore empty lines received before the request line.
                index += end
                resetScan()
                return nil
            }
            let result = buildHead(bytes, base: index)
            index += end
            resetScan()
            switch result {
            case .failure(let error):
                return fail(error)
            case .success(let parsed):
                switch parsed.framing {
                case .none:
                    // No body and no trailers: the next request's head starts its limits afresh.
                    sectionBytes = 0
                    fieldCount = 0
                    return .complete(parsed, body: [])
                case .length(let length):
                    head = parsed
                    body = []
                    body.reserveCapacity(length)
                    state = .fixedBody(remaining: length)
                    return .head(parsed)
                case .chunked:
                    head = parsed
                    body = []
                    state = .chunkLine
                    return .head(parsed)
                }
            }
        }
    }

    private enum ScanResult {
        case incomplete
        case emptyLine(end: Int)
        case failed(HTTPParseError)
    }

    /// Scans for complete lines, recording them, until an empty line ends the section.
    private mutating func scanLines(_ bytes: UnsafeBufferPointer<UInt8>, index: Int) -> ScanResult {
        let available = bytes.count - index
        var position = scanned
        while position < available {
            let byte = bytes[index + position]
            if byte == .lf {
                guard position > lineStart, bytes[index + position - 1] == .cr else {
                    return .failed(.bareCarriageReturnOrLineFeed)
                }
                let line = lineStart..<(position - 1)
                position += 1
                if line.isEmpty {
                    scanned = position
                    return .emptyLine(end: position)
                }
                if !lines.isEmpty || isInTrailers {
                    sectionBytes += position - lineStart
                    fieldCount += 1
                    if sectionBytes > limits.maxHeaderBytes { return .failed(.headerSectionTooLarge) }
                    if fieldCount > limits.maxHeaderCount { return .failed(.tooManyHeaders) }
                }
                lines.append(line)
                lineStart = position
                continue
            }
            // Checked from the byte after the CR, which may arrive in a later read.
            if position > lineStart, bytes[index + position - 1] == .cr {
                return .failed(.bareCarriageReturnOrLineFeed)
            }
            position += 1
        }
        scanned = position
        return .incomplete
    }

    /// Bytes of the unfinished line that count toward the section limit; a trailing CR may be the
    /// start of the empty line that ends the section, which does not count.
    private func pendingLineBytes(_ bytes: UnsafeBufferPointer<UInt8>, index: Int) -> Int {
        let pending = scanned - lineStart
        return pending > 0 && bytes[index + scanned - 1] == .cr ? pending - 1 : pending
    }

    private var isInTrailers: Bool {
        if case .trailers = state { return true }
        return false
    }

    /// Forgets the lines of a finished section; the field counters run on into the trailers.
    private mutating func resetScan() {
        scanned = 0
        lineStart = 0
        lines.removeAll(keepingCapacity: true)
    }

    private func buildHead(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> Result<RequestHead, HTTPParseError> {
        let requestLine = UnsafeBufferPointer(
            rebasing: bytes[(base + lines[0].lowerBound)..<(base + lines[0].upperBound)])
        let method: String
        let target: String
        let version: HTTPVersion
        switch RequestLine.parse(requestLine, maxTargetLength: limits.maxTargetLength) {
        case .failure(let error): return .failure(error)
        case .success(let line): (method, target, version) = (line.method, line.target, line.version)
        }
        guard Self.implementedMethods.contains(method) else { return .failure(.unknownMethod) }
        guard let parsedTarget = RequestTarget.parse(target, method: method) else { return .failure(.invalidTarget) }

        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let fieldLine = UnsafeBufferPointer(rebasing: bytes[(base + line.lowerBound)..<(base + line.upperBound)])
            switch FieldLine.parse(fieldLine) {
            case .failure(let error): return .failure(error)
            case .success(let field): headers.add(field.name, field.value)
            }
        }
        return FramingRules.apply(
            method: method, target: target, version: version, parsedTarget: parsedTarget, headers: headers,
            maxBodyBytes: limits.maxBodyBytes)
    }

    // MARK: - Chunked body

    private mutating func parseChunkLine(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) -> Event? {
        let available = bytes.count - index
        var end = 0
        while end < available, bytes[index + end] != .lf {
            end += 1
            // The CR ending the line is not part of it.
            if end > limits.maxChunkLineLength + 1 { return fail(.malformedChunk) }
        }
        guard end < available else { return .needMore }
        guard end > 0, bytes[index + end - 1] == .cr else { return fail(.malformedChunk) }
        let line = UnsafeBufferPointer(rebasing: bytes[index..<(index + end - 1)])
        guard let size = ChunkLine.size(line) else { return fail(.malformedChunk) }
        index += end + 1
        if size == 0 {
            state = .trailers
            return nil
        }
        guard size <= limits.maxBodyBytes - body.count else { return fail(.bodyTooLarge) }
        state = .chunkData(remaining: size)
        return nil
    }

    private mutating func parseTrailers(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) -> Event? {
        switch scanLines(bytes, index: index) {
        case .failed(let error):
            return fail(error)
        case .incomplete:
            if sectionBytes + pendingLineBytes(bytes, index: index) > limits.maxHeaderBytes {
                return fail(.headerSectionTooLarge)
            }
            return .needMore
        case .emptyLine(let end):
            for line in lines {
                let fieldLine = UnsafeBufferPointer(
                    rebasing: bytes[(index + line.lowerBound)..<(index + line.upperBound)])
                if case .failure(let error) = FieldLine.parse(fieldLine) { return fail(error) }
            }
            index += end
            return finish()
        }
    }

    private mutating func finish() -> Event {
        let event = Event.complete(head!, body: body)
        head = nil
        body = []
        state = .head
        resetScan()
        sectionBytes = 0
        fieldCount = 0
        return event
    }

    private mutating func fail(_ error: HTTPParseError) -> Event {
        state = .failed
        return .failed(error)
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// RFC 9110 tchar.
    var isTokenCharacter: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
