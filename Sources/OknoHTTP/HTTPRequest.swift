/// The HTTP version of a request: 1.0 or 1.1.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// A complete request as a handler sees it: framing already checked, body fully received.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target exactly as received.
    public var target: String
    public var version: HTTPVersion
    /// Percent-decoded path segments (`/a/b%2Fc` is `["a", "b/c"]`).
    public var pathSegments: [String]
    /// Percent-decoded query parameters in order; `+` reads as a space.
    public var query: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Values of the route template's `{parameters}`, set by the router.
    public var parameters: [String: String]
    /// The peer's IP address.
    public var remoteAddress: String
    /// Echoed in `X-Request-Id`; taken from the request when it carries a sane one.
    public var requestID: String

    public init(
        method: String, target: String, version: HTTPVersion = .http1_1, pathSegments: [String],
        query: [(name: String, value: String)] = [], headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        parameters: [String: String] = [:], remoteAddress: String = "", requestID: String = ""
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.pathSegments = pathSegments
        self.query = query
        self.headers = headers
        self.body = body
        self.parameters = parameters
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// The decoded path, segments joined by `/`.
    public var path: String { "/" + pathSegments.joined(separator: "/") }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
