import Foundation
import TestSupport
import Testing

/// `chipwatch run` with real child processes, a real lock and a real loopback server.
@Suite("chipwatch run", .serialized)
struct RunTests {
    let server: LoopbackServer
    let dir: TempDir
    let config: String

    init() throws {
        server = try LoopbackServer()
        dir = try TempDir()
        _ = try dir.write("feeds.yaml", """
            feeds:
              - {id: slow, url: "\(server.url("/delay?ms=2500"))", tier: 2}
              - {id: plain, url: "\(server.url("/feed/plain"))", tier: 1}
            """)
        config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\nfetch: {allow_private_networks: true}\n")
    }

    @Test("runs fetch then parse as child processes and reports each")
    func stages() throws {
        let result = try CLI.run(["--config", config, "--state-dir", dir.path + "/state", "run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fetch: 2 polled, 2 new"))
        #expect(result.stdout.contains("parse: 2 documents, 2 new items"))
        #expect(result.stdout.contains("run: fetch"))
        let metrics = try String(contentsOfFile: dir.path + "/state/chipwatch.prom", encoding: .utf8)
        #expect(metrics.contains("chipwatch_stage_success{stage=\"parse\"} 1"))
        #expect(metrics.contains("chipwatch_fetch_feeds{outcome=\"fetched\"} 2"))
        #expect(metrics.contains("chipwatch_items 2"))
        #expect(metrics.contains("chipwatch_last_success_timestamp_seconds "))
    }

    @Test("feed failures show in the metrics by class; a custom metrics path is honoured")
    func metricsFailures() throws {
        _ = try dir.write("feeds.yaml", """
            feeds:
              - {id: broken, url: "\(server.url("/status/503"))", tier: 2}
              - {id: plain, url: "\(server.url("/feed/plain"))", tier: 1}
            """)
        let path = dir.path + "/metrics/out.prom"
        try FileManager.default.createDirectory(atPath: dir.path + "/metrics", withIntermediateDirectories: true)
        let result = try CLI.run(["--config", config, "--state-dir", dir.path + "/state", "run", "--metrics-file", path])
        #expect(result.status == 0)
        let metrics = try String(contentsOfFile: path, encoding: .utf8)
        #expect(metrics.contains("chipwatch_feeds_failing{class=\"http-5xx\"} 1"))
    }

    @Test("with a full_text feed, the run adds the article pass: fetch-pages, then parse again")
    func articlePass() throws {
        _ = try dir.write("feeds.yaml", """
            feeds:
              - {id: full, url: "\(server.url("/fulltext/feed"))", tier: 2, full_text: true}
            """)
        let result = try CLI.run(["--config", config, "--state-dir", dir.path + "/state", "run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fetch-pages: 1 pages fetched, 1 failed"))
        #expect(result.stdout.contains("1 pages with full text"))
    }

    @Test("two runs started together: exactly one works, the other exits 75 and changes nothing")
    func lock() throws {
        let state = dir.path + "/state"
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLI.executable)
        first.arguments = ["--config", config, "--state-dir", state, "run", "--quiet"]
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        // Give the first run time to take the lock; its fetch then waits on the slow feed.
        usleep(800_000)
        let second = try CLI.run(["--config", config, "--state-dir", state, "run"])
        while first.isRunning { usleep(5000) }
        #expect(first.terminationStatus == 0)
        #expect(second.status == 75)
        #expect(second.stderr.contains("another run is in progress"))
        #expect(second.stdout.isEmpty)
        #expect(try server.stats().hits["/feed/plain"] == 1)
    }

    @Test("--quiet prints nothing when all is well")
    func quiet() throws {
        let result = try CLI.run(["--config", config, "--state-dir", dir.path + "/state", "run", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test("a configuration error exits 78 before any stage starts")
    func configError() throws {
        let bad = try dir.write("bad.yaml", "feeds: feeds.yaml\nfetch: {concurrency: none}\n")
        let result = try CLI.run(["--config", bad, "--state-dir", dir.path + "/never", "run"])
        #expect(result.status == 78)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/never"))
        #expect(try server.stats().hits["/feed/plain"] == nil)
    }
}
