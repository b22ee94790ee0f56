import Foundation
import TestSupport
import Testing

/// `chipwatch serve` as a real process on 127.0.0.1 over a store `chipwatch run` filled:
/// the login, the pages in headless chromium, the API against its OpenAPI document.
@Suite("Web view", .serialized)
struct WebServeTests {
    /// Every path that needs a user, each answering 200 with one.
    static let guarded = ["/", "/signals", "/signals?event=slip&stories=1", "/milestones/huawei-ascend-950pr", "/alerts", "/alerts/1",
                          "/alerts.atom", "/feeds", "/report", "/report?at=2026-10-01", "/api/v1/signals", "/api/v1/milestones",
                          "/api/v1/alerts", "/api/v1/feeds", "/api/v1/openapi.yaml"]

    @Test("401 without credentials on every path but the login and the health check; Basic works on all; the store is not written")
    func guardedPaths() throws {
        let web = try WebServe()
        let before = try Self.storeDigest(web.state)
        try web.start()
        for path in Self.guarded {
            let anonymous = try web.http(path)
            #expect(anonymous.status == 401, "\(path)")
            #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Basic realm=\"chipwatch\"") == true, "\(path)")
            #expect(try web.get(path).status == 200, "\(path)")
        }
        // A browser (it accepts HTML) gets the login form instead of a Basic challenge.
        let browser = try web.http("/signals?q=x", options: ["-H", "Accept: text/html"])
        #expect(browser.status == 401 && browser.body.contains("<form class=\"login\"") && browser.header("WWW-Authenticate") == nil)
        #expect(browser.body.contains("name=\"next\" value=\"/signals?q=x\""))
        #expect(try web.http("/login").status == 200)
        #expect(try web.http("/healthz").body == "ok\n")
        #expect(try web.http("/", user: (WebServe.user, "wrong")).status == 401)
        #expect(try web.http("/", user: ("nobody", WebServe.password)).status == 401)
        // Nothing any page did changed the store.
        let after = try Self.storeDigest(web.state)
        #expect(after == before, "changed: \(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()), sizes \(before.mapValues(\.count)) → \(after.mapValues(\.count))")
        // The report comes gzipped to a client that asks, the same page once unpacked.
        let plain = try web.get("/report"), packed = try web.get("/report", options: ["--compressed"])
        #expect(packed.header("Content-Encoding") == "gzip" && plain.header("Content-Encoding") == nil)
        #expect(packed.body == plain.body && plain.body.contains("<svg"))
        // Headers every answer carries: a policy with no script source, no sniffing, no framing.
        let page = try web.get("/")
        let policy = page.header("Content-Security-Policy") ?? ""
        #expect(policy.contains("default-src 'none'") && !policy.contains("script-src") && !policy.contains("unsafe-inline"))
        #expect(page.header("X-Content-Type-Options") == "nosniff" && page.header("X-Frame-Options") == "DENY")
        let log = web.stop()
        #expect(!log.contains(WebServe.password) && !log.contains("wrong"), "passwords are never logged")
        #expect(log.contains("login failed"), "a failed login is logged (name and address)")
    }

    @Test("serve reads the store in a read-only state directory (the systemd unit's view of it)",
          .enabled(if: WebServe.canMountReadOnly))
    func readOnlyDirectory() throws {
        let web = try WebServe()
        // The writer kept the WAL's files: SQLite cannot create them in a read-only directory.
        #expect(FileManager.default.fileExists(atPath: web.state + "/chipwatch.sqlite-wal"))
        #expect(FileManager.default.fileExists(atPath: web.state + "/chipwatch.sqlite-shm"))
        try web.start(readOnlyState: true)
        let page = try web.get("/api/v1/signals?limit=500")
        let items = try JSONValue.read(Data(page.body.utf8), as: [String: Any].self)["items"] as? [[String: Any]] ?? []
        let cli = try web.cw(["signals", "--format", "json"]).stdout.split(separator: "\n").count
        #expect(page.status == 200 && items.count == cli && cli > 3)
        #expect(try web.get("/").status == 200)
        let log = web.stop()
        #expect(!log.contains("error"), "\(log)")
    }

