import Core
import Foundation
import Store
import TestSupport
import Testing

/// `chipwatch run` killed with SIGKILL at many moments, then run again: the store ends up
/// exactly as after an undisturbed run. Real child processes, a real server, real SQLite.
@Suite("Reliability", .serialized)
struct ReliabilityTests {
    let server: LoopbackServer
    let dir: TempDir
    let config: String
    static let feedIDs = (0..<8).map { "f\($0)" }
    var feedIDs: [String] { Self.feedIDs }
    let now = "2026-10-21T12:00:00Z"

    init() throws {
        server = try LoopbackServer(root: CLI.repositoryRoot + "/feeds/samples")
        dir = try TempDir()
        // Slow feeds on one host (per_host 2) keep the fetch stage busy for about a second; the
        // demo's samples give the later stages signals, milestone changes and alerts to deliver.
        let server = self.server
        let feeds = Self.feedIDs.enumerated().map { index, id in
            "  - {id: \(id), url: \"\(server.url("/delay?ms=\(150 + 50 * index)&feed=\(id)"))\", tier: 2}"
        }
        let samples = try server.sampleFeedsYAML()
            .components(separatedBy: "\n").drop { !$0.hasPrefix("  - ") }.joined(separator: "\n")
        _ = try dir.write("feeds.yaml", "feeds:\n" + feeds.joined(separator: "\n") + "\n" + samples)
        let rules = try String(contentsOfFile: CLI.repositoryRoot + "/feeds/samples/rules.yaml", encoding: .utf8)
        _ = try dir.write("rules.yaml", rules + "\nreceivers:\n  - {name: file, log: {path: \"log.jsonl\"}}\nroutes:\n  - receivers: [file]\n")
        config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: \(CLI.repositoryRoot)/feeds/samples/roadmap.yaml
            rules: rules.yaml
            fetch: {allow_private_networks: true, per_host: 2}

            """)
    }

    /// What a run leaves behind: items, documents and their parse states, signals, milestones
    /// and alerts, by what identifies them across runs (row ids depend on arrival order).
    func snapshot(_ state: String) throws -> [String] {
        let store = try Store(directory: state)
        var lines: [String] = []
        for id in feedIDs + ["huawei-newsroom", "trade-press", "fr-bis", "asia-wire"] {
            lines += try store.items(feedID: id).map { "\(id) \($0.key) \($0.title) r\($0.revision)" }
            lines += try store.documents(feedID: id).map { "\(id) document \($0.contentHash)" }
        }
        lines += try store.documentParseStates().values.map { "state \($0.state.rawValue)" }.sorted()
        lines += try store.signalIdentities().map { "signal \($0)" }
        lines += try store.milestoneViews().map { "milestone \($0.id) \($0.state) \($0.window) \($0.observed?.description ?? "-")" }
        lines += try store.alertViews().map { "alert \($0.alert.rule) \($0.alert.status) \($0.alert.summary)" }
        return lines.sorted()
    }

    /// The log receiver's notifications: each (alert, notice) and the delivery keys it came under.
    func deliveredKeys(_ state: String) throws -> [String: Set<String>] {
        let text = (try? String(contentsOfFile: (state as NSString).deletingLastPathComponent + "/log.jsonl", encoding: .utf8)) ?? ""
        var keys: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") {
            let object = try JSONValue.read(Data(line.utf8), as: [String: Any].self)
            let delivery = try #require(object["delivery"] as? String)
            for alert in try #require(object["alerts"] as? [[String: Any]]) {
                let summary = try #require(alert["summary"] as? String), notice = try #require(alert["notice"] as? String)
                keys["\(summary) \(notice)", default: []].insert(delivery)
            }
        }
        return keys
    }

    func run(_ state: String) throws -> Int32 {
        try CLI.run(["--config", config, "--state-dir", state, "run", "--quiet", "--now", now], cwd: (state as NSString).deletingLastPathComponent).status
    }

    /// A fresh folder for one run: the state directory inside, the log receiver's file beside it.
    func folder(_ name: String) throws -> String {
        let base = dir.path + "/" + name
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base + "/state"
    }

    @Test("killed at 20 moments across all stages, a second run reaches the undisturbed result, each alert under one key")
    func killedRuns() throws {
        let reference = try folder("reference")
        #expect(try run(reference) == 0)
        let expected = try snapshot(reference)
        #expect(expected.filter { $0.hasPrefix("state parsed") }.count == feedIDs.count + 4)
        #expect(expected.contains { $0.hasPrefix("milestone huawei-ascend-950dt slipped") })
        #expect(expected.filter { $0.hasPrefix("alert ") }.count >= 5)
        let expectedDeliveries = try deliveredKeys(reference)
        #expect(expectedDeliveries.count >= 5)

        for point in 0..<20 {
            let state = try folder("killed-\(point)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["--config", config, "--state-dir", state, "run", "--quiet", "--now", now]
            process.currentDirectoryURL = URL(fileURLWithPath: (state as NSString).deletingLastPathComponent)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["SWIFT_BACKTRACE"] = "enable=no"
            process.environment = environment
            try process.run()
            usleep(UInt32(40_000 + point * 115_000))   // 40 ms to 2.2 s: fetch, parse, extract, evaluate, notify
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { usleep(2000) }
            // The killed run's stages notice their parent is gone and end too; the next
            // run then finds the lock free.
            var status = try run(state)
            var tries = 0
            while status == 75 && tries < 20 {
                usleep(100_000)
                status = try run(state)
                tries += 1
            }
            #expect(status == 0, "point \(point)")
            #expect(try snapshot(state) == expected, "point \(point)")
            let delivered = try deliveredKeys(state)
            #expect(Set(delivered.keys) == Set(expectedDeliveries.keys), "point \(point): every alert delivered")
            #expect(delivered.values.allSatisfy { $0.count == 1 }, "point \(point): no alert under two keys")
        }
    }

    @Test("a stage killed from outside is reported by name; the run exits 1 and the next run recovers")
    func stageKilled() throws {
        let state = try folder("stage-killed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["--config", config, "--state-dir", state, "run", "--now", now]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Find the fetch child and kill it while it waits on the slow feeds.
        var child: Int32?
        for _ in 0..<100 where child == nil {
            usleep(20_000)
            child = Self.children(of: process.processIdentifier).first { Self.commandLine($0).contains("fetch") }
        }
        let pid = try #require(child)
        kill(pid, SIGKILL)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        while process.isRunning { usleep(2000) }
        #expect(process.terminationStatus == 1)
        #expect(output.contains("run: stage failed: fetch: killed by signal 9 (SIGKILL)"))
        #expect(output.contains("parse: "), "the later stage still ran")
        #expect(try run(state) == 0)
    }

    /// A process's arguments, from /proc.
    static func commandLine(_ pid: Int32) -> [String] {
        let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Child pids of `parent`, from /proc.
    static func children(of parent: Int32) -> [Int32] {
        let path = "/proc/\(parent)/task/\(parent)/children"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0) }
    }
}
