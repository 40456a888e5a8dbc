import Glibc

/// The request/response exchange on one connection: parse, dispatch, answer, send.
extension EventLoop {
    /// Identifies one request on one connection, for responses that arrive from other threads.
    struct ExchangeToken: Sendable {
        var fd: Int32
        var connectionID: UInt64
        var sequence: UInt64
    }

    /// Parses and dispatches buffered requests, one at a time, until one is in a handler's hands.
    func process(_ connection: HTTPConnection, now: Double) {
        guard !connection.isProcessing else { return }
        connection.isProcessing = true
        defer { connection.isProcessing = false }
        // Responses not yet read by the client bound how far pipelined requests are taken.
        while connection.isOpen && connection.exchange == nil && !connection.closeAfterWrite
            && connection.output.count - connection.writeIndex < 65_536
        {
            var index = connection.readIndex
            let event = connection.input.withUnsafeBufferPointer { connection.parser.parse($0, index: &index) }
            connection.readIndex = index
            switch event {
            case .needMore:
                connection.compactInput()
                if connection.inputClosed {
                    if !connection.hasPendingOutput { close(connection) }
                    return
                }
                if connection.parser.isReadingBody {
                    connection.timer.enter(.body, at: now)
                } else if !connection.parser.isIdle || connection.unreadCount > 0 {
                    connection.timer.enter(.head, at: now)
                }
                updateInterest(connection)
                return
            case .head(let head):
                connection.timer.enter(.body, at: now)
                if head.expectsContinue && connection.unreadCount == 0 {
                    connection.output.append(contentsOf: ResponseSerializer.continueLine)
                    flush(connection, now: now)
                }
            case .complete(let head, let body):
                connection.timer.enter(.handling, at: now)
                dispatch(head, body: body, on: connection, now: now)
            case .failed(let error):
                fail(connection, status: error.status, detail: error.description, now: now)
                return
            }
        }
        updateInterest(connection)
    }

    /// Answers a refusal and closes once it is sent: the byte stream can no longer be trusted.
    func fail(_ connection: HTTPConnection, status: Int, detail: String, now: Double) {
        connection.closeAfterWrite = true
        connection.sequence += 1
        connection.exchange = HTTPConnection.Exchange(
            method: "-", route: "refused", headOnly: false, keepAlive: false, http10: false,
            requestID: requestID(from: HTTPHeaders()), started: now, bytesIn: connection.bytesReceivedForRequest)
        complete(connection, with: .problem(status: status, detail: detail), now: now)
    }

