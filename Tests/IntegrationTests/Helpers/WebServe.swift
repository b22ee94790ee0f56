import Foundation
import TestSupport

/// A real `chipwatch serve` for one test, over a store filled by `chipwatch run` from the demo's
/// samples (plus a feed whose title and text carry `<script>`), served on 127.0.0.1; killed
/// when the value goes away.
final class WebServe: @unchecked Sendable {
    static let user = "ann", password = "correct horse battery staple"

    let dir: TempDir
    let feeds: LoopbackServer
    let config: String
    var state: String { dir.path + "/state" }
    /// The server's origin as `serve` prints it (http://127.0.0.1:PORT).
    private(set) var base = ""
    private var process: Process?
    private var output = ""

    /// The demo's three dated runs: the roadmap and the 950PR shipping, the 950DT's slip, months
    /// of silence that make milestones overdue.
    static let runs = ["2026-03-25T12:00:00Z", "2026-10-21T12:00:00Z", "2027-05-15T12:00:00Z"]

    /// `trustedProxies` go into `web.trusted_proxies`; `runs` of `WebServe.runs` fill the store.
    init(trustedProxies: [String] = [], runs: Int = 3) throws {
        dir = try TempDir()
        let samples = dir.path + "/samples"
        try FileManager.default.copyItem(atPath: CLI.repositoryRoot + "/feeds/samples", toPath: samples)
        try FileManager.default.copyItem(atPath: CLI.repositoryRoot + "/Tests/IntegrationTests/Support/hostile.xml",
                                         toPath: samples + "/hostile.xml")
        feeds = try LoopbackServer(root: samples)
        _ = try dir.write("feeds.yaml", try feeds.sampleFeedsYAML() + """
              - id: hostile-wire
                url: \(feeds.url("/files/hostile.xml"))
                tier: 2
                tags: [trade-press]

            """)
        config = try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: \(CLI.repositoryRoot)/feeds/samples/roadmap.yaml
            rules: \(CLI.repositoryRoot)/feeds/samples/rules.yaml
            fetch: {allow_private_networks: true}
            web:
              listen: 127.0.0.1:0
              users_file: web-users
              trusted_proxies: [\(trustedProxies.joined(separator: ", "))]

            """)
        for now in Self.runs.prefix(runs) { try run(now: now) }
        let added = try cw(["web", "adduser", Self.user], stdin: Self.password + "\n")
        if added.status != 0 { throw TestFailure("adduser failed: \(added.stderr)") }
    }

    deinit { stop() }

    /// `chipwatch run --now` on the store (while serving too: the pipeline keeps writing).
    func run(now: String) throws {
        let result = try cw(["run", "--quiet", "--now", now])
        if result.status != 0 { throw TestFailure("run failed: \(result.stdout)\(result.stderr)") }
    }

    func cw(_ arguments: [String], stdin: String? = nil) throws -> CLI.Result {
        try CLI.run(["--config", config, "--state-dir", state] + arguments, stdin: stdin)
    }

    /// Whether this machine lets the tests make a mount namespace (root, or CAP_SYS_ADMIN).
    static let canMountReadOnly: Bool = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
            && (try? CLI.program("/usr/bin/unshare", ["-m", "true"]).status) == 0
    }()

    /// Starts `chipwatch serve` and waits for its "listening on" line (the port it bound).
    /// `readOnlyState`: in a mount namespace where the state directory is a read-only bind
    /// mount, as the systemd unit gives it (`canMountReadOnly` says whether that is possible).
    /// `configPath`: another configuration than the fixture's (a PostgreSQL store's).
    func start(readOnlyState: Bool = false, configPath: String? = nil) throws {
        let out = dir.path + "/serve.out"
        guard FileManager.default.createFile(atPath: out, contents: nil) else { throw TestFailure("cannot create \(out)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        defer { try? handle.close() }
        let process = Process()
        let serve = ["--config", configPath ?? config, "--state-dir", state, "serve"]
        if readOnlyState {
            // unshare and sh both exec: the process signalled at stop() is chipwatch itself.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = ["-m", "/bin/sh", "-c", "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && shift && exec \"$@\"",
                                 "sh", state, CLI.executable] + serve
        } else {
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = serve
        }
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        // A file, not a pipe (see CLI.spawn): the test reads what serve wrote so far.
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("serve: listening on ") }) {
                base = String(line.dropFirst("serve: listening on ".count).split(separator: " ")[0])
                return
            }
            if !process.isRunning { throw TestFailure("serve exited \(process.terminationStatus): \(output)") }
            usleep(20_000)
        }
        throw TestFailure("serve did not say where it listens: \(output)")
    }

    /// Stops the server (SIGTERM, as systemd does) and returns everything it wrote.
    @discardableResult
    func stop() -> String {
        guard let process else { return output }
        self.process = nil
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<250 where waitpid(pid, &status, WNOHANG) == 0 { usleep(20_000) }
        if kill(pid, 0) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        output = (try? String(contentsOfFile: dir.path + "/serve.out", encoding: .utf8)) ?? output
        return output
    }

    struct Answer {
        var status: Int
        var headers: [String: [String]]
        var body: String
        func header(_ name: String) -> String? { headers[name.lowercased()]?.first }
    }

    /// One request with curl: `user` adds HTTP Basic credentials; `options` are curl's own.
    func http(_ path: String, user: (String, String)? = nil, options: [String] = []) throws -> Answer {
        let head = dir.path + "/head-\(UUID().uuidString)", body = dir.path + "/body-\(UUID().uuidString)"
        defer { for file in [head, body] { try? FileManager.default.removeItem(atPath: file) } }
        var arguments = ["-s", "-o", body, "-D", head, "-w", "%{http_code}", "--max-time", "20"]
        if let (name, password) = user { arguments += ["-u", "\(name):\(password)"] }
        let run = try CLI.program("/usr/bin/curl", arguments + options + [base + path])
        guard run.status == 0, let status = Int(run.output.suffix(3)) else { throw TestFailure("curl \(path) failed: \(run.output)") }
        var headers: [String: [String]] = [:]
        for line in ((try? String(contentsOfFile: head, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased(), default: []].append(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Answer(status: status, headers: headers, body: (try? String(contentsOfFile: body, encoding: .utf8)) ?? "")
    }

    /// With the users file's credentials.
    func get(_ path: String, options: [String] = []) throws -> Answer {
        try http(path, user: (Self.user, Self.password), options: options)
    }

    /// Pages as headless chromium shows them (`Support/browser.py`): name → (url, status, DOM).
    func browse(_ steps: [[String: Any]]) throws -> [String: (url: String, status: Int, html: String)] {
        let file = dir.path + "/steps.json"
        try JSONSerialization.data(withJSONObject: steps).write(to: URL(fileURLWithPath: file))
        let run = try CLI.program("/usr/bin/python3", [CLI.repositoryRoot + "/Tests/IntegrationTests/Support/browser.py", base, file])
        guard run.status == 0, let line = run.output.split(separator: "\n").last,
              let object = try? JSONValue.read(Data(line.utf8), as: [String: [String: Any]].self) else {
            throw TestFailure("browser.py failed: \(run.output.suffix(2000))")
        }
        return object.mapValues { ($0["url"] as? String ?? "", $0["status"] as? Int ?? 0, $0["html"] as? String ?? "") }
    }
}