    @Test("pages kept between requests follow the store: a run while serving changes the board, the API and the feeds")
    func followsTheStore() throws {
        let web = try WebServe(runs: 1)
        try web.start()
        func states() throws -> [String: String] {
            let list = try JSONValue.read(Data(try web.get("/api/v1/milestones").body.utf8), as: [String: Any].self)["items"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: list.compactMap { m in (m["id"] as? String).map { ($0, m["state"] as? String ?? "") } })
        }
        let before = try states(), board = try web.get("/").body
        let again = try states()
        #expect(before["huawei-ascend-950dt"] == "pending" && again == before, "asked twice, the same")
        #expect(try web.get("/").body == board)
        for now in WebServe.runs.dropFirst() { try web.run(now: now) }
        let after = try states()
        #expect(after["huawei-ascend-950dt"] == "overdue", "\(after)")
        let row = Self.element(try web.get("/").body, "<tr data-milestone=\"huawei-ascend-950dt\">", "</tr>")
        #expect(row.contains("<span class=\"state overdue\">overdue</span>"), "\(row)")
        #expect(try web.get("/milestones/huawei-ascend-950dt").body.contains("slipped → overdue"))
        web.stop()
    }

    @Test("login form: a session cookie HttpOnly and SameSite=Strict (Secure behind a trusted TLS proxy), logout ends it; failures throttled per address")
    func loginForm() throws {
        let web = try WebServe(trustedProxies: ["127.0.0.1"])
        try web.start()
        let form = ["-X", "POST", "--data-urlencode", "user=\(WebServe.user)", "--data-urlencode", "password=\(WebServe.password)",
                    "--data-urlencode", "next=/alerts"]
        let login = try web.http("/login", options: form)
        #expect(login.status == 303 && login.header("Location") == "/alerts")
        let cookie = login.header("Set-Cookie") ?? ""
        #expect(cookie.hasPrefix("chipwatch_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(!cookie.contains("Secure"), "plain HTTP: not Secure")
        let token = String(cookie.split(separator: ";")[0])
        #expect(try web.http("/signals", options: ["-H", "Cookie: \(token)"]).status == 200)
        let logout = try web.http("/logout", options: ["-X", "POST", "-H", "Cookie: \(token)"])
        #expect(logout.status == 303 && logout.header("Set-Cookie")?.contains("Max-Age=0") == true)
        #expect(try web.http("/signals", options: ["-H", "Cookie: \(token)"]).status == 401, "the session ended at logout")
        #expect(try web.http("/signals", options: ["-H", "Cookie: chipwatch_session=made-up"]).status == 401)
        // Behind the configured proxy that terminated TLS, the cookie is Secure.
        let proxied = try web.http("/login", options: form + ["-H", "X-Forwarded-Proto: https"])
        #expect(proxied.header("Set-Cookie")?.contains("Secure") == true)
        // An open redirect is refused: next goes to a path of this site only.
        let away = try web.http("/login", options: ["-X", "POST", "--data-urlencode", "user=\(WebServe.user)",
                                                    "--data-urlencode", "password=\(WebServe.password)", "--data-urlencode", "next=//evil.example/"])
        #expect(away.header("Location") == "/")
        // Five failures from one client address (as the proxy forwards it), then 429 even with the
        // right password; another address is not affected.
        let attacker = ["-H", "X-Forwarded-For: 203.0.113.7"]
        for _ in 0..<5 { #expect(try web.http("/", user: (WebServe.user, "guess"), options: attacker).status == 401) }
        let blocked = try web.http("/", user: (WebServe.user, WebServe.password), options: attacker)
        #expect(blocked.status == 429 && Int(blocked.header("Retry-After") ?? "") ?? 0 > 0)
        let formBlocked = try web.http("/login", options: form + attacker)
        #expect(formBlocked.status == 429)
        #expect(try web.http("/", user: (WebServe.user, WebServe.password), options: ["-H", "X-Forwarded-For: 198.51.100.2"]).status == 200)
    }

    @Test("in headless chromium: the board's 950PR row and timeline, a narrowing filter, an alert linking its evidence, <script> from a feed as text",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func browser() throws {
        let web = try WebServe()
        try web.start()
        let alerts = try JSONValue.read(Data(try web.get("/api/v1/alerts?limit=500").body.utf8), as: [String: Any].self)
        let items = alerts["items"] as? [[String: Any]] ?? []
        guard let shipped = items.first(where: { ($0["summary"] as? String)?.contains("950PR shipped") == true }),
              let alertID = shipped["id"] as? Int else {
            throw TestFailure("no 950PR shipped alert in \(items.count) alerts")
        }
        let pages = try web.browse([
            ["open": "/"], ["dump": "anonymous"],
            ["fill": ["user": WebServe.user, "password": WebServe.password], "submit": "form.login"], ["dump": "board"],
            ["open": "/signals"], ["dump": "signals"],
            ["open": "/signals?event=slip"], ["dump": "slips"],
            ["open": "/signals?q=%3Cscript%3E"], ["dump": "search"],
            ["open": "/alerts/\(alertID)"], ["dump": "alert"],
            ["open": "/milestones/huawei-ascend-950dt"], ["dump": "milestone"],
            ["fill": [:], "submit": "form.logout"], ["open": "/feeds"], ["dump": "after"],
        ])
        #expect(pages["anonymous"]?.status == 401 && pages["anonymous"]?.html.contains("form class=\"login\"") == true)
        let board = pages["board"]?.html ?? ""
        #expect(pages["board"]?.status == 200 && pages["board"]?.url.hasSuffix("/") == true, "the login went back to the board")
        let row = Self.element(board, "<tr data-milestone=\"huawei-ascend-950pr\">", "</tr>")
        #expect(row.contains("Huawei Ascend 950PR") && row.contains("<span class=\"state shipped\">shipped</span>"), "\(row)")
        #expect(board.contains("<svg") && board.contains("class=\"timeline\"") && board.contains("data-milestone=\"huawei-ascend-950pr\""))
        let all = Self.rows(pages["signals"]?.html ?? ""), slips = Self.rows(pages["slips"]?.html ?? "")
        #expect(all.count > slips.count && !slips.isEmpty, "the filter narrows: \(all.count) → \(slips.count)")
        #expect(slips.allSatisfy { $0.contains("data-event=\"slip\"") })
        let search = Self.rows(pages["search"]?.html ?? "")
        #expect(search.count >= 1 && search.allSatisfy { $0.contains("hostile.example.com") }, "the text search finds the hostile item")
        let alert = pages["alert"]?.html ?? ""
        #expect(alert.contains("950PR shipped") && alert.contains("<mark>") && alert.contains("href=\"https://"), "evidence linked")
        #expect(alert.contains("href=\"/milestones/huawei-ascend-950pr\""))
        #expect((pages["milestone"]?.html ?? "").contains("2027-Q1"), "the 950DT's slipped window")
        // What a feed said reaches the page as text: no script element on any page.
        let hostile = pages["signals"]?.html ?? ""
        #expect(hostile.contains("&lt;script&gt;alert(\"title\")&lt;/script&gt;") || hostile.contains("&lt;script&gt;alert(\"evidence\")"))
        for (name, page) in pages { #expect(!page.html.lowercased().contains("<script"), "\(name)") }
        #expect(pages["after"]?.status == 401, "after logout the browser is asked to log in again")
    }

    @Test("the API: every answer validates against /api/v1/openapi.yaml, the same lines as the CLI's --format json, cursor pages")
    func api() throws {
        let web = try WebServe()
        try web.start()
        let spec = try web.dir.write("openapi.yaml", try web.get("/api/v1/openapi.yaml").body)
        var checks: [(path: String, status: Int, body: String)] = []
        for path in ["/api/v1/signals", "/api/v1/signals?limit=2", "/api/v1/signals?event=slip&vendor=huawei", "/api/v1/milestones",
                     "/api/v1/alerts?limit=3", "/api/v1/feeds", "/api/v1/signals?limit=0", "/api/v1/signals?since=yesterday",
                     "/api/v1/alerts?after=x"] {
            let answer = try web.get(path)
            checks.append((path.split(separator: "?")[0].description, answer.status, answer.body))
        }
        #expect(checks.map(\.status) == [200, 200, 200, 200, 200, 200, 400, 400, 400])
        for check in checks {
            let file = try web.dir.write("answer-\(UUID().uuidString).json", check.body)
            let run = try CLI.program("/usr/bin/python3", ["Tests/Fixtures/validate-openapi.py", spec, check.path, String(check.status), file])
            #expect(run.status == 0, "\(check.path) \(check.status): \(run.output)")
        }
        // The pages, followed by their cursors, are the CLI's signal log line by line.
        let cli = try web.cw(["signals", "--format", "json"]).stdout.split(separator: "\n")
            .map { try JSONValue.read(Data($0.utf8), as: [String: Any].self) }
        var served: [[String: Any]] = []
        var after: String?
        var pages = 0
        repeat {
            let page = try JSONValue.read(Data(try web.get("/api/v1/signals?limit=3" + (after.map { "&after=\($0)" } ?? "")).body.utf8),
                                          as: [String: Any].self)
            served += page["items"] as? [[String: Any]] ?? []
            after = (page["next"] as? String)?.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
            pages += 1
        } while after != nil && pages < 50
        #expect(pages == (cli.count + 2) / 3 || pages == (cli.count + 2) / 3 + 1)
        #expect(served.count == cli.count && cli.count > 3)
        #expect(Set(served.compactMap { $0["id"] as? Int }) == Set(cli.compactMap { $0["id"] as? Int }))
        let byID = Dictionary(uniqueKeysWithValues: cli.compactMap { line in (line["id"] as? Int).map { ($0, line) } })
        for item in served {
            let id = item["id"] as? Int ?? -1
            #expect(try Self.canonical(item) == Self.canonical(byID[id] ?? [:]), "signal \(id) as the CLI prints it")
        }
        let dates = served.compactMap { $0["published"] as? String }
        #expect(dates == dates.sorted(by: >), "newest first")
        let slips = try JSONValue.read(Data(checks[2].body.utf8), as: [String: Any].self)["items"] as? [[String: Any]] ?? []
        #expect(slips.count == 2 && slips.allSatisfy { $0["event"] as? String == "slip" })
    }

    // MARK: helpers

    /// The bytes of the store's database and WAL (the shared-memory index is a reader's to write).
    static func storeDigest(_ state: String) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: state)
        where name == "chipwatch.sqlite" || name == "chipwatch.sqlite-wal" {
            contents[name] = try Data(contentsOf: URL(fileURLWithPath: state + "/" + name))
        }
        return contents
    }

    /// One JSON object written with sorted keys, so two parses of the same line compare equal.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func element(_ html: String, _ start: String, _ end: String) -> String {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex) else { return "" }
        return String(html[from.lowerBound..<to.upperBound])
    }

