import Core
import Foundation
import Store
import TestSupport
import Testing

/// notify, outbox and receivers' configuration through the real executable, against the
/// webhook receiver on 127.0.0.1; the alerts come from `chipwatch run` on the demo's samples.
@Suite("Notify CLI", .serialized)
struct NotifyCLITests {
    let dir: TempDir
    let feeds: LoopbackServer
    let hooks: LoopbackServer
    static let secret = "cli-hook-secret"

    init() throws {
        dir = try TempDir()
        feeds = try LoopbackServer(root: CLI.repositoryRoot + "/feeds/samples")
        hooks = try LoopbackServer(script: "hook_server.py", arguments: [Self.secret])
        _ = try dir.write("feeds.yaml", try feeds.sampleFeedsYAML())
        try FileManager.default.createDirectory(atPath: dir.path + "/credentials", withIntermediateDirectories: true)
        _ = try dir.write("credentials/hook-secret", Self.secret + "\n")
    }

    /// A configuration whose only receiver is the webhook at `path` (its secret a systemd
    /// credential), or with no receivers at all (then `run` starts no notify stage).
    func config(_ path: String?) throws -> String {
        _ = try dir.write("rules.yaml", path == nil ? "rules: []\n" : """
            receivers:
              - name: desk-webhook
                webhook: {url: "\(hooks.url(path ?? ""))", credential: hook-secret}
            routes:
              - receivers: [desk-webhook]

            """)
        return try dir.write("chipwatch.yaml", """
            feeds: feeds.yaml
            dictionary: \(CLI.repositoryRoot)/feeds/dictionary.yaml
            roadmap: \(CLI.repositoryRoot)/feeds/samples/roadmap.yaml
            rules: rules.yaml
            fetch: {allow_private_networks: true}

            """)
    }

    func cw(_ config: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["--config", config, "--state-dir", dir.path + "/state"] + arguments,
                    environment: ["CREDENTIALS_DIRECTORY": dir.path + "/credentials"])
    }

    func received() throws -> [[String: Any]] {
        try JSONValue.read(Data(try HTTPGet.body(hooks.url("/received"))))
    }

    @Test("run delivers through notify; the secret comes from $CREDENTIALS_DIRECTORY and never reaches the output")
    func runDelivers() throws {
        let config = try config("/hook/ok/s3cr3t-path")
        let run = try cw(config, ["run", "--now", "2026-03-25T12:00:00Z"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("notify: 1 deliveries routed, 1 sent"))
        let got = try received()
        #expect(got.count == 1 && got.first?["signature_ok"] as? Bool == true)
        let outbox = try cw(config, ["outbox", "--format", "json"]).stdout
        #expect(outbox.contains("\"state\":\"sent\""))
        for text in [run.stdout, run.stderr, outbox] {
            #expect(!text.contains(Self.secret) && !text.contains("s3cr3t-path"))
        }
    }

    @Test("a notify killed mid-delivery loses nothing: the next one sends it again under the same key")
    func killedMidDelivery() throws {
        #expect(try cw(try config(nil), ["run", "--quiet", "--now", "2026-03-25T12:00:00Z"]).status == 0)
        let config = try config("/hook/slow")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["--config", config, "--state-dir", dir.path + "/state", "notify", "--now", "2026-03-26T00:00:00Z"]
        process.environment = ProcessInfo.processInfo.environment.merging(["CREDENTIALS_DIRECTORY": dir.path + "/credentials"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(1_000_000)
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(2000) }
        let again = try cw(config, ["notify", "--now", "2026-03-26T00:10:00Z"])
        #expect(again.stdout.contains("1 sent"), "\(again.stdout)\(again.stderr)")
        let keys = try received().compactMap { $0["key"] as? String }
        #expect(keys.count >= 2 && Set(keys).count == 1, "every attempt of the delivery carries the same key")
        #expect(try cw(config, ["outbox", "--state", "pending"]).stdout.split(separator: "\n").count == 1, "only the header: nothing left")
    }

    @Test("dead letters are listed and put back in line by outbox retry; --dry-run sends and changes nothing")
    func deadAndRetry() throws {
        let config = try config("/hook/bad")
        _ = try cw(config, ["run", "--quiet", "--now", "2026-03-25T12:00:00Z"])
        let dead = try cw(config, ["outbox", "--state", "dead", "--format", "csv"]).stdout
        #expect(dead.contains("desk-webhook,dead,1,400"), "\(dead)")
        let metrics = try String(contentsOfFile: dir.path + "/state/chipwatch.prom", encoding: .utf8)
        #expect(metrics.contains("chipwatch_dead_letters 1") && metrics.contains("chipwatch_deliveries{state=\"dead\"} 1"))
        let id = try #require(dead.components(separatedBy: "\r\n").dropFirst().first?.split(separator: ",").first.map(String.init))  // CSV lines end in CRLF
        #expect(try cw(config, ["outbox", "retry", id, "--now", "2026-03-25T12:05:00Z"]).stdout.contains("1 dead delivery back in line"))
        #expect(try cw(config, ["outbox", "retry", id]).status == 65, "no longer dead")
        let before = try received().count
        let dry = try cw(config, ["notify", "--dry-run", "--now", "2026-03-25T12:05:00Z"])
        #expect(dry.stdout.contains("== desk-webhook (delivery "))
        #expect(dry.stdout.contains("\"version\":\"1\""))
        #expect(try received().count == before, "dry run sends nothing")
        #expect(try cw(config, ["outbox", "--state", "pending", "--format", "csv"]).stdout.contains("desk-webhook,pending,0"))
    }

    @Test("check-config names receiver and route errors, and refuses secrets written in the YAML")
    func receiverErrors() throws {
        _ = try dir.write("rules.yaml", """
            receivers:
              - name: mail
                email: {url: "smtp://user:pw@mail.example.com", from: a@b, to: [], password: hunter2}
              - name: both
                log: {path: "-"}
                webhook: {url: "https://hooks.example.com"}
              - name: hook
                webhook: {url: "ftp://x", secret: abc, format: teams}
              - name: morning
                digest: {receiver: nowhere, every: 10m, at: "25:00"}
            routes:
              - match: {severity: [loud]}
                receivers: [missing]

            """)
        let config = try dir.write("chipwatch.yaml", "feeds: feeds.yaml\nrules: rules.yaml\n")
        let result = try CLI.run(["check-config", "--config", config])
        #expect(result.status == 78)
        for expected in [
            "rules.yaml:3: receivers[0].email.password: passwords never go in the YAML",
            "receivers[0].email.url: must not carry a password",
            "receivers[0].email.to: must name at least one address",
            "rules.yaml:4: receivers[1]: must have exactly one of email, webhook, log or digest",
            "receivers[2].webhook.secret: secrets never go in the YAML",
            "receivers[2].webhook.url: \"ftp://x\" must be an http or https URL",
            "receivers[2].webhook.format: \"teams\" must be chipwatch or slack",
            "receivers[3].digest.every: \"10m\" must be a duration of at least 1h",
            "receivers[3].digest.at: \"25:00\" must be a time HH:MM",
            "receivers[3].digest.receiver: \"nowhere\" is not one of the receivers",
            "routes[0].match.severity: \"loud\" must be info, warning or critical",
            "routes[0].receivers: \"missing\" is not one of the receivers",
        ] {
            #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
        #expect(!result.stderr.contains("hunter2"))
    }
}
