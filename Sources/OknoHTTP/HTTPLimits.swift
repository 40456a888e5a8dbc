/// Size limits applied to every request before any handler sees it.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request target accepted; longer ones are answered 414. Default: 8,192 bytes.
    public var maxTargetLength: Int
    /// Largest header section (all field lines after the request line). Default: 16,384 bytes.
    public var maxHeaderBytes: Int
    /// Most header fields in one request (trailer fields count too). Default: 100.
    public var maxHeaderCount: Int
    /// Largest request body, declared or chunked; larger ones are answered 413. Default: 1 MiB.
    public var maxBodyBytes: Int
    /// Longest chunk-size line, extensions included. Default: 1,024 bytes.
    public var maxChunkLineLength: Int

    public init(
        maxTargetLength: Int = 8_192,
        maxHeaderBytes: Int = 16_384,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1_048_576,
        maxChunkLineLength: Int = 1_024
    ) {
        self.maxTargetLength = maxTargetLength
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineLength = maxChunkLineLength
    }
}

/// Timeouts, in seconds, that bound how long a connection may hold server resources.
public struct HTTPTimeouts: Sendable, Equatable {
    /// From a request's first byte to the end of its header section (slowloris). Default: 10 s.
    public var header: Double
    /// From the end of the header section to the end of the body. Default: 30 s.
    public var body: Double
    /// A keep-alive connection waiting for its next request. Default: 30 s.
    public var idle: Double
    /// A response waiting for the client to read it, without progress. Default: 30 s.
    public var write: Double
    /// How long requests in flight may take to finish once shutdown starts. Default: 10 s.
    public var shutdownGrace: Double

    public init(
        header: Double = 10, body: Double = 30, idle: Double = 30, write: Double = 30, shutdownGrace: Double = 10
    ) {
        self.header = header
        self.body = body
        self.idle = idle
        self.write = write
        self.shutdownGrace = shutdownGrace
    }
}

/// Everything the server needs to listen and serve.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind, an IPv4 or IPv6 literal. Default: 127.0.0.1.
    public var host: String
    /// Port to bind; 0 picks a free one. Default: 8080.
    public var port: Int
    /// Event-loop threads. Default: one per core.
    public var eventLoops: Int
    /// Threads that run handlers which may block. Default: 16.
    public var workerThreads: Int
    /// Connections served at once; further ones wait in the listen backlog. Default: 10,000.
    public var maxConnections: Int
    /// Listen backlog passed to listen(2). Default: 4,096.
    public var backlog: Int
    public var limits: HTTPLimits
    public var timeouts: HTTPTimeouts
    /// Write one JSON line per request to standard error. Default: true.
    public var accessLog: Bool

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        eventLoops: Int = System.coreCount,
        workerThreads: Int = 16,
        maxConnections: Int = 10_000,
        backlog: Int = 4_096,
        limits: HTTPLimits = HTTPLimits(),
        timeouts: HTTPTimeouts = HTTPTimeouts(),
        accessLog: Bool = true
    ) {
        self.host = host
        self.port = port
        self.eventLoops = eventLoops
        self.workerThreads = workerThreads
        self.maxConnections = maxConnections
        self.backlog = backlog
        self.limits = limits
        self.timeouts = timeouts
        self.accessLog = accessLog
    }
}
