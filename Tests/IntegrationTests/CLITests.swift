import Foundation
import TestSupport
import Testing

/// The executable, run as a real child process.
@Suite("Command line")
struct CLITests {
    @Test("check-config exits 0 on the shipped configuration")
    func checkConfigOK() throws {
        let result = try CLI.run(["check-config", "--config", "feeds/chipwatch.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok"))
    }

    @Test("check-config exits 78 and names file, line and field on an error")
    func checkConfigError() throws {
        let dir = try TempDir()
        _ = try dir.write("feeds.yaml", "feeds:\n  - id: a\n    url: https://a.example/\n    tier: 9\n")
        let main = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\n")
        let result = try CLI.run(["--config", main, "check-config"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("feeds.yaml:4: feeds[0].tier:"))
    }

    @Test("the configuration is found through $CHIPWATCH_CONFIG")
    func configFromEnvironment() throws {
        let result = try CLI.run(["check-config"], cwd: "/tmp",
                                 environment: ["CHIPWATCH_CONFIG": CLI.repositoryRoot + "/feeds/chipwatch.yaml"])
        #expect(result.status == 0)
    }

    @Test("the state directory comes from $STATE_DIRECTORY, as systemd sets it")
    func stateFromEnvironment() throws {
        let dir = try TempDir()
        let result = try CLI.run(["feeds", "--format", "csv"], environment: ["STATE_DIRECTORY": dir.path + "/s"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/s/chipwatch.sqlite"))
        #expect(result.stdout.hasPrefix("id,tier,status,fails,last success,next attempt,last error\r\n"))
    }

    @Test("fetch of an unknown feed id is a usage error")
    func unknownFeed() throws {
        let dir = try TempDir()
        let result = try CLI.run(["fetch", "--feed", "nope", "--state-dir", dir.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no feed with id nope"))
    }

    @Test("--now must be ISO 8601")
    func badNow() throws {
        let result = try CLI.run(["fetch", "--now", "yesterday", "--state-dir", "/tmp/never-created-\(getpid())"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--now"))
    }

    @Test("a state directory that cannot be created is a clear I/O error")
    func unwritableState() throws {
        let result = try CLI.run(["feeds", "--state-dir", "/proc/chipwatch-cannot-be-here"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("/proc/chipwatch-cannot-be-here"))
    }

    @Test("help lists every command")
    func help() throws {
        let result = try CLI.run(["--help"])
        for command in ["check-config", "fetch", "parse", "parse-file", "extract", "extract-text", "evaluate", "milestones",
                        "alerts", "explain", "replay", "notify", "outbox", "feeds", "demo"] {
            #expect(result.stdout.contains(command))
        }
    }

    @Test("the demo replays a dated story: fetch from loopback, a launch on time, a corroborated slip, overdue milestones")
    func demo() throws {
        let result = try CLI.run(["demo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("fetch: 4 polled, 4 new"))
        #expect(result.stdout.contains("parse: 4 documents, 7 new items"))
        #expect(result.stdout.contains("fetch: 4 polled, 0 new, 4 not modified"))
        #expect(result.stdout.contains("Huawei Ascend 950PR shipped, on time (promised 2026-Q1)"))
        #expect(result.stdout.contains("pending -> slipped: slipped from 2026-Q4 to 2027-Q1"))
        #expect(result.stdout.contains("slipped -> overdue: nothing shipped by 2027-04-30"))
        #expect(result.stdout.contains("huawei-atlas-950-superpod  2026-Q4          overdue"))
        #expect(result.stdout.contains("huawei-newsroom"))
    }

    @Test("feeds are exported as OPML and imported back without duplicates")
    func opmlRoundTrip() throws {
        let dir = try TempDir()
        let exported = try CLI.run(["feeds", "export"])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("<opml version=\"2.0\">"))
        #expect(exported.stdout.contains("xmlUrl=\"https://www.federalregister.gov/"))
        let opml = try dir.write("list.opml", exported.stdout.replacingOccurrences(
            of: "</body>", with: """
                <outline text="China desk"><outline text="Example &amp; Co News" type="rss" xmlUrl="https://news.example/rss"/></outline>
                </body>
                """))
        _ = try dir.write("feeds.yaml", try String(contentsOfFile: CLI.repositoryRoot + "/feeds/feeds.yaml", encoding: .utf8))
        let main = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\n")
        let imported = try CLI.run(["--config", main, "feeds", "import", opml, "--tier", "2"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("added 1 of"))
        let text = try String(contentsOfFile: dir.path + "/feeds.yaml", encoding: .utf8)
        #expect(text.contains("id: example-co-news") && text.contains("tags: [\"china-desk\"]"))
        #expect(try CLI.run(["--config", main, "check-config"]).status == 0)
        let again = try CLI.run(["--config", main, "feeds", "import", opml])
        #expect(again.stdout.contains("0 new of"))
    }

    @Test("a store a newer chipwatch has migrated is refused by name, not misread")
    func newerStore() throws {
        let dir = try TempDir()
        let state = dir.path + "/state"
        #expect(try CLI.run(["feeds", "--format", "json", "--state-dir", state]).status == 0)
        // What a later version's migration leaves behind.
        let sqlite = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3; c = sqlite3.connect('\(state)/chipwatch.sqlite')
            c.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')"); c.commit()
            """])
        #expect(sqlite.status == 0, "\(sqlite.output)")
        let refused = try CLI.run(["milestones", "--state-dir", state])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("written by a newer chipwatch (schema v99-from-the-future)"), "\(refused.stderr)")
    }

    @Test("four processes opening a new database at once all succeed (migrations under a lock)")
    func concurrentMigrations() throws {
        for _ in 0..<3 {
            let dir = try TempDir()
            let processes = (0..<4).map { _ in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.executable)
                process.arguments = ["feeds", "--format", "json", "--state-dir", dir.path + "/state"]
                process.currentDirectoryURL = URL(fileURLWithPath: CLI.repositoryRoot)
                process.standardOutput = FileHandle.nullDevice
                return process
            }
            for process in processes { try process.run() }
            for process in processes {
                while process.isRunning { usleep(2000) }
                #expect(process.terminationStatus == 0)
            }
        }
    }
}

@Suite("parse-file")
struct ParseFileTests {
    @Test("prints the documented JSON shape and exits 0")
    func shape() throws {
        let result = try CLI.run(["parse-file", "feeds/samples/trade-press.atom", "--url", "https://press.example.com/feed.atom"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "recovered", "error", "feed", "items"])
        #expect(object["format"] as? String == "atom10")
        let feed = try #require(object["feed"] as? [String: Any])
        #expect(Set(feed.keys) == ["title", "link", "subtitle", "language", "updated", "authors"])
        #expect(feed["updated"] as? String == "2026-10-02T07:15:00Z")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(Set(items[0].keys) == ["id", "title", "link", "links", "published", "updated", "authors", "summary",
                                       "content", "categories", "enclosures"])
        #expect(items[0]["id"] as? String == "tag:press.example.com,2026:ascend-950dt-delay")
    }

    @Test("a feed of many items: every item once, in document order (items are encoded in chunks on several cores)")
    func manyItems() throws {
        let dir = try TempDir()
        let count = 1_000
        let items = (0..<count).map { "<item><guid>id-\($0)</guid><title>Item \($0)</title><description>text \($0)</description></item>" }
        let feed = try dir.write("many.xml", "<rss version=\"2.0\"><channel><title>many</title>\(items.joined())</channel></rss>")
        let result = try CLI.run(["parse-file", feed])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let parsed = try #require(object["items"] as? [[String: Any]])
        #expect(parsed.compactMap { $0["id"] as? String } == (0..<count).map { "id-\($0)" })
        #expect(result.stderr.isEmpty)
    }

    @Test("exits 74 naming the path when it is not a readable file")
    func unreadable() throws {
        let dir = try TempDir()
        let result = try CLI.run(["parse-file", dir.path])
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot read"))
    }

    @Test("exits 65 naming the file when the input is not a feed")
    func notAFeed() throws {
        let dir = try TempDir()
        let page = try dir.write("page.html", "<html><body>nothing here</body></html>")
        let result = try CLI.run(["parse-file", page])
        #expect(result.status == 65)
        #expect(result.stderr.contains("page.html") && result.stderr.contains("not a feed"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a broken document is recovered: exit 0, recovered true, the first error given")
    func recovered() throws {
        let dir = try TempDir()
        let broken = try dir.write("broken.xml", "<rss version=\"2.0\"><channel><item><title>kept</title></item><item><title>x</b>")
        let result = try CLI.run(["parse-file", broken])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["recovered"] as? Bool == true)
        #expect((object["error"] as? String)?.contains("line") == true)
    }
}
