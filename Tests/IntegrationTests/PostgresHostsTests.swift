import Foundation
import Testing
import TestSupport

/// Several hosts on one PostgreSQL store, each a state directory running `chipwatch run` at the
/// same time, against a real server (`.ci/postgres`) and the demo's feeds on loopback.
@Suite("PostgreSQL: several hosts", .serialized)
struct PostgresHostsTests {
    let server: PrivatePostgres
    init() throws { server = try PrivatePostgres.shared.get() }

    @Test("the demo's dated story run by three hosts at once on PostgreSQL, one killed mid-run: the board, history, alerts and notifications of one host on SQLite, each notification delivered once, one audit chain")
    func threeHosts() throws {
        let feeds = try LoopbackServer(root: CLI.repositoryRoot + "/feeds/samples")
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", try feeds.sampleFeedsYAML())
        let samples = CLI.repositoryRoot + "/feeds/samples"
        let rules = try String(contentsOfFile: samples + "/rules.yaml", encoding: .utf8)
        func config(_ name: String, store: String = "") throws -> String {
            // Each setup has its own notification log: on PostgreSQL the three hosts share one.
            _ = try dir.write("\(name)-rules.yaml", rules + """

                receivers:
                  - name: file
                    log: {path: "\(dir.path)/\(name)-notifications.jsonl"}
                routes:
                  - receivers: [file]

                """)
            return try dir.write("\(name).yaml", """
                feeds: feeds.yaml
                dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
                roadmap: \(samples)/roadmap.yaml
                rules: \(name)-rules.yaml
                fetch: {allow_private_networks: true}
                \(store)
                """)
        }
        let database = try server.createDatabase()
        _ = try dir.write("pg-password", server.password + "\n")
        let postgres = try config("postgres", store: """
            store:
              url: postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)
              password_file: \(dir.path)/pg-password
            """)
        let sqlite = try config("sqlite")
        #expect(try CLI.run(["store", "migrate", "--config", postgres]).status == 0)
        let hosts = try (0..<3).map { _ in try TempDir() }
        let single = try TempDir()

        for (act, now) in ["2026-03-25T12:00:00Z", "2026-10-21T12:00:00Z", "2027-05-15T12:00:00Z"].enumerated() {
            let run = ["run", "--now", now]
            #expect(try CLI.run(run + ["--config", sqlite, "--state-dir", single.path]).status == 0)
            // Three hosts at once; in the first act the third is killed (SIGKILL) while it works.
            let results = RunResults()
            DispatchQueue.concurrentPerform(iterations: 3) { host in
                let arguments = run + ["--config", postgres, "--state-dir", hosts[host].path]
                if host == 2 && act == 0 {
                    results.killed = Self.killMidRun(arguments)
                } else {
                    results.append(try? CLI.run(arguments))
                }
            }
            #expect(act != 0 || results.killed, "the third host had finished before it was killed")
            for result in results.all {
                #expect(result?.status == 0, "\(result?.stdout ?? "") \(result?.stderr ?? "no result")")
            }
            // The next tick (same clock, any host) finishes what a host that lost a singleton
            // race left waiting, as the timer would minutes later.
            let tick = try CLI.run(run + ["--config", postgres, "--state-dir", hosts[1].path])
            #expect(tick.status == 0, "\(tick.stdout) \(tick.stderr)")
            if act > 0 {
                // The four feeds are due (months passed) and on one site: polled once in all.
                let polled = (results.all + [tick]).compactMap { result -> Int? in
                    guard let line = result?.stdout, let range = line.range(of: #"fetch: (\d+) polled"#, options: .regularExpression)
                    else { return nil }
                    return Int(line[range].split(separator: " ")[1])
                }
                #expect(polled.count == 4 && polled.reduce(0, +) == 4, "act \(act + 1): \((results.all + [tick]).map { $0?.stdout ?? "" })")
            }

            let onSQLite = try sqliteState(single.path + "/chipwatch.sqlite")
            let onPostgres = try postgresState(database)
            #expect(!onSQLite.milestones.isEmpty && !onSQLite.alerts.isEmpty)
            #expect(onPostgres.milestones == onSQLite.milestones, "act \(act + 1)")
            #expect(onPostgres.history == onSQLite.history, "act \(act + 1)")
            #expect(onPostgres.alerts == onSQLite.alerts, "act \(act + 1)")
            #expect(onPostgres.deliveries == onSQLite.deliveries, "act \(act + 1)")
        }
        #expect(try CLI.run(["evaluate", "--config", postgres, "--state-dir", hosts[0].path]).status == 0)

        // Every notification written once, the same set as the single host's.
        func deliveries(_ name: String) throws -> [String] {
            try String(contentsOfFile: dir.path + "/\(name)-notifications.jsonl", encoding: .utf8).split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["delivery"] as? String ?? "?"
            }.sorted()
        }
        let written = try deliveries("postgres")
        #expect(Set(written).count == written.count, "a notification written twice: \(written)")
        #expect(written == (try deliveries("sqlite")))
        #expect(written.count >= 3)

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
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        holder.arguments = ["-h", server.folder, "-p", "\(server.port)", "-U", "chipwatch", "-d", database, "-Xq"]
        holder.environment = ["PGPASSWORD": server.password]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("SELECT pg_advisory_lock(\(0x6368_6970_6576_616C));\n".utf8))
        var held = false
        for _ in 0..<250 where !held {
            held = try server.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'", database: database) == "1"
            if !held { usleep(20_000) }
        }
        #expect(held)
        let state = try TempDir()
        let other = try CLI.run(["evaluate", "--config", config, "--state-dir", state.path, "--now", "2027-05-15T12:00:00Z"])
        #expect(other.status == 0 && other.stdout == "evaluate: done by another host\n", "\(other.stdout) \(other.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM milestones", database: database) == "0")
        #expect(!FileManager.default.fileExists(atPath: state.path + "/alerts.atom"))
        // notify is a singleton of its own: it runs.
        let notify = try CLI.run(["notify", "--config", config, "--state-dir", state.path])
        #expect(notify.status == 0 && notify.stdout.hasPrefix("notify: 0 deliveries routed"), "\(notify.stdout) \(notify.stderr)")

