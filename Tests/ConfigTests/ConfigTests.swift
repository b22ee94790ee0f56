import Config
import Core
import TestSupport
import Testing

@Suite("Configuration")
struct ConfigTests {
    let dir: TempDir
    init() throws { dir = try TempDir() }

    func load(main: String = "feeds: feeds.yaml\n", feeds: String) throws -> ChipwatchConfig {
        _ = try dir.write("feeds.yaml", feeds)
        return try ChipwatchConfig.load(path: try dir.write("chipwatch.yaml", main))
    }

    func issues(main: String = "feeds: feeds.yaml\n", feeds: String) -> [ConfigIssue] {
        do {
            _ = try load(main: main, feeds: feeds)
            return []
        } catch let error as ConfigError {
            return error.issues
        } catch {
            return [ConfigIssue(file: "?", line: 0, field: "", message: "\(error)")]
        }
    }

    @Test("the shipped configuration loads")
    func shippedConfig() throws {
        let config = try ChipwatchConfig.load(path: Repository.root + "/feeds/chipwatch.yaml")
        #expect(config.feeds.count >= 10)
        #expect(config.feeds.contains { $0.id == "fr-bis" && $0.tier == .official })
        #expect(config.fetch.concurrency == 16 && config.fetch.perHost == 2)
    }

