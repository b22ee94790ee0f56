import Core
import Foundation
import Testing

/// evaluate, milestones, alerts, explain and replay through the real executable, on a state
/// directory filled by `chipwatch run` from a real loopback server (the demo's samples).
@Suite("Evaluate CLI", .serialized)
struct EvaluateCLITests {
    let dir: TempDir
    let config: String
    let state: String
    let server: FeedServer

    init() throws {
        dir = try TempDir()
        server = try FeedServer(root: CLI.repositoryRoot + "/feeds/samples")
        let template = try String(contentsOfFile: CLI.repositoryRoot + "/feeds/samples/feeds.yaml", encoding: .utf8)
        _ = try dir.write("feeds.yaml", template.replacingOccurrences(of: "${BASE}", with: server.url("/files")))
        let samples = CLI.repositoryRoot + "/feeds/samples"
        config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: \(samples)/roadmap.yaml
            rules: \(samples)/rules.yaml
            fetch: {allow_private_networks: true}

            """)
        state = dir.path + "/state"
    }

    func cw(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["--config", config, "--state-dir", state] + arguments)
    }

    @Test("milestones --format json has the documented shape, and --at shows what was known then")
    func milestonesJSON() throws {
        #expect(try cw(["run", "--quiet", "--now", "2026-10-21T12:00:00Z"]).status == 0)
        let lines = try cw(["milestones", "--format", "json"]).stdout.split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 5)
        let pr = try #require(objects.first { $0["id"] as? String == "huawei-ascend-950pr" })
        for key in ["id", "vendor", "product", "window", "state", "observed", "days_late", "evidence_count", "last_evidence", "conflicts"] {
            #expect(pr[key] != nil, "missing \(key)")
        }
        #expect(pr["state"] as? String == "shipped")
        #expect(pr["observed"] as? String == "2026-03-20", "the evidence's publication date, not the run's")
        #expect(pr["days_late"] as? Int == 0)
        let window = try #require(pr["window"] as? [String: Any])
        #expect(window["label"] as? String == "2026-Q1" && window["start"] as? String == "2026-01-01" && window["end"] as? String == "2026-03-31")
        let last = try #require(pr["last_evidence"] as? [String: Any])
        #expect((last["url"] as? String)?.hasPrefix("https://") == true)
        let dt = try #require(objects.first { $0["id"] as? String == "huawei-ascend-950dt" })
        #expect(dt["state"] as? String == "slipped")
        #expect((dt["current_window"] as? [String: Any])?["label"] as? String == "2027-Q1")

        let before = try cw(["milestones", "--format", "csv", "--at", "2026-10-20T00:00:00Z"]).stdout
        #expect(before.contains("huawei-ascend-950dt,Huawei Ascend 950DT,2026-Q4,pending"))
        #expect(try cw(["milestones", "--at", "yesterday"]).status == 64)
    }

    @Test("alerts list and explain name the rule, the sources and the evidence sentences")
    func alertsAndExplain() throws {
        #expect(try cw(["run", "--quiet", "--now", "2026-10-21T12:00:00Z"]).status == 0)
        let alerts = try cw(["alerts", "--format", "json"]).stdout.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let slip = try #require(alerts.first { ($0["summary"] as? String)?.contains("slipped from 2026-Q4 to 2027-Q1") == true })
        #expect(slip["severity"] as? String == "warning" && slip["status"] as? String == "firing")
        #expect((slip["evidence"] as? [Any])?.count == 2)
        let explained = try cw(["explain", "\(slip["id"] as! Int)"]).stdout
        #expect(explained.contains("rule milestone: milestone huawei-ascend-950dt moved pending -> slipped"))
        #expect(explained.contains("source asia-wire (tier 2)"))
        #expect(explained.contains("\"Huawei has postponed volume shipments of the Ascend 950DT to the first quarter of 2027"))
        let fingerprint = try #require(slip["fingerprint"] as? String)
        #expect(try cw(["explain", fingerprint]).stdout == explained)
        let unknown = try cw(["explain", "no-such-thing"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no alert or milestone"))
    }

    @Test("replay is a deterministic backtest in a scratch copy: same inputs, same timeline; the store is untouched")
    func replay() throws {
        #expect(try cw(["run", "--quiet", "--now", "2027-06-01T12:00:00Z"]).status == 0)
        let board = try cw(["milestones", "--format", "json"]).stdout
        let first = try cw(["replay", "--from", "2026-01-01", "--to", "2027-06-01", "--step", "7d"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("huawei-ascend-950pr: pending -> shipped (on time)"))
        #expect(first.stdout.contains("huawei-ascend-950dt: pending -> slipped (slipped from 2026-Q4 to 2027-Q1)"))
        #expect(first.stdout.contains("alert firing, critical: Huawei Atlas 950 SuperPoD is overdue"))
        let second = try cw(["replay", "--from", "2026-01-01", "--to", "2027-06-01", "--step", "7d"])
        #expect(second.stdout == first.stdout)
        #expect(try cw(["milestones", "--format", "json"]).stdout == board)
    }
}
