import Core
import Foundation
import Yams

/// The whole configuration: `chipwatch.yaml` and the files it names.
public struct ChipwatchConfig: Sendable {
    /// The main file, as given.
    public var path: String
    /// The feeds file, resolved against the main file's folder.
    public var feedsPath: String
    /// Files later stages read; nil when the main file does not name them.
    public var roadmapPath: String?
    public var dictionaryPath: String?
    public var rulesPath: String?
    public var fetch: FetchSettings
    /// The `store:` section (retention of raw bodies).
    public var store = StoreSettings()
    /// The `web:` section (`chipwatch serve`), when the file has one.
    public var web: WebSettings?
    public var feeds: [Feed]
    /// The extractor's dictionary, when the main file names one.
    public var dictionary: ChipDictionary?
    /// The roadmap's milestones and the alert rules, when the main file names them.
    public var roadmap: [Milestone]?
    public var rules: RuleSet?

    static let topKeys: Set<String> = ["feeds", "roadmap", "dictionary", "rules", "fetch", "store", "web"]

    /// Loads and validates everything; throws a `ConfigError` listing every problem found.
    public static func load(path: String) throws -> ChipwatchConfig {
        let reader = YAMLReader(file: path)
        var config = ChipwatchConfig(path: path, feedsPath: "", fetch: FetchSettings(), feeds: [])
        func resolve(_ relative: String) -> String { Self.resolve(relative, beside: path) }
        guard let root = reader.load(path),
              let top = reader.mapping(root, "", allowed: topKeys, required: ["feeds"]) else {
            throw ConfigError(reader.issues)
        }
        for key in ["roadmap", "dictionary", "rules"] {
            guard let node = top[key], let relative = reader.string(node, key) else { continue }
            let resolved = resolve(relative)
            if !FileManager.default.fileExists(atPath: resolved) {
                reader.issue(node, key, "names \(resolved), which does not exist")
            }
            switch key {
            case "roadmap": config.roadmapPath = resolved
            case "dictionary": config.dictionaryPath = resolved
            default: config.rulesPath = resolved
            }
        }
        if let node = top["fetch"] { config.fetch = FetchSettingsReader.read(node, reader) }
        if let node = top["store"] { config.store = StoreSettingsReader.read(node, reader) }
        if let node = top["web"] { config.web = WebSettingsReader.read(node, reader, beside: path) }
        var feedsIssues: [ConfigIssue] = []
        if let node = top["feeds"], let relative = reader.string(node, "feeds") {
            config.feedsPath = resolve(relative)
            let feedsReader = YAMLReader(file: config.feedsPath)
            config.feeds = FeedsFile.read(path: config.feedsPath, reader: feedsReader)
            feedsIssues = feedsReader.issues
        }
        var dictionaryIssues: [ConfigIssue] = []
        if let dictionaryPath = config.dictionaryPath, FileManager.default.fileExists(atPath: dictionaryPath) {
            let dictionaryReader = YAMLReader(file: dictionaryPath)
            config.dictionary = DictionaryFile.read(path: dictionaryPath, reader: dictionaryReader)
            dictionaryIssues = dictionaryReader.issues
        }
        var laterIssues: [ConfigIssue] = []
        if let roadmapPath = config.roadmapPath, FileManager.default.fileExists(atPath: roadmapPath) {
            let roadmapReader = YAMLReader(file: roadmapPath)
            config.roadmap = RoadmapFile.read(path: roadmapPath, reader: roadmapReader, dictionary: config.dictionary)
            laterIssues += roadmapReader.issues
        }
        if let rulesPath = config.rulesPath, FileManager.default.fileExists(atPath: rulesPath) {
            let rulesReader = YAMLReader(file: rulesPath)
            config.rules = RulesFile.read(path: rulesPath, reader: rulesReader, dictionary: config.dictionary)
            laterIssues += rulesReader.issues
        }
        let issues = reader.issues + feedsIssues + dictionaryIssues + laterIssues
        if !issues.isEmpty { throw ConfigError(issues) }
        return config
    }

