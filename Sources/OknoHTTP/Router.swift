/// Maps a method and path to a handler through a trie of path templates.
///
/// Templates are literal segments and `{name}` parameters: `/api/v1/messages/{number}`.
/// A literal segment wins over a parameter at the same position.
public struct Router: Sendable {
    /// A registered route.
    public struct Route: Sendable {
        public var method: String
        public var template: String
        public var handler: Handler
    }

    /// The outcome of a lookup.
    public enum Match: Sendable {
        case found(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private final class Node: @unchecked Sendable {
        // Mutated only while routes are added, before the router is shared; read-only afterwards.
        var literals: [String: Node] = [:]
        var parameter: (name: String, node: Node)?
        var routes: [String: Route] = [:]
    }

    private var root = Node()
    public private(set) var routes: [Route] = []

    public init() {}

    /// Adds a route; adding the same method and template twice is a programming error.
    public mutating func add(_ method: String, _ template: String, _ handler: Handler) {
        if !isKnownUniquelyReferenced(&root) { root = copy(root) }
        var node = root
        for segment in Self.segments(of: template) {
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                let name = String(segment.dropFirst().dropLast())
                if let existing = node.parameter {
                    precondition(existing.name == name, "conflicting parameter names in \(template)")
                    node = existing.node
                } else {
                    let child = Node()
                    node.parameter = (name, child)
                    node = child
                }
            } else if let child = node.literals[segment] {
                node = child
            } else {
                let child = Node()
                node.literals[segment] = child
                node = child
            }
        }
        precondition(node.routes[method] == nil, "duplicate route \(method) \(template)")
        let route = Route(method: method, template: template, handler: handler)
        node.routes[method] = route
        routes.append(route)
    }

    public mutating func get(_ template: String, _ handler: Handler) { add("GET", template, handler) }
    public mutating func post(_ template: String, _ handler: Handler) { add("POST", template, handler) }
    public mutating func put(_ template: String, _ handler: Handler) { add("PUT", template, handler) }
    public mutating func delete(_ template: String, _ handler: Handler) { add("DELETE", template, handler) }

    /// Finds the route for a method and decoded path segments; HEAD falls back to GET.
    public func match(method: String, pathSegments: [String]) -> Match {
        var parameters: [String: String] = [:]
        guard let node = find(root, pathSegments[...], &parameters) else { return .notFound }
        if let route = node.routes[method] ?? (method == "HEAD" ? node.routes["GET"] : nil) {
            return .found(route, parameters: parameters)
        }
        var allowed = Set(node.routes.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }

    private func find(_ node: Node, _ segments: ArraySlice<String>, _ parameters: inout [String: String]) -> Node? {
        guard let segment = segments.first else { return node.routes.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let child = node.literals[segment], let found = find(child, rest, &parameters) {
            return found
        }
        if let (name, child) = node.parameter, !segment.isEmpty, let found = find(child, rest, &parameters) {
            parameters[name] = segment
            return found
        }
        return nil
    }

    private func copy(_ node: Node) -> Node {
        let clone = Node()
        clone.literals = node.literals.mapValues(copy)
        clone.parameter = node.parameter.map { ($0.name, copy($0.node)) }
        clone.routes = node.routes
        return clone
    }

    static func segments(of template: String) -> [String] {
        template == "/"
            ? [] : template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }
}
