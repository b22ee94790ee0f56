import Core
import Foundation
import Rules
import Testing

/// `AlertPolicy` as tables: which rules a signal fires, what a transition alerts as, and
/// which silence mutes an alert.
@Suite("Alert policy")
struct AlertPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func record(event: EventKind, modality: Modality = .confirmed, product: String? = "Nvidia Rubin",
                       vendors: [String] = ["Nvidia"], tier: SourceTier = .tradePress, confidence: Double = 0.8,
                       text: String = "Nvidia said Rubin slips to 2027.") -> SignalRecord {
        let signal = Signal(vendors: vendors, product: product, event: event, modality: modality, window: .quarter(2027, 1),
                            windowText: nil, quantities: [], evidence: Evidence(text: text, field: "text", start: 0, end: text.count),
                            confidence: confidence)
        return SignalRecord(id: 1, itemID: 1, storyID: 7, feedID: "press", tier: tier, published: nil, title: "t", url: "u",
                            signal: signal)
    }

    struct SignalRow: CustomTestStringConvertible, Sendable {
        var name: String
        var rule: RuleSet.Rule
        var record: SignalRecord
        var watch: [String]? = nil
        /// The rules that fire, in order.
        var fired: [String]
        var testDescription: String { name }
    }

    static func rule(_ configure: (inout RuleSet.Rule) -> Void) -> RuleSet.Rule {
        var rule = RuleSet.Rule(name: "r")
        configure(&rule)
        return rule
    }

    static let signalRows: [SignalRow] = [
        SignalRow(name: "an event and vendor that match fire the rule",
                  rule: rule { $0.vendors = ["Nvidia"]; $0.events = [.slip] }, record: record(event: .slip), fired: ["r"]),
        SignalRow(name: "another event does not", rule: rule { $0.events = [.slip] }, record: record(event: .ship), fired: []),
        SignalRow(name: "another vendor does not", rule: rule { $0.vendors = ["AMD"] }, record: record(event: .slip), fired: []),
        SignalRow(name: "a rumour is outside the default modalities", rule: rule { $0.events = [.slip] },
                  record: record(event: .slip, modality: .rumour), fired: []),
        SignalRow(name: "a rule may ask for rumours", rule: rule { $0.modalities = [.rumour] },
                  record: record(event: .slip, modality: .rumour), fired: ["r"]),
        SignalRow(name: "min_confidence admits a signal at least that confident",
                  rule: rule { $0.minConfidence = 0.8 }, record: record(event: .slip, confidence: 0.85), fired: ["r"]),
        SignalRow(name: "min_confidence keeps out a less confident signal",
                  rule: rule { $0.minConfidence = 0.8 }, record: record(event: .slip, confidence: 0.6), fired: []),
        SignalRow(name: "a keyword is looked for in the evidence, ignoring case",
                  rule: rule { $0.keywords = ["SLIPS"] }, record: record(event: .slip), fired: ["r"]),
        SignalRow(name: "a pattern must match the evidence", rule: rule { $0.pattern = "to 20[0-9]{2}$" },
                  record: record(event: .slip, text: "Rubin slips to 2027, sources say."), fired: []),
        SignalRow(name: "a tier filter keeps out other tiers", rule: rule { $0.tiers = [.official] },
                  record: record(event: .slip), fired: []),
        SignalRow(name: "export controls naming a watched vendor fire the built-in rule",
                  rule: rule { $0.events = [.slip] }, record: record(event: .restrict, product: nil, vendors: ["Huawei"]),
                  watch: ["Huawei"], fired: [AlertPolicy.exportControlRule]),
        SignalRow(name: "export controls from an official source fire it whoever they name",
                  rule: rule { $0.events = [.slip] }, record: record(event: .restrict, product: nil, vendors: [], tier: .official),
                  watch: ["Huawei"], fired: [AlertPolicy.exportControlRule]),
        SignalRow(name: "a rumoured export control does not",
                  rule: rule { $0.events = [.slip] }, record: record(event: .relax, modality: .rumour, product: nil, vendors: ["Huawei"]),
                  watch: ["Huawei"], fired: []),
        SignalRow(name: "a user's rule that caught it replaces the built-in one",
                  rule: rule { $0.events = [.restrict] }, record: record(event: .restrict, product: nil, vendors: ["Huawei"]),
                  watch: ["Huawei"], fired: ["r"]),
    ]

    @Test("signal rules", arguments: signalRows)
    func signalRules(_ row: SignalRow) {
        var rules = RuleSet()
        rules.rules = [row.rule]
        rules.watchVendors = row.watch
        let alerts = AlertPolicy(rules: rules, roadmap: [], dictionary: nil).alerts(for: row.record, now: Self.now)
        #expect(alerts.map(\.rule) == row.fired)
        for alert in alerts {
            #expect(alert.evidence.count == 1)
            #expect(alert.labels["rule"] == alert.rule)
        }
    }

    struct TransitionRow: CustomTestStringConvertible, Sendable {
        var name: String
        var to: MilestoneState
        var daysLate: Int?
        var windowAfter = "2026-Q1"
        var severity: Severity
        var summary: String
        var testDescription: String { name }
    }

    static let transitionRows: [TransitionRow] = [
        TransitionRow(name: "on time is info", to: .shipped, daysLate: 0, severity: .info,
                      summary: "Huawei Ascend 950PR shipped, on time (promised 2026-Q1)"),
        TransitionRow(name: "late is a warning", to: .shipped, daysLate: 12, severity: .warning,
                      summary: "Huawei Ascend 950PR shipped, 12 days late against the promised 2026-Q1"),
        TransitionRow(name: "early is info", to: .shipped, daysLate: -3, severity: .info,
                      summary: "Huawei Ascend 950PR shipped, 3 days early against the promised 2026-Q1"),
        TransitionRow(name: "a slip names both windows", to: .slipped, windowAfter: "2026-Q3", severity: .warning,
                      summary: "Huawei Ascend 950PR slipped from 2026-Q1 to 2026-Q3"),
        TransitionRow(name: "a cancel is critical", to: .cancelled, severity: .critical,
                      summary: "Huawei Ascend 950PR cancelled (promised 2026-Q1)"),
    ]

    @Test("milestone transitions", arguments: transitionRows)
    func transitions(_ row: TransitionRow) throws {
        let promised = try #require(DateWindow("2026-Q1"))
        let after = try #require(DateWindow(row.windowAfter))
        let status = MilestoneStatus(milestone: Milestone(id: "ascend-950pr", vendor: "Huawei", product: "Huawei Ascend 950PR",
                                                          window: promised))
        let transition = Transition(milestoneID: "ascend-950pr", from: .pending, to: row.to, windowBefore: promised,
                                    windowAfter: after, observed: nil, daysLate: row.daysLate, evidence: [], note: "")
        let alert = AlertPolicy(rules: RuleSet(), roadmap: [], dictionary: nil).alert(for: transition, status: status, now: Self.now)
        #expect(alert.severity == row.severity)
        #expect(alert.summary == row.summary)
        #expect(alert.milestone == "ascend-950pr")
        #expect(alert.toState == row.to.rawValue)
    }

    @Test("a slip to another window is another alert; the same slip again is the same one")
    func slipFingerprints() throws {
        let q1 = try #require(DateWindow("2026-Q1")), q3 = try #require(DateWindow("2026-Q3")), q4 = try #require(DateWindow("2026-Q4"))
        let status = MilestoneStatus(milestone: Milestone(id: "m", vendor: "Huawei", product: "Huawei Ascend 950PR", window: q1))
        let policy = AlertPolicy(rules: RuleSet(), roadmap: [], dictionary: nil)
        func slip(_ to: DateWindow) -> String {
            policy.alert(for: Transition(milestoneID: "m", from: .pending, to: .slipped, windowBefore: q1, windowAfter: to,
                                         observed: nil, daysLate: nil, evidence: [], note: ""), status: status, now: Self.now).fingerprint
        }
        #expect(slip(q3) == slip(q3))
        #expect(slip(q3) != slip(q4))
    }

    struct SilenceRow: CustomTestStringConvertible, Sendable {
        var name: String
        var milestone: String?
        var vendor: String?
        var rule: String?
        var labels: [String: String] = [:]
        var untilOffset: Double = 3600
        var mutes: Bool
        var testDescription: String { name }
    }

    static let silenceRows: [SilenceRow] = [
        SilenceRow(name: "a silence on the milestone mutes it", milestone: "m", mutes: true),
        SilenceRow(name: "a silence on another milestone does not", milestone: "other", mutes: false),
        SilenceRow(name: "vendor and rule must both hold", vendor: "Huawei", rule: "milestone", mutes: true),
        SilenceRow(name: "one condition that fails is enough to let it through", vendor: "Huawei", rule: "export-controls", mutes: false),
        SilenceRow(name: "labels must all match", labels: ["severity": "critical"], mutes: true),
        SilenceRow(name: "a label that differs lets it through", labels: ["severity": "info"], mutes: false),
        SilenceRow(name: "an expired silence mutes nothing", milestone: "m", untilOffset: -1, mutes: false),
    ]

    @Test("silences", arguments: silenceRows)
    func silences(_ row: SilenceRow) throws {
        var silence = RuleSet.Silence(until: Self.now.addingTimeInterval(row.untilOffset), reason: "why")
        silence.milestone = row.milestone
        silence.vendor = row.vendor
        silence.rule = row.rule
        silence.labels = row.labels
        var rules = RuleSet()
        rules.silences = [silence]
        let q1 = try #require(DateWindow("2026-Q1"))
        let status = MilestoneStatus(milestone: Milestone(id: "m", vendor: "Huawei", product: "Huawei Ascend 950PR", window: q1))
        let policy = AlertPolicy(rules: rules, roadmap: [], dictionary: nil)
        let alert = policy.alert(for: Transition(milestoneID: "m", from: .pending, to: .cancelled, windowBefore: q1, windowAfter: q1,
                                                 observed: nil, daysLate: nil, evidence: [], note: ""), status: status, now: Self.now)
        #expect((policy.silence(for: alert, now: Self.now) == "why") == row.mutes)
    }
}
