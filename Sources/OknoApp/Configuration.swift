import Foundation
import OknoAPI
import OknoDomain
import OknoHTTP
import OknoJSON

/// Every setting of `okno serve`, read from the JSON configuration file; flags override it.
/// `config.example.json` lists each key with its default.
public struct Configuration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = "./okno.sqlite"
    public var server = HTTPServerConfiguration()
    public var api = APIConfiguration()
    public var databaseReaders = 4
    public var groupCommitMaxBatch = 256
    public var schedulerIntervalSeconds = 60.0

    public init() {}

    /// Reads a configuration file; unknown keys and wrong types are refused so typos don't pass silently.
    public static func load(path: String) throws(ConfigurationError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let document: JSONValue
        do {
            document = try JSONParser.parse([UInt8](data))
        } catch {
            throw .invalid("\(path): \(error.description)")
        }
        guard let object = document.objectValue else { throw .invalid("\(path): the top level must be an object") }
        var configuration = Configuration()
        try configuration.apply(object)
        return configuration
    }

    private mutating func apply(_ object: JSONObject) throws(ConfigurationError) {
        for (key, value) in object.members {
            switch key {
            case "listen": try setListen(try value.string(key))
            case "database": database = try value.string(key)
            case "event_loops":
                let loops = try value.integer(key, min: 0)
                server.eventLoops = loops == 0 ? System.coreCount : loops
            case "worker_threads": server.workerThreads = try value.integer(key, min: 1)
            case "max_connections": server.maxConnections = try value.integer(key, min: 1)
            case "backlog": server.backlog = try value.integer(key, min: 1)
            case "max_body_bytes": server.limits.maxBodyBytes = try value.integer(key, min: 0)
            case "max_header_bytes": server.limits.maxHeaderBytes = try value.integer(key, min: 256)
            case "max_header_count": server.limits.maxHeaderCount = try value.integer(key, min: 1)
            case "max_target_length": server.limits.maxTargetLength = try value.integer(key, min: 16)
            case "max_json_depth": api.maxJSONDepth = try value.integer(key, min: 1)
            case "header_timeout_seconds": server.timeouts.header = try value.seconds(key)
            case "body_timeout_seconds": server.timeouts.body = try value.seconds(key)
            case "idle_timeout_seconds": server.timeouts.idle = try value.seconds(key)
            case "write_timeout_seconds": server.timeouts.write = try value.seconds(key)
            case "shutdown_grace_seconds": server.timeouts.shutdownGrace = try value.seconds(key)
            case "access_log": server.accessLog = try value.bool(key)
            case "database_readers": databaseReaders = try value.integer(key, min: 1)
            case "group_commit_max_batch": groupCommitMaxBatch = try value.integer(key, min: 1)
            case "scheduler_interval_seconds": schedulerIntervalSeconds = try value.seconds(key)
            case "at_risk_days":
                guard let nested = value.objectValue else { throw .invalid("at_risk_days must be an object") }
                for (name, days) in nested.members {
                    switch name {
                    case "thirty_day": api.atRiskDays.thirtyDay = try days.integer("at_risk_days.thirty_day", min: 0)
                    case "short": api.atRiskDays.short = try days.integer("at_risk_days.short", min: 0)
                    default: throw .invalid("unknown key at_risk_days.\(name)")
                    }
                }
            case "rating_window_days": api.ratingWindowDays = try value.integer(key, min: 1)
            case "personal_data_reads_batch_ms":
                api.personalDataReadBatch = .milliseconds(try value.integer(key, min: 1))
            case "cors_origins":
                guard let items = value.arrayValue else { throw .invalid("cors_origins must be an array of strings") }
                api.corsOrigins = try items.map { item throws(ConfigurationError) in try item.string("cors_origins[]") }
            case "rate_limit":
                guard let nested = value.objectValue else { throw .invalid("rate_limit must be an object") }
                for (name, setting) in nested.members {
                    switch name {
                    case "requests_per_second":
                        api.rateLimit.ratePerSecond = try setting.number("rate_limit.requests_per_second")
                    case "burst": api.rateLimit.burst = max(1, try setting.number("rate_limit.burst"))
                    default: throw .invalid("unknown key rate_limit.\(name)")
                    }
                }
            case "trust_forwarded_for": api.trustForwardedFor = try value.bool(key)
            case "non_working_days":
                guard let items = value.arrayValue else { throw .invalid("non_working_days must be an array of dates") }
                var days = Set<LocalDate>()
                for item in items {
                    guard let date = LocalDate(try item.string("non_working_days[]")) else {
                        throw .invalid("non_working_days holds a value that is not a YYYY-MM-DD date")
                    }
                    days.insert(date)
                }
                api.workingCalendar = WorkingCalendar(shift: api.workingCalendar.shift, nonWorkingDays: days)
            case "deadline_shift":
                guard let shift = DeadlineShift(rawValue: try value.string(key)) else {
                    throw .invalid("deadline_shift is none, next_working_day or previous_working_day")
                }
                api.workingCalendar = WorkingCalendar(shift: shift, nonWorkingDays: api.workingCalendar.nonWorkingDays)
            default:
                throw .invalid("unknown configuration key \(key)")
            }
        }
    }

    /// Sets host and port from `HOST:PORT` (IPv6 hosts in brackets).
    public mutating func setListen(_ text: String) throws(ConfigurationError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw .invalid("listen must be HOST:PORT, got \(text)") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .invalid("listen must be HOST:PORT, got \(text)") }
        self.host = host
        self.port = port
    }
}

/// Why a configuration was refused.
public enum ConfigurationError: Error, CustomStringConvertible {
    case unreadable(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read configuration file \(path)"
        case .invalid(let reason): "invalid configuration: \(reason)"
        }
    }
}

extension JSONValue {
    fileprivate func string(_ key: String) throws(ConfigurationError) -> String {
        guard let value = stringValue else { throw .invalid("\(key) must be a string") }
        return value
    }

    fileprivate func bool(_ key: String) throws(ConfigurationError) -> Bool {
        guard let value = boolValue else { throw .invalid("\(key) must be true or false") }
        return value
    }

    fileprivate func integer(_ key: String, min: Int) throws(ConfigurationError) -> Int {
        guard let value = int64Value, value >= min else {
            throw .invalid("\(key) must be an integer of at least \(min)")
        }
        return Int(value)
    }

    fileprivate func number(_ key: String) throws(ConfigurationError) -> Double {
        guard let value = doubleValue, value >= 0 else { throw .invalid("\(key) must be a non-negative number") }
        return value
    }

    fileprivate func seconds(_ key: String) throws(ConfigurationError) -> Double {
        guard let value = doubleValue, value > 0 else { throw .invalid("\(key) must be a positive number of seconds") }
        return value
    }
}
