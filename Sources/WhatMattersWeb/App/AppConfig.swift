import Foundation
import WhatMattersStore

/// All configuration, read once from `WHATMATTERS_*` environment variables. Every variable
/// has a default that works on a laptop; a bad value stops start-up with a message naming it.
public struct AppConfig: Sendable, Equatable {
    public var database: DatabaseLocation
    public var hostname: String
    public var port: Int
    /// Set when a TLS-terminating proxy sits in front: cookies become Secure and HSTS is sent.
    public var behindTLS: Bool
    public var sessionIdleMinutes: Int
    public var logSQL: Bool
    /// Extra practice-review lexicon files an authority adds without a release.
    public var lexiconDirectory: String?

    public init(database: DatabaseLocation = .sqlite(path: "whatmatters.sqlite"), hostname: String = "127.0.0.1",
                port: Int = 8080, behindTLS: Bool = false, sessionIdleMinutes: Int = 30, logSQL: Bool = false,
                lexiconDirectory: String? = nil) {
        self.database = database; self.hostname = hostname; self.port = port; self.behindTLS = behindTLS
        self.sessionIdleMinutes = sessionIdleMinutes; self.logSQL = logSQL; self.lexiconDirectory = lexiconDirectory
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String {
            "WhatMatters cannot start; fix these environment variables:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads the environment, collecting every problem before failing.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var problems: [String] = []
        var config = AppConfig()
        if let url = env["WHATMATTERS_DATABASE_URL"] {
            do { config.database = try DatabaseLocation.parse(url) }
            catch { problems.append("WHATMATTERS_DATABASE_URL: \(error)") }
        }
        if let h = env["WHATMATTERS_HOSTNAME"] {
            if h.isEmpty { problems.append("WHATMATTERS_HOSTNAME: must not be empty (e.g. 127.0.0.1)") } else { config.hostname = h }
        }
        func int(_ name: String, _ range: ClosedRange<Int>, _ set: (Int) -> Void) {
            guard let raw = env[name] else { return }
            guard let v = Int(raw), range.contains(v) else {
                problems.append("\(name): \"\(raw)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)"); return
            }
            set(v)
        }
        func bool(_ name: String, _ set: (Bool) -> Void) {
            guard let raw = env[name] else { return }
            switch raw.lowercased() {
            case "1", "true", "yes", "on": set(true)
            case "0", "false", "no", "off", "": set(false)
            default: problems.append("\(name): \"\(raw)\" is not true or false")
            }
        }
        int("WHATMATTERS_PORT", 0...65535) { config.port = $0 }
        int("WHATMATTERS_SESSION_IDLE_MINUTES", 1...720) { config.sessionIdleMinutes = $0 }
        bool("WHATMATTERS_BEHIND_TLS") { config.behindTLS = $0 }
        bool("WHATMATTERS_LOG_SQL") { config.logSQL = $0 }
        if let dir = env["WHATMATTERS_LEXICON_DIR"], !dir.isEmpty {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue { config.lexiconDirectory = dir }
            else { problems.append("WHATMATTERS_LEXICON_DIR: \(dir) is not a folder") }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return config
    }
}
