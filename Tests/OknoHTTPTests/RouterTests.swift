import Testing

@testable import OknoHTTP

@Suite("Router")
struct RouterTests {
    static let ok = Handler.inline { _ in HTTPResponse(status: 200) }

    func makeRouter(_ routes: [(String, String)]) -> Router {
        var router = Router()
        for (method, template) in routes { router.add(method, template, Self.ok) }
        return router
    }

    func segments(_ path: String) -> [String] { Router.segments(of: path) }

    @Test func capturesParameters() throws {
        let router = makeRouter([("GET", "/messages/{number}/files/{file}")])
        guard
            case .found(let route, let parameters) = router.match(
                method: "GET", pathSegments: segments("/messages/42/files/a b"))
        else {
            Issue.record("not found")
            return
        }
        #expect(route.template == "/messages/{number}/files/{file}")
        #expect(parameters == ["number": "42", "file": "a b"])
    }

    @Test func prefersALiteralOverAParameter() {
        let router = makeRouter([("GET", "/messages/{number}"), ("GET", "/messages/export")])
        guard case .found(let literal, let none) = router.match(method: "GET", pathSegments: ["messages", "export"]),
            case .found(let parameter, let captured) = router.match(method: "GET", pathSegments: ["messages", "7"])
        else {
            Issue.record("not found")
            return
        }
        #expect(literal.template == "/messages/export")
        #expect(none.isEmpty)
        #expect(parameter.template == "/messages/{number}")
        #expect(captured == ["number": "7"])
    }

    @Test func fallsBackToAParameterWhenTheLiteralLeadsNowhere() {
        let router = makeRouter([("GET", "/a/export/x"), ("GET", "/a/{id}/y")])
        guard case .found(let route, let parameters) = router.match(method: "GET", pathSegments: ["a", "export", "y"])
        else {
            Issue.record("not found")
            return
        }
        #expect(route.template == "/a/{id}/y")
        #expect(parameters == ["id": "export"])
    }

    @Test func matchesTheRoot() {
        let router = makeRouter([("GET", "/")])
        guard case .found(let route, _) = router.match(method: "GET", pathSegments: []) else {
            Issue.record("not found")
            return
        }
        #expect(route.template == "/")
    }

    @Test(arguments: ["/nothing", "/messages", "/messages/7/extra", "/messages/", "/"])
    func answersNotFoundForUnknownPaths(path: String) {
        let router = makeRouter([("GET", "/messages/{number}")])
        guard case .notFound = router.match(method: "GET", pathSegments: segments(path)) else {
            Issue.record("expected not found for \(path)")
            return
        }
    }

    @Test func answersMethodNotAllowedWithTheAllowedMethodsIncludingHead() {
        let router = makeRouter([("GET", "/m"), ("POST", "/m"), ("DELETE", "/m")])
        guard case .methodNotAllowed(let allowed) = router.match(method: "PUT", pathSegments: ["m"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["DELETE", "GET", "HEAD", "POST"])
    }

    @Test func allowsNoHeadWithoutGet() {
        let router = makeRouter([("POST", "/m")])
        guard case .methodNotAllowed(let allowed) = router.match(method: "GET", pathSegments: ["m"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["POST"])
    }

    @Test func answersHeadWithTheGetRoute() {
        let router = makeRouter([("GET", "/m")])
        guard case .found(let route, _) = router.match(method: "HEAD", pathSegments: ["m"]) else {
            Issue.record("expected the GET route")
            return
        }
        #expect(route.method == "GET")
    }

    @Test func prefersAnExplicitHeadRoute() {
        let router = makeRouter([("GET", "/m"), ("HEAD", "/m")])
        guard case .found(let route, _) = router.match(method: "HEAD", pathSegments: ["m"]) else {
            Issue.record("expected the HEAD route")
            return
        }
        #expect(route.method == "HEAD")
    }

    @Test func leavesACopyUnchangedWhenTheOriginalGrows() {
        var original = makeRouter([("GET", "/a")])
        let copy = original
        original.add("GET", "/b", Self.ok)
        guard case .notFound = copy.match(method: "GET", pathSegments: ["b"]) else {
            Issue.record("the copy sees a route added later")
            return
        }
        #expect(copy.routes.count == 1)
        #expect(original.routes.count == 2)
    }
}
