import OknoHTTP

/// Every endpoint of the contract that exists so far, on one router.
public enum API {
    /// Paths reachable without a token, with their methods, for CORS preflight.
    static let publicPaths: [(template: String, methods: [String])] = [
        ("/api/v1/topics", ["GET"]),
        ("/api/v1/regions", ["GET"]),
        ("/api/v1/messages", ["POST"]),
        ("/api/v1/messages/{number}/public", ["GET"]),
        ("/api/v1/messages/{number}/rating", ["POST"]),
        ("/api/v1/stats/public", ["GET"]),
    ]

    public static func router(services: Services) throws -> Router {
        var router = Router()
        try ServiceEndpoints.register(on: &router, services: services)
        ReferenceEndpoints.register(on: &router, services: services)
        IntakeEndpoint.register(on: &router, services: services)
        PublicMessageEndpoint.register(on: &router, services: services)
        RoutingEndpoints.register(on: &router, services: services)
        EventsEndpoint.register(on: &router, services: services)
        MessageEndpoints.register(on: &router, services: services)
        QueueEndpoint.register(on: &router, services: services)
        TemplateEndpoints.register(on: &router, services: services)
        RatingEndpoint.register(on: &router, services: services)
        ReportEndpoints.register(on: &router, services: services)
        PublicGate.preflight(on: &router, paths: publicPaths, services: services)
        return router
    }
}
