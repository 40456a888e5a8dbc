/// How a route's handler runs; the server picks the thread accordingly.
public enum Handler: Sendable {
    /// Quick work that never blocks: runs on the event-loop thread.
    case inline(@Sendable (HTTPRequest) -> HTTPResponse)
    /// Work that may block (disk, locks): runs on one of the server's worker threads.
    case blocking(@Sendable (HTTPRequest) -> HTTPResponse)
    /// Work that answers later, from any thread, through the `Responder`.
    case deferred(@Sendable (HTTPRequest, Responder) -> Void)
}

/// Delivers one response for one request; calling it again has no effect.
public struct Responder: Sendable {
    let deliver: @Sendable (HTTPResponse) -> Void

    public init(_ deliver: @escaping @Sendable (HTTPResponse) -> Void) {
        self.deliver = deliver
    }

    public func respond(_ response: HTTPResponse) {
        deliver(response)
    }
}