    @Test("feeds and settings are read with their defaults")
    func reads() throws {
        let config = try load(main: "feeds: feeds.yaml\nfetch:\n  per_host: 4\n  timeout_seconds: 12.5\n", feeds: """
            feeds:
              - id: fr-bis
                url: https://www.federalregister.gov/x.rss
                tier: 1
                tags: [export-control]
                interval: 2h
                full_text: true
              - id: press
                url: http://press.example/feed
                tier: 2
            """)
        #expect(config.fetch.perHost == 4 && config.fetch.timeoutSeconds == 12.5 && config.fetch.concurrency == 16)
        // The run's deadline follows the timeout unless given.
        #expect(config.fetch.runDeadlineSeconds == nil && config.fetch.effectiveRunDeadline == 25)
        let given = try load(main: "feeds: feeds.yaml\nfetch: {run_deadline_seconds: 90}\n",
                             feeds: "feeds:\n  - {id: a, url: 'https://a.example/f', tier: 2}\n")
        #expect(given.fetch.effectiveRunDeadline == 90)
        // Raw bodies are kept unless a retention is given, of at least a day.
        #expect(config.store.documentRetention == nil)
        let kept = try load(main: "feeds: feeds.yaml\nstore: {retention: {documents: 90d}}\n",
                            feeds: "feeds:\n  - {id: a, url: 'https://a.example/f', tier: 2}\n")
        #expect(kept.store.documentRetention == 90.0 * 86_400)
        #expect(throws: ConfigError.self) {
            try load(main: "feeds: feeds.yaml\nstore: {retention: {documents: 12h}}\n",
                     feeds: "feeds:\n  - {id: a, url: 'https://a.example/f', tier: 2}\n")
        }
        #expect(config.feeds[0] == Feed(id: "fr-bis", url: "https://www.federalregister.gov/x.rss", tier: .official,
                                        tags: ["export-control"], interval: 7200, fullText: true))
        #expect(config.feeds[1].interval == 3600 && !config.feeds[1].fullText)
    }

    @Test("every error names the file, the line and the field")
    func locatedErrors() {
        let found = issues(feeds: """
            feeds:
              - id: Bad Id
                url: ftp://x.example/feed
                tier: 4
              - id: ok
                url: https://x.example/feed
                tier: 1
                interval: 1 hour
                colour: red
              - id: ok
                url: https://y.example/feed
                tier: 2
            """)
        let text = found.map(\.description)
        #expect(text.contains { $0.hasSuffix("feeds.yaml:2: feeds[0].id: \"Bad Id\" must use only a-z, 0-9 and -") })
        #expect(text.contains { $0.contains("feeds.yaml:3: feeds[0].url:") && $0.contains("http or https") })
        #expect(text.contains { $0.contains("feeds.yaml:4: feeds[0].tier:") })
        #expect(text.contains { $0.contains("feeds.yaml:8: feeds[1].interval:") })
        #expect(text.contains { $0.contains("feeds.yaml:9: feeds[1].colour: unknown key") })
        #expect(text.contains { $0.contains("feeds.yaml:10: feeds[2].id: \"ok\" is already used on line 5") })
        #expect(found.count == 6)
    }

    @Test("errors in the main file are located too")
    func mainFileErrors() {
        let found = issues(main: "feeds: feeds.yaml\nfetch:\n  concurrency: lots\n  per_hots: 2\nroadmap: missing.yaml\n",
                           feeds: "feeds: []\n")
        let text = found.map(\.description)
        #expect(text.contains { $0.contains("chipwatch.yaml:3: fetch.concurrency:") })
        #expect(text.contains { $0.contains("chipwatch.yaml:4: fetch.per_hots: unknown key") })
        #expect(text.contains { $0.contains("chipwatch.yaml:5: roadmap: names") && $0.contains("does not exist") })
    }

    @Test("broken YAML is reported with its line")
    func brokenYAML() {
        let found = issues(feeds: "feeds:\n  - id: a\n    url: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.line ?? 0 >= 3)
        #expect(found.first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test("a missing feeds file is named")
    func missingFeedsFile() {
        do {
            _ = try ChipwatchConfig.load(path: try dir.write("chipwatch.yaml", "feeds: nowhere.yaml\n"))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("nowhere.yaml: cannot read the file"))
        }
    }

    @Test("store: a PostgreSQL URL, its password never in the YAML, TLS off only where no network carries it")
    func postgresStore() throws {
        let feeds = "feeds:\n  - {id: a, url: 'https://a.example/f', tier: 2}\n"
        let tcp = try load(main: """
            feeds: feeds.yaml
            store:
              url: postgres://chipwatch@db.example.net:6432/watch
              password_env: CHIPWATCH_PG
            """, feeds: feeds)
        #expect(tcp.store.postgres == PostgresSettings(url: "postgres://chipwatch@db.example.net:6432/watch", user: "chipwatch",
                                                       database: "watch", endpoint: .tcp(host: "db.example.net", port: 6432),
                                                       password: .environment("CHIPWATCH_PG"), tls: .require, pool: 4))
        let socket = try load(main: """
            feeds: feeds.yaml
            store: {url: "postgres://chipwatch@%2Frun%2Fpostgresql/chipwatch", credential: pg, tls: disable, pool: 8}
            """, feeds: feeds)
        #expect(socket.store.postgres?.endpoint == .socket(folder: "/run/postgresql", port: 5432))
        #expect(socket.store.postgres?.password == .credential("pg") && socket.store.postgres?.pool == 8)
        let query = try load(main: "feeds: feeds.yaml\nstore: {url: 'postgresql://w@localhost:5433/db?host=/tmp/pg', tls: disable}\n",
                             feeds: feeds)
        #expect(query.store.postgres?.endpoint == .socket(folder: "/tmp/pg", port: 5433))
        #expect(try load(feeds: feeds).store.postgres == nil)

        let cases: [(String, String)] = [
            ("{url: 'postgres://chipwatch:secret@127.0.0.1/chipwatch'}", "must not carry a password"),
            ("{url: 'postgres://chipwatch@127.0.0.1/chipwatch', password: secret}", "passwords never go in the YAML"),
            ("{url: 'postgres://chipwatch@db.example.net/chipwatch', tls: disable}", "only for a Unix socket or loopback"),
            ("{url: 'postgres://chipwatch@127.0.0.1/chipwatch', tls: prefer}", "must be require, verify-full or disable"),
            ("{url: 'mysql://chipwatch@127.0.0.1/chipwatch'}", "must be a postgres:// URL"),
            ("{url: 'postgres://127.0.0.1/chipwatch'}", "names no user"),
            ("{url: 'postgres://chipwatch@127.0.0.1'}", "names no database"),
            ("{url: 'postgres://chipwatch@127.0.0.1/chipwatch', pool: 0}", "store.pool"),
            ("{url: 'postgres://chipwatch@127.0.0.1/chipwatch', password_file: a, password_env: B}", "give one of"),
            ("{password_file: /etc/chipwatch/pg-password}", "give store.url too"),
        ]
        for (store, message) in cases {
            let found = issues(main: "feeds: feeds.yaml\nstore: \(store)\n", feeds: feeds)
            #expect(found.contains { $0.description.contains(message) && $0.description.contains("chipwatch.yaml:2") }, "\(store): \(found)")
            #expect(!found.contains { $0.description.contains(":secret@") }, "\(found)")
        }
    }
}