    /// The `store:` section of the main file alone, without the files it names (commands that
    /// only need to know where the store is); nil when the file or the section is unusable.
    public static func storeSettings(path: String) -> StoreSettings? {
        let reader = YAMLReader(file: path)
        guard let root = reader.load(path), let top = reader.mapping(root, "", allowed: topKeys) else { return nil }
        guard let node = top["store"] else { return StoreSettings() }
        let settings = StoreSettingsReader.read(node, reader)
        return reader.issues.isEmpty ? settings : nil
    }

    /// The `web:` section of the main file alone (`chipwatch serve`, `web adduser`): nil when the
    /// file has none; throws the section's problems, each with its line.
    public static func webSettings(path: String) throws -> WebSettings? {
        let reader = YAMLReader(file: path)
        guard let root = reader.load(path), let top = reader.mapping(root, "", allowed: topKeys) else { throw ConfigError(reader.issues) }
        guard let node = top["web"] else { return nil }
        let settings = WebSettingsReader.read(node, reader, beside: path)
        guard reader.issues.isEmpty, let settings else { throw ConfigError(reader.issues) }
        return settings
    }

    /// The roadmap's milestone ids in the file's order, read alone (no feeds, dictionary or
    /// rules): what listings sort milestones by. Nil when the file names no readable roadmap.
    public static func roadmapOrder(path: String) -> [String]? {
        let reader = YAMLReader(file: path)
        guard let root = reader.load(path), let top = reader.mapping(root, "", allowed: topKeys),
              let node = top["roadmap"], let relative = reader.string(node, "roadmap") else { return nil }
        let roadmapPath = resolve(relative, beside: path)
        guard FileManager.default.fileExists(atPath: roadmapPath) else { return nil }
        return RoadmapFile.read(path: roadmapPath, reader: YAMLReader(file: roadmapPath), dictionary: nil).map(\.id)
    }

    /// A path the main file names, relative to the main file's folder.
    static func resolve(_ relative: String, beside path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return relative.hasPrefix("/") ? relative : (folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative))
    }

    /// Where the configuration is looked for: `$CHIPWATCH_CONFIG`, else
    /// `/etc/chipwatch/chipwatch.yaml` if it exists, else `feeds/chipwatch.yaml` here.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["CHIPWATCH_CONFIG"], !path.isEmpty { return path }
        if FileManager.default.fileExists(atPath: "/etc/chipwatch/chipwatch.yaml") { return "/etc/chipwatch/chipwatch.yaml" }
        return "feeds/chipwatch.yaml"
    }

    /// The state directory when `--state-dir` is not given: `$STATE_DIRECTORY` (systemd; the first
    /// of a colon-separated list), else `$XDG_STATE_HOME/chipwatch`, else `$HOME/.local/state/chipwatch`.
    /// `$HOME` is read from the environment, not from the password database (which is what
    /// Foundation's `NSHomeDirectory()` does on Linux): cron, containers and tests set `HOME`.
    public static func defaultStateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !systemd.isEmpty {
            return String(systemd)
        }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/chipwatch" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/chipwatch"
    }
}

