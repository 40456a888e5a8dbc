/// Why a byte stream was refused as an HTTP/1.1 request; each maps to a status code.
public enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedRequestLine
    case unknownMethod
    case unsupportedVersion
    case targetTooLong
    case invalidTarget
    case headerSectionTooLarge
    case tooManyHeaders
    case malformedHeader
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case bareCarriageReturnOrLineFeed
    case invalidFieldValue
    case missingHost
    case repeatedHost
    case invalidHost
    case contentLengthWithTransferEncoding
    case invalidContentLength
    case repeatedContentLength
    case unsupportedTransferCoding
    case transferEncodingInHTTP10
    case bodyTooLarge
    case malformedChunk
    case unsupportedExpectation

    /// The status code answered for this refusal.
    public var status: Int {
        switch self {
        case .unknownMethod: 501
        case .unsupportedVersion: 505
        case .targetTooLong: 414
        case .headerSectionTooLarge, .tooManyHeaders: 431
        case .bodyTooLarge: 413
        case .unsupportedExpectation: 417
        default: 400
        }
    }

    public var description: String {
        switch self {
        case .malformedRequestLine: "The request line is malformed."
        case .unknownMethod: "The request method is not implemented."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .targetTooLong: "The request target is longer than the limit."
        case .invalidTarget: "The request target is malformed."
        case .headerSectionTooLarge: "The header section is larger than the limit."
        case .tooManyHeaders: "The request has more header fields than the limit."
        case .malformedHeader: "A header field line is malformed."
        case .whitespaceBeforeColon: "A header field name is followed by whitespace before the colon."
        case .obsoleteLineFolding: "Obsolete line folding is not accepted."
        case .bareCarriageReturnOrLineFeed: "A line ends with a bare CR or LF."
        case .invalidFieldValue: "A header field value contains a forbidden character."
        case .missingHost: "HTTP/1.1 requests must carry a Host header field."
        case .repeatedHost: "The Host header field is repeated."
        case .invalidHost: "The Host header field is malformed."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding must not be sent together."
        case .invalidContentLength: "Content-Length is malformed."
        case .repeatedContentLength: "Content-Length is repeated."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .transferEncodingInHTTP10: "Transfer-Encoding is not allowed in HTTP/1.0."
        case .bodyTooLarge: "The request body is larger than the limit."
        case .malformedChunk: "The chunked body is malformed."
        case .unsupportedExpectation: "Only the 100-continue expectation is supported."
        }
    }
}
