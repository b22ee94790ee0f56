import Core
import Foundation
import PostgresStore
import Testing
import TestSupport

/// Several hosts on one PostgreSQL store, each a state directory running `chipwatch run` at the
/// same time, against a real server (`.ci/postgres`) and the demo's feeds on loopback.
@Suite("PostgreSQL: several hosts", .serialized)
struct PostgresHostsTests {
    let server: PrivatePostgres
    init() throws { server = try PrivatePostgres.shared.get() }

    @Test("300 feeds with the demo's dated story, run by three hosts at once on PostgreSQL with hosts killed at three moments: each feed polled once an act, the board, history, alerts, review output and webhook deliveries of one host on SQLite, each delivery once, one audit chain")
    func threeHosts() throws {
        // The demo's four feeds and 296 more (two items each, no chip events) in one folder, served
        // twice: one server for the single SQLite host, one for the three hosts, so hits are counted apart.
        let files = try TempDir()
        let samples = CLI.repositoryRoot + "/feeds/samples"
        for name in try FileManager.default.contentsOfDirectory(atPath: samples) where !name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: files.path + "/" + name)
        }
        // Feeds 5-20 are full_text: their items link to article pages on a server of their own.
        let pages = try LoopbackServer(root: files.path)
        func writeFillers(items count: Int) throws {
            for feed in 5...300 {
                let items = (1...count).map { n in
                    let link = feed <= 20 ? pages.url("/files/page-\(feed)-\(n).html") : "https://filler.example/\(feed)/\(n)"
                    return "<item><title>Feed \(feed) note \(n): memory prices steady</title><link>\(link)</link>"
                        + "<guid>filler-\(feed)-\(n)</guid><pubDate>Mon, 0\(n) Mar 2026 10:00:00 GMT</pubDate>"
                        + "<description>Contract prices for server memory were little changed this week, note \(n).</description></item>"
                }.joined()
                _ = try files.write("filler-\(feed).xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Filler \(feed)</title>"
                                    + "<link>https://filler.example/\(feed)</link><description>d</description>\(items)</channel></rss>")
                if feed <= 20 {
                    for n in 1...count {
                        _ = try files.write("page-\(feed)-\(n).html", "<html><head><title>Note \(n)</title></head><body><article><p>"
                                            + "Contract prices for server memory were little changed this week, said the note \(n) of feed \(feed), "
                                            + "as buyers waited for the next quarter's allocations.</p></article></body></html>")
                    }
                }
            }
        }
        try writeFillers(items: 2)
        let sources = try (0..<2).map { _ in try LoopbackServer(root: files.path) }
        let hooks = try (0..<2).map { _ in try LoopbackServer(script: "hook_server.py", arguments: ["hosts-secret"]) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path + "/credentials", withIntermediateDirectories: true)
        _ = try dir.write("credentials/hook-secret", "hosts-secret\n")
        let credentials = ["CREDENTIALS_DIRECTORY": dir.path + "/credentials"]
        let rules = try String(contentsOfFile: samples + "/rules.yaml", encoding: .utf8)
        func config(_ name: String, _ index: Int, store: String = "") throws -> String {
            var feedsYAML = try sources[index].sampleFeedsYAML()
            for feed in 5...300 {
                feedsYAML += "  - {id: filler-\(feed), url: '\(sources[index].url("/files/filler-\(feed).xml"))', tier: 3"
                    + (feed <= 20 ? ", full_text: true}\n" : "}\n")
            }
            _ = try dir.write("\(name)-feeds.yaml", feedsYAML)
            _ = try dir.write("\(name)-rules.yaml", rules + """

                receivers:
                  - name: desk
                    webhook: {url: "\(hooks[index].url("/hook/ok"))", credential: hook-secret}
                routes:
                  - receivers: [desk]

                """)
            return try dir.write("\(name).yaml", """
                feeds: \(name)-feeds.yaml
                dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
                roadmap: \(samples)/roadmap.yaml
                rules: \(name)-rules.yaml
                fetch: {allow_private_networks: true, concurrency: 16, per_host: 16}
                \(store)
                """)
        }
        let database = try server.createDatabase()
        _ = try dir.write("pg-password", server.password + "\n")
        let sqlite = try config("sqlite", 0)
        let postgres = try config("postgres", 1, store: """
            store:
              url: postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)
              password_file: \(dir.path)/pg-password
            """)
        #expect(try CLI.run(["store", "migrate", "--config", postgres]).status == 0)
        let hosts = try (0..<3).map { _ in try TempDir() }
        let single = try TempDir()
        // (act, host, seconds): killed early (fetch), midway and late in a run.
        let kills: [(act: Int, host: Int, after: Double)] = [(0, 2, 0.3), (0, 0, 1.5), (2, 1, 0.6)]

        for (act, now) in ["2026-03-25T12:00:00Z", "2026-10-21T12:00:00Z", "2027-05-15T12:00:00Z"].enumerated() {
            let run = ["run", "--now", now]
            // In the second act every filler feed gains a third item (feeds 5-20: with a new page).
            if act == 1 { try writeFillers(items: 3) }
            let alone = try CLI.run(run + ["--config", sqlite, "--state-dir", single.path], environment: credentials)
            #expect(alone.status == 0, "\(alone.stdout) \(alone.stderr)")
            let hitsBefore = try sources[1].stats().hits
            let pageHitsBefore = try pages.stats().hits
            let results = RunResults()
            DispatchQueue.concurrentPerform(iterations: 3) { host in
                let arguments = run + ["--config", postgres, "--state-dir", hosts[host].path]
                if let kill = kills.first(where: { $0.act == act && $0.host == host }) {
                    results.noteKilled(Self.killMidRun(arguments, after: kill.after, environment: credentials))
                } else {
                    results.append(try? CLI.run(arguments, environment: credentials))
                }
            }
            #expect(results.killedWhileRunning == kills.filter { $0.act == act }.count, "act \(act + 1): a host finished before it was killed")
            for result in results.all {
                #expect(result?.status == 0, "\(result?.stdout ?? "") \(result?.stderr ?? "no result")")
            }
            // The next tick (same clock, any host) finishes what a killed host or one that lost
            // a singleton race left, as the timer would minutes later.
            let tick = try CLI.run(run + ["--config", postgres, "--state-dir", hosts[1].path], environment: credentials)
            #expect(tick.status == 0, "\(tick.stdout) \(tick.stderr)")
            if act == 1 {
                // Nobody killed: every feed is due (months passed) and polled once between the hosts.
                let hits = try sources[1].stats().hits
                let polled = (1...300).map { feed -> Int in
                    let path = feed <= 4 ? nil : "/files/filler-\(feed).xml"
                    return path.map { (hits[$0] ?? 0) - (hitsBefore[$0] ?? 0) } ?? 1
                }
                #expect(polled.allSatisfy { $0 == 1 }, "act 2: feeds polled other than once: \(polled.enumerated().filter { $0.element != 1 }.prefix(5))")
                // The new pages, each fetched once between the hosts (the SQLite host fetched them before).
                let pageHits = try pages.stats().hits
                let fetched = (5...20).map { (pageHits["/files/page-\($0)-3.html"] ?? 0) - (pageHitsBefore["/files/page-\($0)-3.html"] ?? 0) }
                #expect(fetched == Array(repeating: 1, count: 16), "act 2: pages fetched \(fetched)")
            }

            let onSQLite = try sqliteState(single.path + "/chipwatch.sqlite")
            let onPostgres = try postgresState(database)
            #expect(!onSQLite.milestones.isEmpty && !onSQLite.alerts.isEmpty)
            #expect(onPostgres.milestones == onSQLite.milestones, "act \(act + 1)")
            #expect(onPostgres.history == onSQLite.history, "act \(act + 1)")
            #expect(onPostgres.alerts == onSQLite.alerts, "act \(act + 1)")
            #expect(onPostgres.deliveries == onSQLite.deliveries, "act \(act + 1)")
            #expect(onPostgres.items == onSQLite.items, "act \(act + 1): items")
            #expect(onPostgres.signals == onSQLite.signals, "act \(act + 1): signals")
        }

        // The review commands read the shared store as they read the single host's file.
        for review in [["milestones", "--format", "json"], ["milestones", "--at", "2026-10-20T00:00:00Z", "--format", "csv"],
                       ["signals", "--format", "json"], ["signals", "--story", "--event", "slip"], ["alerts", "--format", "json"],
                       ["explain", "huawei-ascend-950dt"], ["dictionary", "suggest"],
                       ["replay", "--from", "2026-03-01", "--to", "2027-06-01", "--step", "30d"]] {
            let single = try CLI.run(review + ["--config", sqlite, "--state-dir", single.path])
            let shared = try CLI.run(review + ["--config", postgres, "--state-dir", hosts[2].path])
            #expect(single.status == 0 && shared.status == 0, "\(review): \(single.stderr) \(shared.stderr)")
            #expect(single.stdout.count > 40, "\(review): \(single.stdout)")
            #expect(Self.maskingIDs(shared.stdout) == Self.maskingIDs(single.stdout), "\(review)")
        }
        let feedList = try CLI.run(["feeds", "--format", "csv", "--config", postgres, "--state-dir", hosts[2].path])
        #expect(feedList.status == 0 && feedList.stdout.contains("filler-300,"), "\(feedList.stdout.prefix(300)) \(feedList.stderr)")
        for (name, arguments) in [("report.md", ["report", "--format", "md", "--at", "2027-05-15T12:00:00Z"]),
                                  ("export.jsonl", ["export", "--since", "2026-01-01"])] {
            #expect(try CLI.run(arguments + ["--out", dir.path + "/single-" + name, "--config", sqlite, "--state-dir", single.path]).status == 0)
            let shared = try CLI.run(arguments + ["--out", dir.path + "/shared-" + name, "--config", postgres, "--state-dir", hosts[2].path])
            #expect(shared.status == 0, "\(shared.stderr)")
            let a = try String(contentsOfFile: dir.path + "/single-" + name, encoding: .utf8)
            let b = try String(contentsOfFile: dir.path + "/shared-" + name, encoding: .utf8)
            let (left, right) = (Self.maskingIDs(a), Self.maskingIDs(b))
            #expect(a.count > 100 && left == right, "\(name): \(left.filter { !right.contains($0) }.prefix(3)) | \(right.filter { !left.contains($0) }.prefix(3))")
        }

        // Listings read in pages of two give what one page gives, in the same order.
        let url = "postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)"
        let parsed = try PostgresSettings.parseURL(url).get()
        let settings = PostgresSettings(url: url, user: parsed.user, database: parsed.database, endpoint: parsed.endpoint,
                                        password: nil, tls: .disable, pool: 1)
        func listings(page: Int) throws -> [String] {
            let store = PostgresStageStore(store: PostgresStore(settings: settings, password: server.password), reviewPage: page)
            defer { store.close() }
            var seen: [String] = []
            for byStory in [false, true] { try store.eachSignal(SignalFilter(), byStory: byStory) { seen.append("signal \($0.id)") } }
            for oldest in [false, true] { try store.eachAlert(since: nil, oldestFirst: oldest) { seen.append("alert \($0.id)") } }
            return seen
        }
        let paged = try listings(page: 2)
        #expect(paged.count > 20)
        #expect(paged == (try listings(page: 500)))

        // Every webhook delivery received once, signed, the same set as the single host's.
        func received(_ hook: LoopbackServer) throws -> [String] {
            let list = try JSONSerialization.jsonObject(with: Data(try HTTPGet.body(hook.url("/received")))) as? [[String: Any]] ?? []
            #expect(list.allSatisfy { $0["signature_ok"] as? Bool == true })
            return list.compactMap { $0["key"] as? String }.sorted()
        }
        let delivered = try received(hooks[1])
        #expect(Set(delivered).count == delivered.count, "a delivery received twice: \(delivered)")
        #expect(delivered == (try received(hooks[0])))
        #expect(delivered.count >= 3)

        // One chain, checked from a host against its own audit.head; each host wrote its metrics.
        let verified = try CLI.run(["verify-log", "--config", postgres, "--state-dir", hosts[0].path])
        #expect(verified.status == 0 && verified.stdout.contains("chain intact"), "\(verified.stdout) \(verified.stderr)")
        for host in hosts {
            let metrics = (try? String(contentsOfFile: host.path + "/chipwatch.prom", encoding: .utf8)) ?? ""
            #expect(metrics.contains("chipwatch_milestones{state=\"shipped\"} 1"), "\(host.path): \(metrics.prefix(400))")
        }
        try server.sql("UPDATE audit_log SET body = body || ' ' WHERE seq = 3", database: database)
        let tampered = try CLI.run(["verify-log", "--config", postgres, "--state-dir", hosts[0].path])
        #expect(tampered.status == 65 && tampered.stdout.contains("entry 3"), "\(tampered.stdout) \(tampered.stderr)")
    }

    @Test("evaluate and notify on PostgreSQL are singletons: while one process holds evaluate, another says so and changes nothing")
    func singletons() throws {
        let dir = try TempDir()
        let database = try server.createDatabase()
        let samples = CLI.repositoryRoot + "/feeds/samples"
        _ = try dir.write("pg-password", server.password + "\n")
        let config = try dir.write("chipwatch.yaml", """
            feeds: \(CLI.repositoryRoot)/feeds/feeds.yaml
            roadmap: \(samples)/roadmap.yaml
            rules: \(samples)/rules.yaml
            store:
              url: postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)
              password_file: \(dir.path)/pg-password
            """)
        #expect(try CLI.run(["store", "migrate", "--config", config]).status == 0)
        // Another host holds the evaluate singleton ("chipeval") for as long as its session lasts.
        let holder = try server.holdSession("SELECT pg_advisory_lock(\(0x6368_6970_6576_616C));", database: database,
                                            ready: "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'")
        #expect(holder != nil)
        let state = try TempDir()
        let other = try CLI.run(["evaluate", "--config", config, "--state-dir", state.path, "--now", "2027-05-15T12:00:00Z"])
        #expect(other.status == 0 && other.stdout == "evaluate: done by another host\n", "\(other.stdout) \(other.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM milestones", database: database) == "0")
        #expect(!FileManager.default.fileExists(atPath: state.path + "/alerts.atom"))
        // notify is a singleton of its own: it runs.
        let notify = try CLI.run(["notify", "--config", config, "--state-dir", state.path])
        #expect(notify.status == 0 && notify.stdout.hasPrefix("notify: 0 deliveries routed"), "\(notify.stdout) \(notify.stderr)")

        // The holder dies: the server frees the lock, and the next evaluate runs.
        holder?.kill()
        for _ in 0..<250 where try server.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'", database: database) != "0" {
            usleep(20_000)
        }
        let next = try CLI.run(["evaluate", "--config", config, "--state-dir", state.path, "--now", "2027-05-15T12:00:00Z"])
        #expect(next.status == 0 && next.stdout.hasPrefix("evaluate: 0 signals"), "\(next.stdout) \(next.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM milestones", database: database) == "5")
        #expect(FileManager.default.fileExists(atPath: state.path + "/alerts.atom"))
    }

    @Test("a server that goes away mid-run: extract exits 74 naming the store, its open batch rolled back (no item half done); the next run finishes")
    func serverGoesAway() throws {
        let files = try TempDir()
        var feedsYAML = "feeds:\n"
        let sourcesServer = try LoopbackServer(root: files.path)
        for feed in 1...60 {
            let items = (1...10).map { n in
                "<item><title>Feed \(feed) item \(n): Ascend 950PR shipments</title><link>https://news.example/\(feed)/\(n)</link>"
                    + "<guid>f\(feed)-i\(n)</guid><pubDate>Mon, 0\(n % 9 + 1) Mar 2026 10:00:00 GMT</pubDate>"
                    + "<description>Huawei began shipping the Ascend 950PR, item \(n) of feed \(feed).</description></item>"
            }.joined()
            _ = try files.write("feed\(feed).xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed \(feed)</title>"
                                + "<link>https://news.example/\(feed)</link><description>d</description>\(items)</channel></rss>")
            feedsYAML += "  - {id: feed-\(feed), url: '\(sourcesServer.url("/files/feed\(feed).xml"))', tier: 2}\n"
        }
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", feedsYAML)
        _ = try dir.write("pg-password", server.password + "\n")
        let database = try server.createDatabase()
        let config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            fetch: {allow_private_networks: true, concurrency: 8, per_host: 8}
            store:
              url: postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)
              password_file: \(dir.path)/pg-password
            """)
        let state = try TempDir()
        #expect(try CLI.run(["store", "migrate", "--config", config]).status == 0)
        #expect(try CLI.run(["fetch", "--config", config, "--state-dir", state.path]).status == 0)
        #expect(try CLI.run(["parse", "--config", config, "--state-dir", state.path]).status == 0)
        #expect(try server.sql("SELECT COUNT(*) FROM items", database: database) == "600")

        // Another session holds the audit chain's lock, so extract, its first batch claimed and
        // extracted, waits to write it; then the server ends extract's session (as a restart or a
        // failover would). No race: the cut comes while the batch is certainly open.
        let holder = try server.holdSession("SELECT pg_advisory_lock(\(0x63_6869_7061_7564));", database: database,
                                            ready: "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
        #expect(holder != nil)
        let cut = DispatchQueue(label: "cut")
        let ended = DispatchSemaphore(value: 0)
        cut.async {
            for _ in 0..<1500 {
                let cutOff = (try? self.server.sql("""
                    SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = '\(database)' AND wait_event_type = 'Lock' AND wait_event = 'advisory'
                    """)) ?? "0"
                if cutOff != "0" { break }
                usleep(20_000)
            }
            ended.signal()
        }
        let extract = try CLI.run(["extract", "--config", config, "--state-dir", state.path])
        ended.wait()
        holder?.kill()
        #expect(extract.status == 74, "\(extract.stdout) \(extract.stderr)")
        #expect(extract.stderr.contains("store postgres://chipwatch@localhost:\(server.port)/\(database)"), "\(extract.stderr)")
        let halfDone = try server.sql("""
            SELECT COUNT(*) FROM items i WHERE i.extract_state = 'new' AND EXISTS (SELECT 1 FROM signals s WHERE s.item_id = i.id)
            """, database: database)
        #expect(halfDone == "0")
        let waiting = Int(try server.sql("SELECT COUNT(*) FROM items WHERE extract_state = 'new'", database: database)) ?? 0
        #expect(waiting > 0, "the cut came after the last batch")

        let again = try CLI.run(["extract", "--config", config, "--state-dir", state.path])
        #expect(again.status == 0 && again.stdout.contains("extract: \(waiting) items"), "\(again.stdout) \(again.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM items WHERE extract_state = 'new'", database: database) == "0")
        #expect(try server.sql("SELECT COUNT(*) FROM signals", database: database) != "0")
        let verified = try CLI.run(["verify-log", "--config", config, "--state-dir", state.path])
        #expect(verified.stdout.contains("chain intact"), "\(verified.stdout) \(verified.stderr)")
    }

    /// Row ids differ between the stores (parse processes racing number items in another
    /// order; PostgreSQL's sequences advance on every upsert), and so does the order of rows
    /// that tie on time; what they stand for may not. The order itself is checked above, by
    /// reading in pages.
    private static func maskingIDs(_ text: String) -> [String] {
        text.replacingOccurrences(of: #""(id|story|story_id|item|item_id|alert_id|signal)":\s*\d+"#, with: "\"$1\":#",
                                  options: .regularExpression)
            .replacingOccurrences(of: #"\b(item|story|signal|alert) \d+"#, with: "$1 #", options: .regularExpression)
            .replacingOccurrences(of: #""signals":\[[\d,]*\]"#, with: "\"signals\":[#]", options: .regularExpression)
            .replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "127.0.0.1:#", options: .regularExpression)
            .split(separator: "\n").map(String.init).sorted()
    }

    /// Starts `chipwatch` with `arguments` and kills it (SIGKILL) after `seconds`; returns
    /// whether it was still running then.
    private static func killMidRun(_ arguments: [String], after seconds: Double, environment: [String: String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.repositoryRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        usleep(UInt32(seconds * 1_000_000))
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(2000) }
        return running
    }

    /// What a reader compares between the stores: rows as text, in a stable order.
    private struct Outcome: Equatable {
        var milestones: [String]
        var history: [String]
        var alerts: [String]
        var deliveries: [String]
        var items: [String]
        var signals: [String]
    }

    private static let queries = (
        milestones: "SELECT id || '|' || state || '|' || current_window || '|' || COALESCE(observed, '-') || '|' || COALESCE(CAST(days_late AS TEXT), '-') FROM milestones ORDER BY id",
        history: "SELECT milestone_id || '|' || from_state || '|' || to_state || '|' || window_after || '|' || note FROM milestone_history ORDER BY milestone_id, id",
        alerts: "SELECT fingerprint || '|' || status || '|' || kind || '|' || severity FROM alerts ORDER BY fingerprint",
        deliveries: "SELECT key || '|' || receiver || '|' || state FROM deliveries ORDER BY key",
        items: "SELECT feed_id || '|' || item_key || '|' || title || '|' || content_hash || '|' || extract_state || '|' || COALESCE(CAST(length(full_text) AS TEXT), '-') FROM items ORDER BY feed_id, item_key",
        signals: """
            SELECT i.feed_id || '|' || i.item_key || '|' || s.seq || '|' || s.event || '|' || s.modality || '|' || COALESCE(s.product, '-')
                || '|' || COALESCE(s.stated_window, '-') || '|' || s.evaluate_state
            FROM signals s JOIN items i ON i.id = s.item_id ORDER BY i.feed_id, i.item_key, s.seq
            """
    )

    private func postgresState(_ database: String) throws -> Outcome {
        func rows(_ sql: String) throws -> [String] {
            try server.sql(sql, database: database).split(separator: "\n").map(String.init)
        }
        return Outcome(milestones: try rows(Self.queries.milestones), history: try rows(Self.queries.history),
                       alerts: try rows(Self.queries.alerts), deliveries: try rows(Self.queries.deliveries),
                       items: try rows(Self.queries.items), signals: try rows(Self.queries.signals))
    }

    private func sqliteState(_ path: String) throws -> Outcome {
        func rows(_ sql: String) throws -> [String] {
            let run = try CLI.program("/usr/bin/env", ["python3", "-c", """
                import sqlite3, sys
                for (line,) in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(line)
                """, path, sql])
            guard run.status == 0 else { throw TestFailure("sqlite3: \(sql): \(run.output)") }
            return run.output.split(separator: "\n").map(String.init)
        }
        return Outcome(milestones: try rows(Self.queries.milestones), history: try rows(Self.queries.history),
                       alerts: try rows(Self.queries.alerts), deliveries: try rows(Self.queries.deliveries),
                       items: try rows(Self.queries.items), signals: try rows(Self.queries.signals))
    }
}

/// Results gathered from concurrent hosts.
private final class RunResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result?] = []
    private var killed = 0
    func append(_ result: CLI.Result?) { lock.withLock { results.append(result) } }
    /// A host was killed; `wasRunning` whether it still worked then.
    func noteKilled(_ wasRunning: Bool) { lock.withLock { killed += wasRunning ? 1 : 0 } }
    var all: [CLI.Result?] { lock.withLock { results } }
    var killedWhileRunning: Int { lock.withLock { killed } }
}