    /// The signal rows of a /signals page.
    static func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<tr class=\"signal\"").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
    }
}

/// `serve`'s and `web adduser`'s refusals, and `check-config` on the `web:` block.
@Suite("Web view configuration")
struct WebConfigTests {
    @Test("serve refuses without web: or without a user and never creates a store; adduser writes a 0600 bcrypt line once; check-config reports the block")
    func refusals() throws {
        let dir = try TempDir()
        let bare = try dir.write("bare.yaml", "feeds: \(CLI.repositoryRoot)/feeds/feeds.yaml\n")
        let state = dir.path + "/state"
        let noWeb = try CLI.run(["--config", bare, "--state-dir", state, "serve"])
        #expect(noWeb.status == 78 && noWeb.stderr.contains("web: is required"))
        let config = try dir.write("chipwatch.yaml", """
            feeds: \(CLI.repositoryRoot)/feeds/feeds.yaml
            web:
              users_file: users

            """)
        let noUser = try CLI.run(["--config", config, "--state-dir", state, "serve"])
        #expect(noUser.status == 78 && noUser.stderr.contains("no user; add one with: chipwatch web adduser NAME"))
        #expect(try CLI.run(["--config", config, "check-config"]).status == 78)
        let added = try CLI.run(["--config", config, "web", "adduser", "ann"], stdin: "s3cret word\n")
        #expect(added.status == 0)
        let users = dir.path + "/users"
        let line = try String(contentsOfFile: users, encoding: .utf8)
        #expect(line.hasPrefix("ann:$2b$12$") && line.count == "ann:".count + 60 + 1 && !line.contains("s3cret"))
        let mode = (try FileManager.default.attributesOfItem(atPath: users)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try CLI.run(["--config", config, "web", "adduser", "ann"], stdin: "other\n").status == 65, "a name is added once")
        #expect(try CLI.run(["--config", config, "web", "adduser", "bob"], stdin: "").status == 65, "no password, no user")
        #expect(try CLI.run(["--config", config, "web", "adduser", "bad:name"], stdin: "x\n").status == 65)
        let checked = try CLI.run(["--config", config, "check-config"])
        #expect(checked.status == 0 && checked.stdout.contains("web: ok (listen 127.0.0.1:8640, 1 users in \(users))"))
        // With a user but no store yet, serve says so and creates nothing.
        let noStore = try CLI.run(["--config", config, "--state-dir", state, "serve"])
        #expect(noStore.status != 0 && noStore.stderr.contains("no store here yet"))
        #expect(!FileManager.default.fileExists(atPath: state + "/chipwatch.sqlite"))
        let badListen = try dir.write("bad.yaml", """
            feeds: \(CLI.repositoryRoot)/feeds/feeds.yaml
            web: {listen: "localhost", users_file: users}

            """)
        let bad = try CLI.run(["--config", badListen, "check-config"])
        #expect(bad.status == 78 && bad.stderr.contains("web.listen"))
    }
}