    private func dispatch(_ head: RequestHead, body: [UInt8], on connection: HTTPConnection, now: Double) {
        connection.sequence += 1
        let id = requestID(from: head.headers)
        connection.exchange = HTTPConnection.Exchange(
            method: head.method, route: "unmatched", headOnly: head.method == "HEAD",
            keepAlive: head.keepAlive, http10: head.version == .http1_0, requestID: id, started: now,
            bytesIn: connection.bytesReceivedForRequest)
        connection.bytesReceivedForRequest = connection.unreadCount
        var request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, pathSegments: head.pathSegments,
            query: head.query, headers: head.headers, body: body, remoteAddress: connection.remoteAddress,
            requestID: id)
        if head.target == "*" {
            let allow = RequestParser.implementedMethods.sorted().joined(separator: ", ")
            complete(connection, with: HTTPResponse(status: 204, headers: ["Allow": allow]), now: now)
            return
        }
        switch core.router.match(method: head.method, pathSegments: head.pathSegments) {
        case .notFound:
            complete(connection, with: .problem(status: 404, detail: "No resource lives at this path."), now: now)
        case .methodNotAllowed(let allowed):
            let allow = allowed.joined(separator: ", ")
            complete(
                connection,
                with: .problem(status: 405, detail: "Allowed methods: \(allow).", headers: ["Allow": allow]), now: now)
        case .found(let route, let parameters):
            connection.exchange?.route = route.template
            request.parameters = parameters
            let token = ExchangeToken(fd: connection.fd, connectionID: connection.id, sequence: connection.sequence)
            let request = request
            switch route.handler {
            case .inline(let handler):
                complete(connection, with: handler(request), now: now)
            case .blocking(let handler):
                core.workers.submit { [self] in
                    let response = handler(request)
                    execute { self.deliver(response, to: token) }
                }
            case .deferred(let handler):
                handler(request, Responder { [self] response in execute { self.deliver(response, to: token) } })
            }
        }
    }

    /// Delivers a response computed on another thread, if its request is still awaited.
    private func deliver(_ response: HTTPResponse, to token: ExchangeToken) {
        guard let connection = connections[token.fd], connection.id == token.connectionID,
            connection.sequence == token.sequence, connection.exchange != nil
        else { return }
        let now = System.monotonicSeconds()
        complete(connection, with: response, now: now)
        process(connection, now: now)
    }

    /// Queues the response for the awaited request, logs it and starts sending.
    private func complete(_ connection: HTTPConnection, with response: HTTPResponse, now: Double) {
        guard let exchange = connection.exchange else { return }
        connection.exchange = nil
        let keepAlive = exchange.keepAlive && !connection.closeAfterWrite && !isShuttingDown
        if !keepAlive { connection.closeAfterWrite = true }
        let before = connection.output.count
        ResponseSerializer.serialize(
            response, into: &connection.output, headOnly: exchange.headOnly, keepAlive: keepAlive,
            http10: exchange.http10, requestID: exchange.requestID, date: dateCache.current())
        let seconds = System.monotonicSeconds() - exchange.started
        core.metrics.record(
            shard: index, method: exchange.method, route: exchange.route, status: response.status, seconds: seconds)
        if core.configuration.accessLog {
            accessLog.append(
                AccessLog.Entry(
                    requestID: exchange.requestID, method: exchange.method, route: exchange.route,
                    status: response.status, seconds: seconds, bytesIn: exchange.bytesIn,
                    bytesOut: connection.output.count - before, remoteAddress: connection.remoteAddress))
        }
        connection.timer.enter(.writing, at: now, restart: true)
        flush(connection, now: now)
    }

    /// Half-closes and discards what the client still sends, so closing with unread input does not
    /// reset the connection before the client has read the final response.
    private func linger(_ connection: HTTPConnection, now: Double) {
        Glibc.shutdown(connection.fd, Int32(SHUT_WR))
        connection.isLingering = true
        connection.input = []
        connection.readIndex = 0
        connection.timer.enter(.lingering, at: now)
        updateInterest(connection)
    }

    /// Sends what the socket takes; closes or returns to idle once everything is sent.
    func flush(_ connection: HTTPConnection, now: Double) {
        while connection.hasPendingOutput {
            let result = connection.output.withUnsafeBytes { bytes in
                System.retrying("send") {
                    Glibc.send(
                        connection.fd, bytes.baseAddress! + connection.writeIndex,
                        bytes.count - connection.writeIndex, Int32(MSG_NOSIGNAL))
                }
            }
            switch result {
            case .success(let sent):
                connection.writeIndex += sent
                connection.timer.enter(.writing, at: now, restart: true)
            case .failure(let error) where error.errno == EAGAIN || error.errno == EWOULDBLOCK:
                updateInterest(connection)
                return
            case .failure:
                close(connection)
                return
            }
        }
        connection.compactOutput()
        if connection.exchange != nil || connection.parser.isReadingBody {
            // Only an interim 100 Continue was sent; the final answer is still to come.
            updateInterest(connection)
            return
        }
        if connection.inputClosed && connection.unreadCount == 0 {
            close(connection)
            return
        }
        // A keep-alive response queued before shutdown began ends the connection too, unless a
        // pipelined request is already waiting (it is answered with `Connection: close`).
        if connection.closeAfterWrite || (isShuttingDown && connection.parser.isIdle && connection.unreadCount == 0) {
            linger(connection, now: now)
            return
        }
        connection.timer.enter(.idle, at: now, restart: true)
        if !connection.isProcessing {
            process(connection, now: now)
        } else {
            updateInterest(connection)
        }
    }
}
