import Core
import Foundation
import Logging
import Notify
import Store
import TestSupport
import Testing

/// The notify stage against real receivers on 127.0.0.1: a webhook receiver that checks the
/// signature, an SMTP server (aiosmtpd), log files; alerts made by the real evaluate stage.
/// The tests of what the store keeps (routing, retries, dead letters, digests) run on the
/// SQLite file and on PostgreSQL.
@Suite("Notify", .serialized)
struct NotifyTests {
    static let secret = "hook-secret-123"
    static let pr = Milestone(id: "huawei-ascend-950pr", vendor: "Huawei", product: "Huawei Ascend 950PR", window: .quarter(2026, 1))
    let hooks: LoopbackServer
    let dir: TempDir

    init() throws {
        hooks = try LoopbackServer(script: "hook_server.py", arguments: [Self.secret])
        dir = try TempDir()
    }

    /// A store with one shipped alert and one overdue alert waiting in the outbox.
    func scenario(_ receivers: [Receiver], routes: [Route]? = nil, delivery: DeliverySettings = DeliverySettings(),
                  backend: StoreBackend = .sqlite) throws -> Scenario {
        var rules = RuleSet()
        rules.receivers = receivers
        rules.routes = routes ?? [Route(receivers: receivers.map(\.name))]
        rules.delivery = delivery
        let dt = Milestone(id: "huawei-ascend-950dt", vendor: "Huawei", product: "Huawei Ascend 950DT", window: .quarter(2026, 4))
        let s = try Scenario(roadmap: [Self.pr, dt], rules: rules, backend: backend)
        try s.evaluate("2026-03-01T00:00:00Z")
        try s.publish("huawei", tier: .official, "2026-04-12T09:00:00Z", "Ascend 950PR shipments",
                      "Huawei has started shipping the Ascend 950PR to cloud customers.")
        try s.evaluate("2027-02-01T00:00:00Z")
        return s
    }

    func notify(_ s: Scenario, at time: String) throws -> NotifyRunSummary {
        try NotifyStage(rules: s.rules, logger: Logger(label: "test")).run(store: s.store, now: try instant(time))
    }

    func received() throws -> [[String: Any]] {
        let data = try HTTPGet.body(hooks.url("/received"))
        return try JSONValue.read(Data(data))
    }

    func hook(_ path: String, _ name: String = "desk") -> Receiver {
        Receiver(name: name, kind: .webhook(.init(url: hooks.url(path), secret: .environment("CHIPWATCH_TEST_HOOK_SECRET"))))
    }

    @Test("a webhook gets one signed notification per group, in the documented schema", arguments: StoreBackend.allCases)
    func webhookSigned(_ backend: StoreBackend) throws {
        setenv("CHIPWATCH_TEST_HOOK_SECRET", Self.secret, 1)
        let s = try scenario([hook("/hook/ok")], backend: backend)
        let run = try notify(s, at: "2027-02-01T00:01:00Z")
        #expect(run.routed == 1 && run.sent == 1)
        let got = try received()
        #expect(got.count == 1)
        let request = try #require(got.first)
        #expect(request["signature_ok"] as? Bool == true, "HMAC-SHA256 of timestamp.body with the shared secret")
        #expect(request["content_type"] as? String == "application/json")
        let body = try #require(request["body"] as? [String: Any])
        let checked = try Schema.errors("notification.schema.json", try JSONSerialization.data(withJSONObject: body), dir: dir)
        #expect(checked.isEmpty, "the body received is valid notification v1: \(checked)")
        #expect(body["version"] as? String == "1" && body["receiver"] as? String == "desk" && body["status"] as? String == "firing")
        #expect(body["delivery"] as? String == request["key"] as? String)
        let alerts = try #require(body["alerts"] as? [[String: Any]])
        #expect(alerts.count == 2, "the shipped and the overdue alert fired in one evaluate go as one notification")
        let shipped = try #require(alerts.first { $0["new_state"] as? String == "shipped" })
        for key in ["fingerprint", "kind", "milestone", "vendor", "product", "old_state", "new_state", "promised_window",
                    "observed_window", "severity", "summary", "evidence", "labels"] {
            #expect(shipped[key] != nil, "missing \(key)")
        }
        let evidence = try #require((shipped["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["url"] as? String == "https://huawei.example/1" && evidence["published"] as? String == "2026-04-12T09:00:00Z")
        #expect((evidence["quote"] as? String)?.contains("started shipping the Ascend 950PR") == true)
        #expect(try notify(s, at: "2027-02-01T00:02:00Z").sent == 0, "nothing twice")
    }

