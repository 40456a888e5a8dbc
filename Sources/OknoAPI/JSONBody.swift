import OknoHTTP
import OknoJSON

/// Reads a request body as a JSON object, refusing other media types and malformed JSON.
enum JSONBody {
    /// The object, or the problem response to send instead.
    static func object(of request: HTTPRequest, maxDepth: Int) -> Result<JSONObject, HTTPResponseBox> {
        guard let type = request.headers["content-type"], isJSON(type) else {
            return .failure(
                HTTPResponseBox(Problem.response(status: 415, detail: "Send the body as application/json.")))
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body, maxDepth: maxDepth)
        } catch {
            return .failure(
                HTTPResponseBox(
                    Problem.response(status: 400, detail: "The body is not valid JSON: \(error.description)")))
        }
        guard let object = value.objectValue else {
            return .failure(HTTPResponseBox(Problem.response(status: 400, detail: "The body must be a JSON object.")))
        }
        return .success(object)
    }

    /// `application/json`, optionally with parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String) -> Bool {
        // Compared byte by byte: splitting, trimming and lowercasing strings cost every intake
        // request more than parsing its head did.
        let bytes = contentType.utf8
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        let mediaType = bytes[..<end].drop(while: isBlank).reversed().drop(while: isBlank)
        let expected = "application/json".utf8.reversed()
        return mediaType.count == expected.count
            && zip(mediaType, expected).allSatisfy { (0x41...0x5A).contains($0) ? $0 | 0x20 == $1 : $0 == $1 }
    }
}

/// An error wrapper so a response can travel in a `Result`.
struct HTTPResponseBox: Error {
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
