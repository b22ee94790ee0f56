// SECURITY: starts an HTTP server on 127.0.0.1 only, writes a temporary configuration and
// state directory, and runs the stages on them as child processes. No credentials.
import ArgumentParser
import Foundation

/// `chipwatch demo`: the whole job on the bundled sample feeds, with no network and no set-up.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the pipeline on the bundled sample feeds, served from loopback.",
        discussion: "Uses a temporary configuration and state directory unless --state-dir is given.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The folder of sample feeds (with its feeds.yaml template).", valueName: "dir"))
    var samples = "feeds/samples"

    @Flag(help: "Keep the temporary configuration and state directory for a look afterwards.")
    var keep = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: samples + "/feeds.yaml") else {
            throw ValidationError("--samples: \(samples)/feeds.yaml not found; run from the repository root or pass --samples")
        }
    }

    func run() throws {
        let server = try StaticServer(root: samples)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("chipwatch-demo-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let template = try String(contentsOfFile: samples + "/feeds.yaml", encoding: .utf8)
        try template.replacingOccurrences(of: "${BASE}", with: server.baseURL)
            .write(toFile: work + "/feeds.yaml", atomically: true, encoding: .utf8)
        // The real dictionary beside the samples folder (feeds/dictionary.yaml); the samples'
        // own roadmap (Huawei's Ascend roadmap) and rules.
        let dictionary = URL(fileURLWithPath: samples).deletingLastPathComponent().appendingPathComponent("dictionary.yaml").path
        let own = URL(fileURLWithPath: samples).standardizedFileURL.path
        try """
            # Written by `chipwatch demo`: the sample feeds on loopback.
            feeds: feeds.yaml
            dictionary: \(dictionary)
            roadmap: \(own)/roadmap.yaml
            rules: rules.yaml
            fetch:
              concurrency: 4
              allow_private_networks: true   # the demo server is on 127.0.0.1

            """.write(toFile: work + "/chipwatch.yaml", atomically: true, encoding: .utf8)
        // The samples' rules, plus a log receiver that every alert is routed to.
        let rules = try String(contentsOfFile: own + "/rules.yaml", encoding: .utf8)
        try (rules + """

            # Added by `chipwatch demo`: every notification as a JSON line in a file.
            receivers:
              - name: demo-log
                log: {path: "\(work)/alerts.jsonl"}
            routes:
              - receivers: [demo-log]

            """).write(toFile: work + "/rules.yaml", atomically: true, encoding: .utf8)
        let state = global.stateDir ?? work + "/state"
        let base = ["--config", work + "/chipwatch.yaml", "--state-dir", state, "--log-level", "warning"]
        print("chipwatch demo: serving \(samples) on \(server.baseURL); state in \(state)\n")
        var failed = false
        // A dated story, replayed with --now: each act runs the whole pipeline as cron would
        // on that day; evaluate sees only what was published by then.
        for (title, arguments) in [
            ("2026-03-25: chipwatch run (fetch, parse, extract, evaluate, notify; each stage its own process). "
                + "Huawei's roadmap (2025-09-18) is known; the 950PR launched on 2026-03-20", ["run", "--now", "2026-03-25T12:00:00Z"]),
            ("2026-10-21: two sources report the 950DT slipped to 2027-Q1; a rumour about the 960 moves nothing "
                + "(feeds answer 304: nothing new to fetch)", ["run", "--now", "2026-10-21T12:00:00Z"]),
            ("2027-05-15: no news at all; the clock makes milestones overdue", ["run", "--now", "2027-05-15T12:00:00Z"]),
            ("The milestone board", ["milestones"]),
            ("The alerts (chipwatch alerts)", ["alerts"]),
            ("Why the 950DT is where it is", ["explain", "huawei-ascend-950dt"]),
            ("The report (open it in a browser; run the demo with --keep to look)",
             ["report", "--out", work + "/report.html", "--at", "2027-05-15T12:00:00Z"]),
            ("The audit log", ["verify-log"]),
            ("Feed health", ["feeds"]),
        ] {
            print("== \(title)")
            failed = try ChildProcess.run(arguments: base + arguments) != 0 || failed
            print("")
        }
        print("== The notifications the log receiver wrote (\(work)/alerts.jsonl), one JSON line each; abridged")
        for line in ((try? String(contentsOfFile: work + "/alerts.jsonl", encoding: .utf8)) ?? "").split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let alerts = object["alerts"] as? [[String: Any]] else { continue }
            for alert in alerts {
                print("\(alert["notice"] ?? "")  \(alert["severity"] ?? "")  \(alert["summary"] ?? "")")
            }
        }
        print("")
        if keep || global.stateDir != nil {
            print("kept: \(work) (configuration) and \(state) (state)")
        } else {
            try? FileManager.default.removeItem(atPath: work)
        }
        if failed { throw ExitCode.failure }
    }
}