    @Test("a receiver that fails twice then recovers gets everything, each delivery under one key", arguments: StoreBackend.allCases)
    func flakyReceiver(_ backend: StoreBackend) throws {
        let s = try scenario([hook("/hook/flaky/2")], backend: backend)
        #expect(try notify(s, at: "2027-02-01T00:01:00Z").retrying == 1)
        #expect(try notify(s, at: "2027-02-01T00:01:10Z").retrying == 0, "not before its backoff")
        let second = try notify(s, at: "2027-02-01T01:00:00Z")
        let statuses = try received().map { "\($0["status"] ?? "")" }
        #expect(second.retrying == 1, "\(second) \(statuses)")
        #expect(try notify(s, at: "2027-02-01T03:00:00Z").sent == 1)
        let got = try received()
        #expect(got.count == 3)
        #expect(Set(got.compactMap { $0["key"] as? String }).count == 1)
        #expect(got.map { $0["status"] as? Int } == [503, 503, 200])
        let delivery = try #require(try s.store.deliveries(state: nil).first)
        #expect(delivery.state == .sent && delivery.attempts == 3)
        #expect(try s.store.attempts(deliveryID: delivery.id).map(\.ok) == [false, false, true])
    }

    @Test("a receiver that never recovers ends in the dead letters; retry sends it again; a 400 is dead at once", arguments: StoreBackend.allCases)
    func deadLetters(_ backend: StoreBackend) throws {
        var settings = DeliverySettings()
        settings.maxAttempts = 3
        let s = try scenario([hook("/hook/dead/tok-SECRETPATH")], delivery: settings, backend: backend)
        for time in ["2027-02-01T00:01:00Z", "2027-02-01T02:00:00Z", "2027-02-01T06:00:00Z"] { _ = try notify(s, at: time) }
        let dead = try #require(try s.store.deliveries(state: .dead).first)
        #expect(dead.attempts == 3)
        #expect(dead.lastCode == 500)
        #expect(dead.lastError?.contains("SECRETPATH") == false, "secret URL parts never reach the store")
        #expect(dead.lastError?.contains("gave up after 3 attempts") == true)
        #expect(try s.store.retryDead(id: nil, at: try instant("2027-02-02T00:00:00Z")) == 1)
        s.rules.receivers = [hook("/hook/ok", "desk")]
        s.rules.routes = [Route(receivers: ["desk"])]
        // The receiver was renamed in place: same name, a working URL now.
        let retried = try notify(s, at: "2027-02-02T00:00:00Z")
        #expect(retried.sent == 1)
        let bad = try scenario([hook("/hook/bad", "strict")], backend: backend)
        #expect(try notify(bad, at: "2027-02-01T00:01:00Z").dead == 1)
    }

