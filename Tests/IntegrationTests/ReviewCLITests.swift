import Core
import Foundation
import Parse
import TestSupport
import Testing

/// The review commands through the real executable, on a state filled by `chipwatch run`
/// from the demo's samples served on 127.0.0.1: signals, report, alerts.atom, verify-log, export.
@Suite("Review", .serialized)
struct ReviewCLITests {
    let dir: TempDir
    let server: LoopbackServer
    let config: String
    var state: String { dir.path + "/state" }

    init() throws {
        dir = try TempDir()
        server = try LoopbackServer(root: CLI.repositoryRoot + "/feeds/samples")
        _ = try dir.write("feeds.yaml", try server.sampleFeedsYAML())
        config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: \(CLI.repositoryRoot)/feeds/samples/roadmap.yaml
            rules: \(CLI.repositoryRoot)/feeds/samples/rules.yaml
            fetch: {allow_private_networks: true}

            """)
        for now in ["2026-03-25T12:00:00Z", "2026-10-21T12:00:00Z", "2027-05-15T12:00:00Z"] {
            let result = try CLI.run(["--config", config, "--state-dir", state, "run", "--quiet", "--now", now])
            if result.status != 0 { throw TestFailure("run failed: \(result.stdout)\(result.stderr)") }
        }
    }

    func cw(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["--config", config, "--state-dir", state] + arguments)
    }

    func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test("signals: a table within 100 columns, JSON in the documented shape, CSV with a header, filters, --story")
    func signals() throws {
        let table = try cw(["signals"]).stdout
        #expect(table.split(separator: "\n").count == 11)
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let all = jsonLines(try cw(["signals", "--format", "json"]).stdout)
        #expect(all.count == 10)
        for key in ["id", "story", "published", "source", "title", "url", "vendors", "product", "event", "modality", "window",
                    "quantities", "evidence", "confidence", "extractor_version"] {
            #expect(all[0][key] != nil, "missing \(key)")
        }
        let slips = jsonLines(try cw(["signals", "--format", "json", "--event", "slip", "--vendor", "huawei"]).stdout)
        #expect(slips.count == 2 && slips.allSatisfy { $0["event"] as? String == "slip" })
        #expect(jsonLines(try cw(["signals", "--format", "json", "--since", "2026-10-03", "--until", "2026-10-06"]).stdout).count == 2)
        #expect(jsonLines(try cw(["signals", "--format", "json", "--modality", "rumour"]).stdout).count == 1)
        #expect(jsonLines(try cw(["signals", "--format", "json", "--min-confidence", "0.95"]).stdout).isEmpty)
        let csv = try cw(["signals", "--format", "csv", "--product", "950PR"]).stdout
        #expect(csv.hasPrefix("date,vendor,product,event,modality,window,source,title\r\n"))
        let stories = jsonLines(try cw(["signals", "--story", "--format", "json", "--product", "Ascend 950PR", "--event", "ship"]).stdout)
        #expect(stories.count == 2)
        #expect(stories.allSatisfy { ($0["sources"] as? [String])?.count == 1 && $0["copies"] as? Int == 1 })
        #expect(try cw(["signals", "--event", "launch"]).status == 64)
    }

    @Test("report: self-contained HTML with one timeline row per milestone; --at renders the past; Markdown too")
    func report() throws {
        let html = dir.path + "/report.html"
        #expect(try cw(["report", "--out", html, "--at", "2027-05-15T12:00:00Z"]).status == 0)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.components(separatedBy: "<g class=\"milestone-row\"").count - 1 == 5)
        for external in ["<script", "src=", "@import", "url(", "<link "] { #expect(!text.contains(external), "\(external)") }
        #expect(text.contains("<rect class=\"slipped\""), "the 950DT's slipped window beside its promise")
        #expect(text.contains("class=\"report-date\""))
        #expect(text.contains("class=\"mark ship\"") && text.contains("class=\"mark slip\""))
        #expect(text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"export-controls\""))
        let past = dir.path + "/past.html"
        _ = try cw(["report", "--out", past, "--at", "2026-10-01T00:00:00Z"])
        let before = try String(contentsOfFile: past, encoding: .utf8)
        #expect(before.contains("huawei-ascend-950dt</small></td><td>2026-Q4</td><td><span class=\"state pending\">"))
        let md = dir.path + "/report.md"
        _ = try cw(["report", "--out", md, "--format", "md", "--at", "2027-05-15T12:00:00Z"])
        #expect(try String(contentsOfFile: md, encoding: .utf8).contains("| Huawei Ascend 950PR | 2026-Q1 | shipped |"))
    }

    @Test("the report renders in headless chromium to a PNG", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func chromium() throws {
        let html = dir.path + "/report.html", png = dir.path + "/report.png"
        _ = try cw(["report", "--out", html, "--at", "2027-05-15T12:00:00Z"])
        _ = try CLI.program("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                  "--window-size=1100,1500", "--screenshot=\(png)", "file://\(html)"], cwd: dir.path)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(data.count > 20_000, "a rendered page, not a blank one")
    }

    @Test("alerts.atom is valid Atom read back by chipwatch's own parser, with stable ids and evidence links")
    func alertsFeed() throws {
        let path = state + "/alerts.atom"
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let feed = try FeedParser.parse(bytes, contentType: "application/atom+xml", url: nil, source: path)
        #expect(feed.format == .atom10 && !feed.recovered)
        let alerts = jsonLines(try cw(["alerts", "--format", "json"]).stdout)
        #expect(feed.items.count == alerts.count)
        #expect(feed.items.allSatisfy { $0.id.hasPrefix("urn:chipwatch:alert:") && $0.updated?.date != nil })
        #expect(feed.items.contains { $0.title.contains("slipped from 2026-Q4 to 2027-Q1") && $0.link.hasPrefix("https://") })
        _ = try cw(["evaluate", "--now", "2027-05-16T12:00:00Z"])
        let again = try FeedParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: path))), contentType: nil, url: nil, source: path)
        #expect(Set(again.items.map(\.id)) == Set(feed.items.map(\.id)), "ids are stable from one evaluate to the next")
    }

    @Test("verify-log passes an intact chain and names the first entry changed or removed")
    func auditLog() throws {
        let ok = try cw(["verify-log"])
        #expect(ok.status == 0 && ok.stdout.contains("chain intact"))
        let database = state + "/chipwatch.sqlite"
        func sql(_ statement: String) throws {
            _ = try CLI.program("/usr/bin/env", ["python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", database, statement])
        }
        try sql("UPDATE audit_log SET body = substr(body, 1, length(body) - 1) || ', \"edited\": true}' WHERE seq = 12")
        let changed = try cw(["verify-log"])
        #expect(changed.status == 65)
        #expect(changed.stdout.contains("entry 12 (") && changed.stdout.contains("was changed"), "\(changed.stdout)")
        try sql("DELETE FROM audit_log WHERE seq = 7")
        #expect(try cw(["verify-log"]).stdout.contains("entry 7 was removed"))
    }

    @Test("verify-log notices entries cut from the end")
    func auditTail() throws {
        let database = state + "/chipwatch.sqlite"
        _ = try CLI.program("/usr/bin/env", ["python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM audit_log WHERE seq > 10'); c.commit()", database])
        let cut = try cw(["verify-log"])
        #expect(cut.status == 65 && cut.stdout.contains("removed from the end"), "\(cut.stdout)")
    }

    @Test("export writes signals, stories, transitions and alerts with their evidence as JSON lines")
    func export() throws {
        let out = dir.path + "/export.jsonl"
        #expect(try cw(["export", "--since", "2025-01-01", "--out", out]).status == 0)
        let lines = jsonLines(try String(contentsOfFile: out, encoding: .utf8))
        let types = Dictionary(grouping: lines, by: { $0["type"] as? String ?? "" }).mapValues(\.count)
        #expect(types["signal"] == 10 && types["transition"] == 4 && (types["alert"] ?? 0) >= 8 && (types["story"] ?? 0) >= 7)
        let transition = try #require(lines.first { $0["type"] as? String == "transition" && $0["to"] as? String == "slipped" })
        #expect((transition["evidence"] as? [Any])?.count == 2)
    }
}
