/// Where a message goes: a unit of the ministry, or an external agency it is forwarded to.
public enum RouteTarget: Hashable, Sendable {
    case unit(String)
    case agency(String)
}
