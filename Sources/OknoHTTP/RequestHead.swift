/// How a request's body is delimited.
enum BodyFraming: Equatable, Sendable {
    case none
    case length(Int)
    case chunked
}

/// A request line and header section that passed every framing rule.
struct RequestHead: Sendable {
    var method: String
    var target: String
    var version: HTTPVersion
    var pathSegments: [String]
    var query: [(name: String, value: String)]
    var headers: HTTPHeaders
    var framing: BodyFraming
    /// Whether the connection may carry another request after this one.
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool
}
