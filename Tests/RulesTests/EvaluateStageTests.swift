import Core
import Foundation
import Logging
import Rules
import TestSupport
import Testing

/// `EvaluateStage` over several runs on the in-memory store: when notices go out, repeat,
/// remind, resolve or stay quiet. Each row is a dated story; each step a run at an instant,
/// with the signals published before it and the notices that run must queue.
@Suite("Evaluate runs")
struct EvaluateStageTests {
    static let pr = Milestone(id: "pr", vendor: "Huawei", product: "Huawei Ascend 950PR", window: .quarter(2026, 1))

    struct Step: Sendable {
        var at: String
        var ship: (feed: String, tier: SourceTier, published: String)? = nil
        var notices: [String]
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var silenceUntil: String? = nil
        var steps: [Step]
        var testDescription: String { name }
    }

    static let overdue = "Huawei Ascend 950PR is overdue: promised 2026-Q1, nothing shipped by 2026-04-30 (2026-Q1 plus 30 days grace)"

    static let rows: [Row] = [
        Row(name: "overdue fires on the clock, is reminded of once a repeat interval, and resolves when it ships", steps: [
            Step(at: "2026-03-01T00:00:00Z", notices: []),
            Step(at: "2026-05-01T00:00:00Z", notices: ["firing: \(overdue)"]),
            Step(at: "2026-05-05T00:00:00Z", notices: []),
            Step(at: "2026-05-08T00:00:00Z", notices: ["reminder: \(overdue)"]),
            Step(at: "2026-05-10T00:00:00Z", ship: ("huawei", .official, "2026-05-09T00:00:00Z"), notices: [
                "firing: Huawei Ascend 950PR shipped, 39 days late against the promised 2026-Q1", "resolved: \(overdue)"]),
            Step(at: "2026-06-10T00:00:00Z", notices: []),
        ]),
        Row(name: "a silence keeps overdue quiet until it ends; then it fires", silenceUntil: "2026-05-20T00:00:00Z", steps: [
            Step(at: "2026-03-01T00:00:00Z", notices: []),
            Step(at: "2026-05-01T00:00:00Z", notices: []),
            Step(at: "2026-05-19T00:00:00Z", notices: []),
            Step(at: "2026-05-21T00:00:00Z", notices: ["firing: \(overdue)"]),
        ]),
        Row(name: "a deadline that passed before watching is recorded, never sent", steps: [
            Step(at: "2026-06-01T00:00:00Z", notices: []),
            Step(at: "2026-07-01T00:00:00Z", notices: []),
        ]),
        Row(name: "a ship on time fires once; a second copy adds evidence and sends nothing", steps: [
            Step(at: "2026-03-21T00:00:00Z", ship: ("huawei", .official, "2026-03-20T00:00:00Z"),
                 notices: ["firing: Huawei Ascend 950PR shipped, on time (promised 2026-Q1)"]),
            Step(at: "2026-03-22T00:00:00Z", ship: ("huawei", .official, "2026-03-21T00:00:00Z"), notices: []),
            Step(at: "2026-06-01T00:00:00Z", notices: []),
        ]),
    ]

    /// A story copied by more sites than an alert keeps: one alert, its first sources listed
    /// and the rest counted, across runs; one notice.
    @Test("an alert keeps the first 20 copies of its story and counts the rest")
    func copiesBeyondTheLimit() throws {
        var rule = RuleSet.Rule(name: "huawei-ships")
        rule.vendors = ["Huawei"]
        rule.events = [.ship]
        var rules = RuleSet()
        rules.rules = [rule]
        let store = InMemoryEvaluateStore()
        let stage = EvaluateStage(roadmap: [], rules: rules, dictionary: nil, logger: Logger(label: "test"))
        let text = "Huawei has started shipping the Ascend 950PR."
        let signal = Signal(vendors: ["Huawei"], product: Self.pr.product, event: .ship, modality: .reported, window: nil, windowText: nil,
                            quantities: [], evidence: Evidence(text: text, field: "text", start: 0, end: text.unicodeScalars.count),
                            confidence: 0.8)
        var notices = 0
        for (run, copies) in [(0, 12), (1, 13)] {
            for copy in 0..<copies {
                let n = Int64(run * 100 + copy)
                store.add(SignalRecord(id: n, itemID: n, storyID: 7, feedID: "site-\(n)", tier: .aggregator,
                                       published: try instant("2026-03-0\(run + 1)T00:00:00Z"), title: "Ascend 950PR ships",
                                       url: "https://news.example/\(n)", signal: signal, storyKey: "story-7"))
            }
            let before = store.outbox.count
            _ = try stage.run(store: store, now: try instant("2026-03-0\(run + 1)T12:00:00Z"))
            notices += store.outbox.count - before
        }
        let alerts = store.storedAlerts
        #expect(alerts.count == 1)
        #expect(notices == 1)
        #expect(alerts.first?.evidence.count == Alert.evidenceLimit)
        #expect(alerts.first?.evidence.first?.url == "https://news.example/0")
        #expect(alerts.first?.evidenceOmitted == 25 - Alert.evidenceLimit)
    }

    @Test("runs", arguments: rows)
    func runs(_ row: Row) throws {
        var rules = RuleSet()
        if let until = row.silenceUntil {
            var silence = RuleSet.Silence(until: try instant(until), reason: "waiting")
            silence.milestone = "pr"
            rules.silences = [silence]
        }
        let store = InMemoryEvaluateStore()
        let stage = EvaluateStage(roadmap: [Self.pr], rules: rules, dictionary: nil, logger: Logger(label: "test"))
        var count = 0
        for step in row.steps {
            if let ship = step.ship {
                count += 1
                let signal = Signal(vendors: ["Huawei"], product: Self.pr.product, event: .ship, modality: .confirmed, window: nil,
                                    windowText: nil, quantities: [],
                                    evidence: Evidence(text: "Huawei has started shipping the Ascend 950PR.", field: "text", start: 0, end: 45),
                                    confidence: 0.8)
                store.add(SignalRecord(id: Int64(count), itemID: Int64(count), storyID: Int64(count), feedID: ship.feed,
                                       tier: ship.feed == "huawei" ? .official : .aggregator, published: try instant(ship.published), title: "Ascend 950PR",
                                       url: "https://huawei.example/\(count)", signal: signal))
            }
            let before = store.outbox.count
            _ = try stage.run(store: store, now: try instant(step.at))
            #expect(Array(store.outbox.dropFirst(before)) == step.notices, "at \(step.at)")
        }
    }

}