    @Test("email goes through a real SMTP server as a multipart/alternative MIME message")
    func email() throws {
        let mailDir = try TempDir()
        let smtp = try LoopbackServer(script: "smtp_server.py", arguments: [mailDir.path], interpreter: ["/usr/bin/python3"])
        let mail = Receiver(name: "investors-mail", kind: .email(.init(url: "smtp://127.0.0.1:\(smtp.port)", from: "chipwatch@example.com",
                                                                     to: ["desk@example.com", "cio@example.com"])))
        let s = try scenario([mail], routes: [Route(severities: [.warning], labels: ["event": "shipped"], receivers: ["investors-mail"])])
        let run = try notify(s, at: "2027-02-01T00:01:00Z")
        let errors = try s.store.deliveries(state: nil).map { $0.lastError ?? "" }
        #expect(run.sent == 1, "\(errors)")
        let envelope = try JSONValue.read(Data(contentsOf: URL(fileURLWithPath: mailDir.path + "/001.json")), as: [String: Any].self)
        #expect(envelope["from"] as? String == "chipwatch@example.com")
        #expect(envelope["to"] as? [String] == ["desk@example.com", "cio@example.com"])
        let message = try String(contentsOfFile: mailDir.path + "/001.eml", encoding: .utf8)
        #expect(message.contains("Subject: Huawei Ascend 950PR shipped, 12 days late against the promised 2026-Q1\r\n"))
        #expect(message.contains("Content-Type: multipart/alternative; boundary="))
        #expect(message.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(message.contains("Content-Type: text/html; charset=utf-8"))
        #expect(message.range(of: "Message-ID: <[0-9a-f]{32}@chipwatch>", options: .regularExpression) != nil)
        #expect(message.contains("Date: Mon, 01 Feb 2027 00:01:00 +0000"))
        let parts = message.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").dropFirst().map { part in
            String(decoding: Data(base64Encoded: part.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n", with: "")) ?? Data(),
                   as: UTF8.self)
        }
        #expect(parts.count == 2)
        #expect(parts.first?.contains("https://huawei.example/1") == true)
        #expect(parts.last?.contains("<a href=\"https://huawei.example/1\">") == true)
    }

    /// An address of this machine that is not loopback, if it has one.
    static let outsideAddress: String? = {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == UInt16(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
            let text = String(cString: host)
            if !text.hasPrefix("127.") && !text.isEmpty { return text }
        }
        return nil
    }()

    @Test("STARTTLS is required away from loopback: a server that does not offer it gets nothing",
          .enabled(if: NotifyTests.outsideAddress != nil))
    func startTLSRequired() throws {
        let mailDir = try TempDir()
        let host = try #require(Self.outsideAddress)
        let smtp = try LoopbackServer(script: "smtp_server.py", arguments: [mailDir.path, host], interpreter: ["/usr/bin/python3"])
        let mail = Receiver(name: "mail", kind: .email(.init(url: "smtp://\(host):\(smtp.port)", from: "a@example.com", to: ["b@example.com"])))
        let s = try scenario([mail])
        #expect(try notify(s, at: "2027-02-01T00:01:00Z").sent == 0)
        #expect(!FileManager.default.fileExists(atPath: mailDir.path + "/001.eml"), "no plain-text message left the machine")
        let error = try #require(try s.store.deliveries(state: nil).first?.lastError)
        #expect(error.localizedCaseInsensitiveContains("ssl") || error.localizedCaseInsensitiveContains("tls"), "\(error)")
        // Written out, `tls: none` is the operator's choice.
        let plain = Receiver(name: "mail", kind: .email(.init(url: "smtp://\(host):\(smtp.port)", from: "a@example.com",
                                                              to: ["b@example.com"], tlsRequired: false)))
        s.rules.receivers = [plain]
        #expect(try notify(s, at: "2027-02-01T01:00:00Z").sent == 1)
    }

    @Test("format: slack posts a readable text message")
    func slack() throws {
        let s = try scenario([Receiver(name: "slack", kind: .webhook(.init(url: hooks.url("/hook/ok/slack"), format: .slack)))])
        #expect(try notify(s, at: "2027-02-01T00:01:00Z").sent == 1)
        let body = try #require(try received().first?["body"] as? [String: Any])
        #expect(Array(body.keys) == ["text"])
        let text = try #require(body["text"] as? String)
        #expect(text.contains("[WARNING] Huawei Ascend 950PR shipped, 12 days late"))
        #expect(text.contains("<https://huawei.example/1|Ascend 950PR shipments> (huawei)"))
    }

