import Testing

@testable import OknoHTTP

@Suite("ServerMetrics")
struct ServerMetricsTests {
    @Test func countsRequestsByMethodRouteAndStatusAcrossShards() {
        let metrics = ServerMetrics(shards: 4)
        metrics.record(shard: 0, method: "GET", route: "/health", status: 200, seconds: 0.0001)
        metrics.record(shard: 1, method: "GET", route: "/health", status: 200, seconds: 0.002)
        metrics.record(shard: 6, method: "POST", route: "/messages", status: 413, seconds: 3)
        let text = metrics.render()
        #expect(text.contains("okno_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2\n"))
        #expect(text.contains("okno_http_requests_total{method=\"POST\",route=\"/messages\",status=\"413\"} 1\n"))
    }

    @Test func rendersACumulativeLatencyHistogram() {
        let metrics = ServerMetrics()
        metrics.record(shard: 0, method: "GET", route: "/", status: 200, seconds: 0.0001)
        metrics.record(shard: 0, method: "GET", route: "/", status: 200, seconds: 0.002)
        metrics.record(shard: 0, method: "GET", route: "/", status: 200, seconds: 60)
        let text = metrics.render()
        #expect(text.contains("okno_http_request_duration_seconds_bucket{le=\"0.0005\"} 1\n"))
        #expect(text.contains("okno_http_request_duration_seconds_bucket{le=\"0.0025\"} 2\n"))
        #expect(text.contains("okno_http_request_duration_seconds_bucket{le=\"5.0\"} 2\n"))
        #expect(text.contains("okno_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("okno_http_request_duration_seconds_count 3\n"))
    }

    @Test func rendersTheOpenConnectionGauge() {
        let metrics = ServerMetrics()
        metrics.openConnections.add(3, ordering: .relaxed)
        #expect(metrics.render().contains("# TYPE okno_http_open_connections gauge\nokno_http_open_connections 3\n"))
    }

    @Test func escapesRouteLabels() {
        let metrics = ServerMetrics()
        metrics.record(shard: 0, method: "GET", route: "/a\"b\\c", status: 200, seconds: 0)
        #expect(metrics.render().contains("route=\"/a\\\"b\\\\c\""))
    }

    @Test func appendsSectionsOfOtherComponents() {
        let metrics = ServerMetrics()
        metrics.addSection { "okno_store_writes_total 5\n" }
        #expect(metrics.render().hasSuffix("okno_store_writes_total 5\n"))
    }
}
