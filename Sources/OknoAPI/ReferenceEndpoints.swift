import OknoHTTP
import OknoJSON

/// `GET /api/v1/topics` and `GET /api/v1/regions`: the directory as the widget needs it.
enum ReferenceEndpoints {
    static func register(on router: inout Router, services: Services) {
        let directory = services.directory
        let topics = HTTPResponse.json(
            200,
            [
                "items": .array(
                    directory.topics.map {
                        ["code": .string($0.code), "title": .string($0.title), "expedited": .bool($0.expedited)]
                    })
            ])
        let regions = HTTPResponse.json(
            200,
            [
                "items": .array(
                    directory.regions.map {
                        ["code": .string($0.code), "name": .string($0.name), "time_zone": .string($0.timeZone)]
                    })
            ])
        router.get("/api/v1/topics", PublicGate.wrap(.inline { _ in topics }, services: services))
        router.get("/api/v1/regions", PublicGate.wrap(.inline { _ in regions }, services: services))
    }
}
