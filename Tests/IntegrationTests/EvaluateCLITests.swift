import Core
import Foundation
import TestSupport
import Testing

/// evaluate, milestones, alerts, explain and replay through the real executable, on a state
/// directory filled by `chipwatch run` from a real loopback server (the demo's samples).
@Suite("Evaluate CLI", .serialized)
struct EvaluateCLITests {
    let dir: TempDir
    let config: String
    let state: String
    let server: LoopbackServer

    init() throws {
        dir = try TempDir()
        server = try LoopbackServer(root: CLI.repositoryRoot + "/feeds/samples")
        _ = try dir.write("feeds.yaml", try server.sampleFeedsYAML())
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
        #expect(before.contains("huawei-ascend-950dt,Huawei,Huawei Ascend 950DT,2026-Q4,pending"))
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
        let slipID = try #require(slip["id"] as? Int)
        let explained = try cw(["explain", "\(slipID)"]).stdout
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
        // The first evaluation came after the SuperPoD's deadline: overdue, but marked unwatched.
        #expect(try cw(["milestones"]).stdout.contains("huawei-atlas-950-superpod  2026-Q4          overdue*"))
        #expect(board.contains("\"id\":\"huawei-atlas-950-superpod\"") && board.contains("\"unwatched_deadline\":true"))
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

@Suite("Roadmap and rules configuration")
struct RoadmapRulesConfigTests {
    @Test("check-config names file, line and field of roadmap and rules errors, all at once")
    func errors() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds: []\n")
        _ = try dir.write("roadmap.yaml", """
            milestones:
              - {id: a, vendor: Huawei, product: Huawei Ascend 950PR, window: 2026-Q5}
              - {id: a, vendor: Nvidia, product: Huawei Ascend 950DT, window: 2026-Q4}
              - {id: B_, vendor: Huawei, product: Huawei Ascend 9999, window: {start: 2026-03-01, end: 2026-01-01}}
              - {id: c, vendor: Huawei, product: Huawei Ascend 960, window: 2027-Q4, event: restrict, grace: soon}

            """)
        _ = try dir.write("rules.yaml", """
            settings: {repeat_interval: weekly}
            rules:
              - name: r
                match: {vendors: [Huawai], events: [launch], regex: "(unclosed", min_confidence: 1.5}
                severity: loud
            silences:
              - {match: {vendor: Huawei}, until: someday, reason: x}
            receiverz: []

            """)
        let config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: roadmap.yaml
            rules: rules.yaml

            """)
        let result = try CLI.run(["check-config", "--config", config])
        #expect(result.status == 78)
        for expected in [
            "roadmap.yaml:2: milestones[0].window: \"2026-Q5\" must be",
            "roadmap.yaml:3: milestones[1].id: \"a\" is already used on line 2",
            "roadmap.yaml:3: milestones[1].vendor: \"Nvidia\" is not the vendor of Huawei Ascend 950DT",
            "roadmap.yaml:4: milestones[2].id: \"B_\" must use only a-z, 0-9 and -",
            "roadmap.yaml:4: milestones[2].product: \"Huawei Ascend 9999\" is not a product of the dictionary",
            "milestones[2].window: start and end must be dates",
            "roadmap.yaml:5: milestones[3].event: \"restrict\" must be ship, announce or cancel",
            "roadmap.yaml:5: milestones[3].grace: \"soon\" must be a duration",
            "rules.yaml:1: settings.repeat_interval: \"weekly\" must be a duration",
            "rules.yaml:4: rules[0].match.vendors: \"Huawai\" is not a vendor of the dictionary",
            "rules[0].match.events: \"launch\" must be one of",
            "rules[0].match.regex: \"(unclosed\" is not a valid regular expression",
            "rules[0].match.min_confidence: \"1.5\" must be a number from 0 to 1",
            "rules.yaml:5: rules[0].severity: \"loud\" must be info, warning or critical",
            "silences[0].until: \"someday\" must be a date",
            "rules.yaml:8: receiverz: unknown key",
        ] {
            #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
    }

    @Test("the shipped roadmap and rules load: 28 milestones, every product in the dictionary")
    func shipped() throws {
        let result = try CLI.run(["check-config", "--config", "feeds/chipwatch.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("roadmap.yaml: ok (28 milestones)"))
        #expect(result.stdout.contains("rules.yaml: ok (2 rules, 0 silences)"))
    }
}
