import Foundation
import OknoHTTP
import OknoJSON

/// `/health`, `/ready`, `/metrics` and the OpenAPI document.
enum ServiceEndpoints {
    static func register(on router: inout Router, services: Services) throws {
        let health = HTTPResponse.json(200, ["status": "ok"])
        router.get("/health", .inline { _ in health })

        let ready = HTTPResponse.json(200, ["status": "ready"])
        let notReady = Problem.response(status: 503, detail: "The service is starting or shutting down.")
        router.get("/ready", .inline { _ in services.readiness.isReady ? ready : notReady })

        router.get(
            "/metrics",
            .inline { _ in
                HTTPResponse(
                    status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                    body: Array(services.metrics.render().utf8))
            })

        let document = try OpenAPIDocument.bytes()
        let openAPI = HTTPResponse(status: 200, contentType: "application/json", body: document)
        router.get("/api/v1/openapi.json", .inline { _ in openAPI })
    }
}

/// The OpenAPI 3.1 description of every endpoint, kept in the repository as `openapi.json`.
public enum OpenAPIDocument {
    public static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw OpenAPIDocumentMissing() }
        return [UInt8](data)
    }

    struct OpenAPIDocumentMissing: Error, CustomStringConvertible {
        var description: String { "openapi.json is missing from the OknoAPI resources" }
    }
}
