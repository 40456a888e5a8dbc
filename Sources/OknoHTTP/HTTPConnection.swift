/// The state of one client connection; owned and touched only by its event loop's thread.
final class HTTPConnection {
    /// What the loop remembers about the request being handled, for the response and the log.
    struct Exchange {
        var method: String
        var route: String
        var headOnly: Bool
        var keepAlive: Bool
        var http10: Bool
        var requestID: String
        var started: Double
        var bytesIn: Int
    }

    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    var parser: RequestParser
    var timer: ConnectionTimer
    /// Received bytes; those before `readIndex` are consumed.
    var input: [UInt8] = []
    var readIndex = 0
    /// Response bytes; those before `writeIndex` are sent.
    var output: [UInt8] = []
    var writeIndex = 0
    /// The request whose response is awaited, if any.
    var exchange: Exchange?
    /// Increments per request so a late or repeated response is never sent for the wrong one.
    var sequence: UInt64 = 0
    /// The peer sent FIN: answer what was received, then close.
    var inputClosed = false
    /// The byte stream can't be trusted (or the peer said close): close once output is sent.
    var closeAfterWrite = false
    var isOpen = true
    /// Set while the loop runs the parse loop, so completions don't recurse into it.
    var isProcessing = false
    var registeredEvents: UInt32 = 0
    var isRegistered = false
    /// The response is sent and the write side shut; input is drained until the peer closes.
    var isLingering = false
    var bytesReceivedForRequest = 0

    init(fd: Int32, id: UInt64, remoteAddress: String, limits: HTTPLimits, now: Double) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.parser = RequestParser(limits: limits)
        self.timer = ConnectionTimer(now: now)
    }

    var unreadCount: Int { input.count - readIndex }
    var hasPendingOutput: Bool { writeIndex < output.count }

    /// Drops consumed input; releases large buffers so idle connections stay small.
    func compactInput() {
        if readIndex == input.count {
            if input.capacity > 65_536 { input = [] } else { input.removeAll(keepingCapacity: true) }
            readIndex = 0
        } else if readIndex > 32_768 {
            input.removeFirst(readIndex)
            readIndex = 0
        }
    }

    func compactOutput() {
        if writeIndex == output.count {
            if output.capacity > 65_536 { output = [] } else { output.removeAll(keepingCapacity: true) }
            writeIndex = 0
        }
    }
}