/// Reads the `store:` section: `retention: {documents: 90d}`, and a shared PostgreSQL store
/// (`url`, one of `password_file`/`password_env`/`credential`, `tls`, `pool`).
enum StoreSettingsReader {
    static func read(_ node: Node, _ r: YAMLReader) -> StoreSettings {
        var s = StoreSettings()
        guard let map = r.mapping(node, "store", allowed: ["retention", "url", "password_file", "password_env", "credential",
                                                         "password", "tls", "pool"]) else { return s }
        if let retention = map["retention"], let kept = r.mapping(retention, "store.retention", allowed: ["documents"]),
           let documents = kept["documents"], let text = r.string(documents, "store.retention.documents") {
            if let seconds = DurationText.seconds(text), seconds >= 86400 {
                s.documentRetention = seconds
            } else {
                r.issue(documents, "store.retention.documents", "\"\(text)\" must be a duration of at least a day, such as 90d")
            }
        }
        if map["password"] != nil {
            r.issue(map["password"], "store.password", "passwords never go in the YAML: use password_file, password_env or credential")
        }
        guard let urlNode = map["url"], let url = r.string(urlNode, "store.url") else {
            for key in ["password_file", "password_env", "credential", "tls", "pool"] where map[key] != nil {
                r.issue(map[key], "store.\(key)", "belongs to a PostgreSQL store: give store.url too")
            }
            return s
        }
        let parsed: (user: String, database: String, endpoint: PostgresSettings.Endpoint)
        switch PostgresSettings.parseURL(url) {
        case .success(let value): parsed = value
        case .failure(let problem):
            r.issue(urlNode, "store.url", problem.message)
            return s
        }
        var tls = PostgresSettings.TLS.require
        if let n = map["tls"], let text = r.string(n, "store.tls") {
            if let value = PostgresSettings.TLS(rawValue: text) { tls = value } else {
                r.issue(n, "store.tls", "\"\(text)\" must be require, verify-full or disable")
            }
            if tls == .disable, !parsed.endpoint.isLocal {
                r.issue(n, "store.tls", "disable is accepted only for a Unix socket or loopback; \(parsed.endpoint) is neither")
            }
        }
        var pool = 4
        if let n = map["pool"], let v = r.int(n, "store.pool", range: 1...64) { pool = v }
        s.postgres = PostgresSettings(url: url, user: parsed.user, database: parsed.database, endpoint: parsed.endpoint,
                                      password: ReceiversReader.secret(map, prefix: "password", "store", r), tls: tls, pool: pool)
        return s
    }
}

/// Reads the `fetch:` section.
enum FetchSettingsReader {
    static func read(_ node: Node, _ r: YAMLReader) -> FetchSettings {
        var s = FetchSettings()
        let keys: Set<String> = ["concurrency", "per_host", "connect_timeout_seconds", "timeout_seconds",
                                 "max_body_bytes", "max_redirects", "allow_private_networks", "user_agent",
                                 "low_speed_bytes_per_second", "low_speed_seconds", "run_deadline_seconds"]
        guard let map = r.mapping(node, "fetch", allowed: keys) else { return s }
        if let n = map["concurrency"], let v = r.int(n, "fetch.concurrency", range: 1...256) { s.concurrency = v }
        if let n = map["per_host"], let v = r.int(n, "fetch.per_host", range: 1...64) { s.perHost = v }
        if let n = map["connect_timeout_seconds"],
           let v = r.seconds(n, "fetch.connect_timeout_seconds", range: 0.1...300) { s.connectTimeoutSeconds = v }
        if let n = map["timeout_seconds"], let v = r.seconds(n, "fetch.timeout_seconds", range: 0.1...3600) {
            s.timeoutSeconds = v
        }
        if let n = map["max_body_bytes"], let v = r.int(n, "fetch.max_body_bytes", range: 1024...1_073_741_824) {
            s.maxBodyBytes = v
        }
        if let n = map["max_redirects"], let v = r.int(n, "fetch.max_redirects", range: 0...50) { s.maxRedirects = v }
        if let n = map["allow_private_networks"], let v = r.bool(n, "fetch.allow_private_networks") {
            s.allowPrivateNetworks = v
        }
        if let n = map["user_agent"], let v = r.string(n, "fetch.user_agent") {
            if v.trimmingCharacters(in: .whitespaces).isEmpty {
                r.issue(n, "fetch.user_agent", "must not be empty (SEC EDGAR refuses anonymous clients)")
            } else {
                s.userAgent = v
            }
        }
        if let n = map["low_speed_bytes_per_second"],
           let v = r.int(n, "fetch.low_speed_bytes_per_second", range: 1...1_000_000_000) { s.lowSpeedBytesPerSecond = v }
        if let n = map["low_speed_seconds"], let v = r.seconds(n, "fetch.low_speed_seconds", range: 1...3600) {
            s.lowSpeedSeconds = v
        }
        if let n = map["run_deadline_seconds"], let v = r.seconds(n, "fetch.run_deadline_seconds", range: 1...86_400) {
            s.runDeadlineSeconds = v
        }
        return s
    }
}
