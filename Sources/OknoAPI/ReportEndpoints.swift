import Foundation
import OknoDomain
import OknoHTTP
import OknoJSON
import OknoStore

/// `/api/v1/reports/*` for the administrative department and `/api/v1/stats/public` for anyone.
enum ReportEndpoints {
    /// Who may read reports.
    static let roles: Set<OfficerRole> = [.registrar, .analyst]
    /// The longest range of the public statistics, which anyone may ask for. Default: 366 days.
    static let publicMaxDays = 366

    static func register(on router: inout Router, services: Services) {
        for kind in ReportQuery.Kind.allCases {
            router.get("/api/v1/reports/\(kind.rawValue)", .blocking { report(kind, $0, services) })
        }
        router.get("/api/v1/stats/public", PublicGate.wrap(.blocking { publicStats($0, services) }, services: services))
    }

    private static func report(_ kind: ReportQuery.Kind, _ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        if case .failure(let refusal) = Authenticator.require(request, services: services, roles: roles) {
            return refusal.response
        }
        let query: ReportQuery
        switch ReportQuery.parse(kind, value: request.queryValue, directory: services.directory, now: services.now()) {
        case .failure(let invalid): return Problem.invalid(invalid.errors)
        case .success(let parsed): query = parsed
        }
        return Problem.guarded("report.\(kind.rawValue)", detail: "The report could not be read; retry.") {
            let table = try services.store.read { connection in
                try query.run(directory: services.directory, atRiskDays: services.configuration.atRiskDays, connection)
            }
            var headers = HTTPHeaders()
            if query.format == .csv {
                headers.set("Content-Disposition", "attachment; filename=\"okno-\(kind.rawValue).csv\"")
            }
            return HTTPResponse(
                status: 200, contentType: query.format.contentType, body: query.render(table), headers: headers)
        }
    }

    /// Counts by topic and by region over at most `publicMaxDays` days; no personal data.
    private static func publicStats(_ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        var reader = ParameterReader(value: request.queryValue, now: services.now())
        let range = reader.range(maxDays: publicMaxDays)
        guard reader.errors.isEmpty else { return Problem.invalid(reader.errors) }
        let directory = services.directory
        return Problem.guarded("stats.public", detail: "The statistics could not be read; retry.") {
            let stats = try services.store.read { connection in
                try Reports.publicStats(from: range.from, to: range.to, directory: directory, connection)
            }
            let body: JSONValue = [
                "from": .string(range.from.description),
                "to": .string(range.to.description),
                "total": .number(JSONNumber(stats.total)),
                "by_topic": .array(
                    stats.byTopic.map {
                        [
                            "topic": .string($0.code),
                            "title": directory.topic($0.code).map { .string($0.title) } ?? .null,
                            "count": .number(JSONNumber($0.count)),
                        ]
                    }),
                "by_region": .array(
                    stats.byRegion.map {
                        [
                            "region": .string($0.code),
                            "name": directory.region($0.code).map { .string($0.name) } ?? .null,
                            "count": .number(JSONNumber($0.count)),
                        ]
                    }),
            ]
            // The figures change slowly; letting the portal's proxies keep them spares the database.
            return .json(200, body, headers: ["Cache-Control": "public, max-age=300"])
        }
    }
}