        // The holder dies: the server frees the lock, and the next evaluate runs.
        kill(holder.processIdentifier, SIGKILL)
        var status: Int32 = 0
        waitpid(holder.processIdentifier, &status, 0)
        for _ in 0..<250 where try server.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'", database: database) != "0" {
            usleep(20_000)
        }
        let next = try CLI.run(["evaluate", "--config", config, "--state-dir", state.path, "--now", "2027-05-15T12:00:00Z"])
        #expect(next.status == 0 && next.stdout.hasPrefix("evaluate: 0 signals"), "\(next.stdout) \(next.stderr)")
        #expect(try server.sql("SELECT COUNT(*) FROM milestones", database: database) == "5")
        #expect(FileManager.default.fileExists(atPath: state.path + "/alerts.atom"))
    }

    /// Starts `chipwatch` with `arguments` and kills it (SIGKILL) once it has worked a moment;
    /// returns whether it was still running then.
    private static func killMidRun(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.repositoryRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        usleep(700_000)
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
    }

    private static let queries = (
        milestones: "SELECT id || '|' || state || '|' || current_window || '|' || COALESCE(observed, '-') || '|' || COALESCE(CAST(days_late AS TEXT), '-') FROM milestones ORDER BY id",
        history: "SELECT milestone_id || '|' || from_state || '|' || to_state || '|' || window_after || '|' || note FROM milestone_history ORDER BY milestone_id, id",
        alerts: "SELECT fingerprint || '|' || status || '|' || kind || '|' || severity FROM alerts ORDER BY fingerprint",
        deliveries: "SELECT key || '|' || receiver || '|' || state FROM deliveries ORDER BY key"
    )

    private func postgresState(_ database: String) throws -> Outcome {
        func rows(_ sql: String) throws -> [String] {
            try server.sql(sql, database: database).split(separator: "\n").map(String.init)
        }
        return Outcome(milestones: try rows(Self.queries.milestones), history: try rows(Self.queries.history),
                       alerts: try rows(Self.queries.alerts), deliveries: try rows(Self.queries.deliveries))
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
                       alerts: try rows(Self.queries.alerts), deliveries: try rows(Self.queries.deliveries))
    }
}

/// Results gathered from concurrent hosts.
private final class RunResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result?] = []
    private var wasKilled = false
    func append(_ result: CLI.Result?) { lock.withLock { results.append(result) } }
    var all: [CLI.Result?] { lock.withLock { results } }
    var killed: Bool {
        get { lock.withLock { wasKilled } }
        set { lock.withLock { wasKilled = newValue } }
    }
}
