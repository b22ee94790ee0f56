import Core
import Foundation
import Logging
import Notify
import TestSupport
import Testing

/// `NotifyStage.plan` (what `notify --dry-run` prints) against what `run` then does, on the
/// in-memory store: a digest whose period ended is in the plan, and the run sends exactly
/// what was planned.
@Suite("Notify plan")
struct NotifyPlanTests {
    static let morning = Date(timeIntervalSince1970: 1_779_955_200)  // 2026-05-28T08:00:00Z

    static func notice(_ id: Int) -> NoticeEntry {
        NoticeEntry(notice: .firing, alert: Alert(fingerprint: "f\(id)", kind: .event, rule: "r", subject: "s", severity: .warning,
                                                   labels: ["severity": "warning"], summary: "notice \(id)", evidence: [],
                                                   firedAt: morning))
    }

    /// A log receiver writing to `dir`, and a daily 08:00 digest sending to it.
    static func rules(_ dir: TempDir) -> RuleSet {
        var rules = RuleSet()
        rules.receivers = [Receiver(name: "file", kind: .log(path: dir.path + "/digest.jsonl")),
                           Receiver(name: "daily", kind: .digest(.init(receiver: "file", everySeconds: 86_400, hour: 8, minute: 0)))]
        rules.routes = [Route(receivers: ["daily"])]
        return rules
    }

    @Test("notices collect until the digest period ends; then the plan shows the digest and the run sends it once")
    func digestInPlanAndRun() throws {
        let dir = try TempDir()
        let store = InMemoryNotifyStore()
        let stage = NotifyStage(rules: Self.rules(dir), logger: Logger(label: "test"))
        let evening = Self.morning.addingTimeInterval(-12 * 3600)
        store.enqueue(Self.notice(1), at: evening)
        store.enqueue(Self.notice(2), at: evening.addingTimeInterval(5))
        // Evening: routing collects; nothing to send yet.
        let first = try stage.plan(store: store, now: evening.addingTimeInterval(60))
        #expect(first.deliveries.map(\.collecting) == [true])
        #expect(first.sends.isEmpty)
        #expect(try stage.run(store: store, now: evening.addingTimeInterval(60)).sent == 0)
        #expect(store.deliveries.map(\.state) == [.collecting])
        // Next morning: the plan holds the digest with both notices; the run sends just that.
        let next = Self.morning.addingTimeInterval(30)
        let plan = try stage.plan(store: store, now: next)
        #expect(plan.sends.map(\.receiver) == ["file"])
        #expect(plan.sends.first?.entries.map(\.alert.fingerprint) == ["f1", "f2"])
        let run = try stage.run(store: store, now: next)
        #expect(run.digests == 1 && run.sent == 1)
        #expect(store.deliveries.map(\.state) == [.digested, .sent])
        #expect(store.deliveries.last?.key == plan.sends.first?.key, "the run sent what the plan showed, under its key")
        // Nothing left: a second run the same morning plans and sends nothing.
        #expect(try stage.plan(store: store, now: next.addingTimeInterval(60)).sends.isEmpty)
        #expect(try stage.run(store: store, now: next.addingTimeInterval(60)) == NotifyRunSummary())
        let lines = try String(contentsOfFile: dir.path + "/digest.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
    }

    @Test("without routes, notices wait in the outbox and nothing is planned")
    func noRoutes() throws {
        let dir = try TempDir()
        var rules = Self.rules(dir)
        rules.routes = []
        let store = InMemoryNotifyStore()
        store.enqueue(Self.notice(1), at: Self.morning)
        let stage = NotifyStage(rules: rules, logger: Logger(label: "test"))
        let plan = try stage.plan(store: store, now: Self.morning)
        #expect(plan.outbox.count == 1 && plan.routedIDs.isEmpty && plan.sends.isEmpty)
        #expect(try stage.run(store: store, now: Self.morning) == NotifyRunSummary())
        #expect(try store.unroutedOutbox().count == 1)
    }
}

/// What a receiver is told of copies an alert counted but did not keep.
@Suite("Notification of counted copies")
struct OmittedEvidenceTests {
    static func entry(omitted: Int?) throws -> NoticeEntry {
        let text = "Huawei has started shipping the Ascend 950PR."
        let signal = Signal(vendors: ["Huawei"], product: "Huawei Ascend 950PR", event: .ship, modality: .reported, window: nil,
                            windowText: nil, quantities: [], evidence: Evidence(text: text, field: "text", start: 0, end: 45),
                            confidence: 0.8)
        let claims = (1...4).map { n in
            EvidenceSnapshot(SignalRecord(id: Int64(n), itemID: Int64(n), storyID: 7, feedID: "site-\(n)", tier: .aggregator,
                                          published: NotifyPlanTests.morning, title: "copy \(n)", url: "https://news.example/\(n)",
                                          signal: signal))
        }
        return NoticeEntry(notice: .firing, alert: Alert(fingerprint: "f", kind: .event, rule: "r", subject: "s", severity: .warning,
                                                         labels: [:], summary: "shipped", evidence: claims, evidenceOmitted: omitted,
                                                         firedAt: NotifyPlanTests.morning))
    }

    @Test("the webhook body counts them only when there are some; Slack's text adds them to the unlisted")
    func counted() throws {
        let plain = String(decoding: Payload.body(key: "k", receiver: "hook", entries: [try Self.entry(omitted: nil)]), as: UTF8.self)
        #expect(!plain.contains("evidence_omitted"))
        let counted = String(decoding: Payload.body(key: "k", receiver: "hook", entries: [try Self.entry(omitted: 180)]), as: UTF8.self)
        #expect(counted.contains("\"evidence_omitted\":180"))
        let slack = String(decoding: Payload.slack([try Self.entry(omitted: 180)]), as: UTF8.self)
        #expect(slack.contains("and 181 more"))
        // Four kept, three shown: the fourth is the only one unlisted.
        #expect(String(decoding: Payload.slack([try Self.entry(omitted: nil)]), as: UTF8.self).contains("and 1 more\""))
    }

    @Test("merging keeps the first claims up to the limit, counts later ones once each, ignores repeats")
    func merging() throws {
        var alert = try Self.entry(omitted: nil).alert
        let first = alert.evidence
        alert.evidence = []
        let many = (0..<(Alert.evidenceLimit + 5)).map { n in
            var claim = first[n % first.count]
            claim.url = "https://news.example/copy-\(n)"
            return claim
        }
        alert.merge(evidence: many)
        alert.merge(evidence: Array(many.prefix(3)))
        #expect(alert.evidence.count == Alert.evidenceLimit)
        #expect(alert.evidence.first?.url == "https://news.example/copy-0")
        #expect(alert.evidenceOmitted == 5)
        #expect(alert.evidenceOmittedNote == "and 5 more copies of the story, not listed")
    }
}
