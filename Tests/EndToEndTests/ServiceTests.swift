import Foundation
import OknoAPI
import OknoApp
import OknoHTTP
import OknoJSON
import Testing

/// Reference data, service endpoints and the OpenAPI document.
@Suite struct ServiceTests {
    @Test func topicsAndRegionsMatchTheDirectory() throws {
        let directory = try BundledDirectory.load()
        try withServer { server throws in
            let topics = try server.get("/api/v1/topics")
            #expect(topics.status == 200)
            let topicItems = try #require(topics.json["items"]?.arrayValue)
            #expect(topicItems.count == directory.topics.count)
            for (item, topic) in zip(topicItems, directory.topics) {
                #expect(item["code"]?.stringValue == topic.code)
                #expect(item["title"]?.stringValue == topic.title)
                #expect(item["expedited"]?.boolValue == topic.expedited)
            }
            #expect(topicItems.contains { $0["code"] == "SNOW_ICE_REMOVAL" && $0["expedited"] == false })
            #expect(topicItems.contains { $0["code"] == "GRASS_BURNING" && $0["expedited"] == true })

            let regions = try server.get("/api/v1/regions")
            #expect(regions.status == 200)
            let regionItems = try #require(regions.json["items"]?.arrayValue)
            #expect(regionItems.count == directory.regions.count)
            for (item, region) in zip(regionItems, directory.regions) {
                #expect(item["code"]?.stringValue == region.code)
                #expect(item["name"]?.stringValue == region.name)
                #expect(item["time_zone"]?.stringValue == region.timeZone)
            }
            #expect(regionItems.contains { $0["code"] == "41" && $0["time_zone"] == "Asia/Kamchatka" })
        }
    }

    @Test func healthReadyAndMetrics() throws {
        try withServer { server throws in
            let health = try server.get("/health")
            #expect(health.status == 200)
            #expect(health.json == ["status": "ok"])
            #expect(try server.get("/ready").status == 200)

            #expect(try server.submit(Fixtures.message()).status == 201)
            #expect(try server.submit(Fixtures.message(topic: "NO_SUCH_TOPIC")).status == 422)
            let metrics = try server.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
            let lines = metrics.text.split(separator: "\n")
            #expect(
                lines.contains {
                    $0.hasPrefix("okno_http_requests_total{") && $0.contains("route=\"/api/v1/messages\"")
                        && $0.contains("status=\"201\"") && $0.hasSuffix(" 1")
                }, "\(metrics.text)")
            #expect(
                lines.contains {
                    $0.hasPrefix("okno_http_requests_total{") && $0.contains("route=\"/api/v1/messages\"")
                        && $0.contains("status=\"422\"")
                })
            // The writer's counters: the registration was one item of a committed transaction.
            func counter(_ name: String) -> Int? {
                lines.first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ")[1]) }
            }
            #expect((counter("okno_db_write_commits_total") ?? 0) >= 1, "\(metrics.text)")
            #expect((counter("okno_db_write_items_total") ?? 0) >= (counter("okno_db_write_commits_total") ?? .max))
        }
    }

    /// The routes the router knows that `openapi.json` does not describe, as `METHOD template`.
    static func undocumented(_ routes: [Router.Route], in document: JSONValue) -> [String] {
        routes.compactMap { route in
            document["paths"]?[route.template]?[route.method.lowercased()] == nil
                ? "\(route.method) \(route.template)" : nil
        }
    }

    @Test func openAPIDescribesEveryRoute() throws {
        try withServer { server throws in
            let reply = try server.get("/api/v1/openapi.json")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            let document = reply.json
            #expect(document["openapi"]?.stringValue?.hasPrefix("3.1") == true)
            let routes = try API.router(services: server.server.services).routes
            #expect(routes.count >= 10)
            #expect(Self.undocumented(routes, in: document) == [])

            // The check does catch a route the document lacks.
            var router = try API.router(services: server.server.services)
            router.add("PATCH", "/api/v1/messages/{number}/public", .inline { _ in HTTPResponse(status: 204) })
            #expect(Self.undocumented(router.routes, in: document).contains("PATCH /api/v1/messages/{number}/public"))
        }
    }
}
