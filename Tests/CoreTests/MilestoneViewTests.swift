import Core
import Foundation
import Testing

/// A board keeps, of a milestone's evidence, only what it shows: the summary must choose what
/// the whole list would, and count the whole list.
@Suite("Milestone evidence summary")
struct MilestoneViewTests {
    static func snapshot(_ id: Int64, _ event: EventKind, _ modality: Modality, day: Int?) -> EvidenceSnapshot {
        let text = "claim \(id)"
        let signal = Signal(vendors: ["Huawei"], product: "Huawei Ascend 950DT", event: event, modality: modality, window: nil,
                            windowText: nil, quantities: [], evidence: Evidence(text: text, field: "text", start: 0, end: text.count),
                            confidence: 0.8)
        return EvidenceSnapshot(SignalRecord(id: id, itemID: id, storyID: id, feedID: "f\(id)", tier: .tradePress,
                                             published: day.map { Date(timeIntervalSince1970: Double($0) * 86_400) },
                                             title: "t\(id)", url: "u\(id)", signal: signal))
    }

    static func newest(_ list: [EvidenceSnapshot]) -> EvidenceSnapshot? {
        list.max { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) }
    }

    @Test("the summary shows the same newest event and newest claim, and the full count", arguments: [
        ("empty", []),
        ("one claim", [snapshot(1, .ship, .confirmed, day: 3)]),
        ("a newer denial after the newest event", [snapshot(1, .ship, .reported, day: 3), snapshot(2, .slip, .denied, day: 9)]),
        ("equal dates: the first of equals", [snapshot(1, .ship, .confirmed, day: 5), snapshot(2, .slip, .confirmed, day: 5),
                                              snapshot(3, .ship, .recap, day: 5)]),
        ("undated and dated", [snapshot(1, .ship, .rumour, day: nil), snapshot(2, .announce, .confirmed, day: 1),
                               snapshot(3, .ship, .recap, day: 8), snapshot(4, .slip, .reported, day: 7)]),
    ] as [(String, [EvidenceSnapshot])])
    func summary(_ name: String, _ evidence: [EvidenceSnapshot]) {
        let view = MilestoneView(id: "m", vendor: "Huawei", product: "Huawei Ascend 950DT", promised: .quarter(2026, 4),
                                 window: .quarter(2026, 4), state: .pending, observed: nil, daysLate: nil,
                                 evidence: evidence, conflicts: [], history: [])
        let summary = view.summarisingEvidence()
        #expect(summary.evidenceCount == evidence.count, "\(name)")
        #expect(summary.evidence.count <= 2, "\(name)")
        #expect(Self.newest(summary.evidence) == Self.newest(evidence), "\(name)")
        #expect(Self.newest(summary.evidence.filter { $0.modality.isEvent }) == Self.newest(evidence.filter { $0.modality.isEvent }), "\(name)")
    }
}