    @Test("UTF-8 subjects become encoded words")
    func encodedSubject() throws {
        var alert = Alert(fingerprint: "f", kind: .event, rule: "r", subject: "s", severity: .info, labels: [:],
                          summary: "华为昇腾950PR已发货", evidence: [], firedAt: Date(timeIntervalSince1970: 0))
        alert.status = .firing
        let text = String(decoding: MailMessage.render(key: String(repeating: "a", count: 32), from: "a@b", to: ["c@d"],
                                                       entries: [NoticeEntry(notice: .firing, alert: alert)], now: Date()), as: UTF8.self)
        let subject = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        let encoded = subject.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
        #expect(String(decoding: Data(base64Encoded: String(encoded)) ?? Data(), as: UTF8.self) == "华为昇腾950PR已发货")
    }

    @Test("a log receiver writes one JSON line per notification; a digest collects and sends one summary per period", arguments: StoreBackend.allCases)
    func logAndDigest(_ backend: StoreBackend) throws {
        let log = dir.path + "/alerts.jsonl", digestLog = dir.path + "/digest.jsonl"
        let receivers = [Receiver(name: "file", kind: .log(path: log)), Receiver(name: "daily-file", kind: .log(path: digestLog)),
                         Receiver(name: "morning", kind: .digest(.init(receiver: "daily-file", everySeconds: 86_400, hour: 8, minute: 0)))]
        let s = try scenario(receivers, routes: [Route(receivers: ["file", "morning"])], backend: backend)
        _ = try notify(s, at: "2027-02-01T00:01:00Z")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        for line in lines {
            let checked = try Schema.errors("notification.schema.json", Data(line.utf8), dir: dir)
            #expect(checked.isEmpty, "a log line is valid notification v1: \(checked)")
        }
        #expect(!FileManager.default.fileExists(atPath: digestLog), "the digest waits for 08:00")
        #expect(try notify(s, at: "2027-02-01T07:59:00Z").digests == 0)
        let morning = try notify(s, at: "2027-02-01T08:00:30Z")
        #expect(morning.digests == 1 && morning.sent == 1)
        let digest = try String(contentsOfFile: digestLog, encoding: .utf8).split(separator: "\n")
        let object = try JSONValue.read(Data(digest[0].utf8), as: [String: Any].self)
        #expect((object["alerts"] as? [Any])?.count == 2)
        #expect(object["receiver"] as? String == "daily-file")
        #expect(try notify(s, at: "2027-02-02T08:00:30Z").digests == 0, "nothing new to digest")
    }
}

/// The notification schema itself: its golden example is valid, and the validator catches
/// what a receiver would choke on, so a passing check above means something.
@Suite("Notification schema")
struct NotificationSchemaTests {
    @Test("the golden example is valid; a missing field, an unknown field and a bad enum value are not")
    func goldenAndBroken() throws {
        let dir = try TempDir()
        let example = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Fixtures/notification.example.json")))
        #expect(try Schema.errors("notification.schema.json", example, dir: dir).isEmpty)
        var object = try JSONValue.read(example, as: [String: Any].self)
        var alerts = try #require(object["alerts"] as? [[String: Any]])
        alerts[0]["fingerprint"] = nil
        alerts[1]["colour"] = "red"
        alerts[1]["severity"] = "loud"
        object["alerts"] = alerts
        let errors = try Schema.errors("notification.schema.json", try JSONSerialization.data(withJSONObject: object), dir: dir)
        #expect(errors.contains("'fingerprint' is a required property"))
        #expect(errors.contains("'colour' was unexpected"))
        #expect(errors.contains("'loud' is not one of"))
    }
}
