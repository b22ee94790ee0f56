import Core
import Foundation
import Store
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
    let now = "2026-04-01T12:00:00Z"

    init() throws {
        server = try LoopbackServer()
        dir = try TempDir()
        // Slow feeds on one host (per_host 2) keep the fetch stage busy for about a second.
        let server = self.server
        let feeds = Self.feedIDs.enumerated().map { index, id in
            "  - {id: \(id), url: \"\(server.url("/delay?ms=\(150 + 50 * index)&feed=\(id)"))\", tier: 2}"
        }
        _ = try dir.write("feeds.yaml", "feeds:\n" + feeds.joined(separator: "\n") + "\n")
        config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\nfetch: {allow_private_networks: true, per_host: 2}\n")
    }

    /// What a run leaves behind: every item and every document's parse state, per feed.
    func snapshot(_ state: String) throws -> [String] {
        let store = try Store(directory: state)
        var lines: [String] = []
        for id in feedIDs {
            lines += try store.items(feedID: id).map { "\(id) \($0.key) \($0.title) r\($0.revision)" }
            lines += try store.documents(feedID: id).map { "\(id) document \($0.contentHash)" }
        }
        lines += try store.documentParseStates().values.map { "state \($0.state)" }.sorted()
        return lines.sorted()
    }

    func run(_ state: String) throws -> Int32 {
        try CLI.run(["--config", config, "--state-dir", state, "run", "--quiet", "--now", now]).status
    }

    @Test("killed at 20 moments across fetch and parse, a second run reaches the undisturbed result")
    func killedRuns() throws {
        let reference = dir.path + "/reference"
        #expect(try run(reference) == 0)
        let expected = try snapshot(reference)
        #expect(expected.filter { $0.hasPrefix("state parsed") }.count == feedIDs.count)

        for point in 0..<20 {
            let state = dir.path + "/killed-\(point)"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["--config", config, "--state-dir", state, "run", "--quiet", "--now", now]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["SWIFT_BACKTRACE"] = "enable=no"
            process.environment = environment
            try process.run()
            usleep(UInt32(40_000 + point * 75_000))   // 40 ms to 1.5 s: fetch, then parse
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
        }
    }

    @Test("a stage killed from outside is reported by name; the run exits 1 and the next run recovers")
    func stageKilled() throws {
        let state = dir.path + "/stage-killed"
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
