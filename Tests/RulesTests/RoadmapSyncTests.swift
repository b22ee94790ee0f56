import Core
import Foundation
import Rules
import Testing

/// `RoadmapSync`: the roadmap file against what the store remembers.
@Suite("Roadmap sync")
struct RoadmapSyncTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let earlier = Date(timeIntervalSince1970: 1_700_000_000)

    static func milestone(_ window: DateWindow = .quarter(2026, 1), grace: Int = 30) -> Milestone {
        var m = Milestone(id: "950pr", vendor: "Huawei", product: "Huawei Ascend 950PR", window: window)
        m.graceDays = grace
        return m
    }

    static func stored(_ state: MilestoneState, window: DateWindow = .quarter(2026, 1)) -> MilestoneStatus {
        var status = MilestoneStatus(milestone: milestone(window))
        status.state = state
        status.window = window
        status.watchedSince = earlier
        let text = "Huawei said the Ascend 950PR ships."
        let signal = Signal(vendors: ["Huawei"], product: "Huawei Ascend 950PR", event: .ship, modality: .confirmed,
                            window: window, windowText: nil, quantities: [],
                            evidence: Evidence(text: text, field: "text", start: 0, end: text.count), confidence: 0.8)
        status.evidence = [EvidenceSnapshot(SignalRecord(id: 1, itemID: 1, storyID: 1, feedID: "press", tier: .tradePress,
                                                         published: nil, title: "t", url: "u", signal: signal))]
        return status
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var roadmap: Milestone
        var stored: MilestoneStatus?
        var state: MilestoneState
        var window: DateWindow
        var watchedSince: Date
        var evidence: Int
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "a new milestone starts pending at its promise, watched from now",
            roadmap: milestone(), stored: nil, state: .pending, window: .quarter(2026, 1), watchedSince: now, evidence: 0),
        Row(name: "a pending one follows an edited window",
            roadmap: milestone(.quarter(2026, 2)), stored: stored(.pending), state: .pending, window: .quarter(2026, 2),
            watchedSince: earlier, evidence: 1),
        Row(name: "a shipped one keeps the window it was judged by",
            roadmap: milestone(.quarter(2026, 2)), stored: stored(.shipped), state: .shipped,
            window: .quarter(2026, 1), watchedSince: earlier, evidence: 1),
        Row(name: "a slipped one keeps the slipped window",
            roadmap: milestone(.quarter(2026, 2)), stored: stored(.slipped, window: .quarter(2026, 4)), state: .slipped,
            window: .quarter(2026, 4), watchedSince: earlier, evidence: 1),
    ]

    @Test("statuses", arguments: rows)
    func statuses(_ row: Row) throws {
        let result = RoadmapSync.statuses([row.roadmap], stored: row.stored.map { [$0] } ?? [], now: Self.now)
        let status = try #require(result.first)
        #expect(result.count == 1)
        #expect(status.state == row.state)
        #expect(status.window == row.window)
        #expect(status.watchedSince == row.watchedSince)
        #expect(status.evidence.count == row.evidence)
        #expect(status.milestone == row.roadmap)   // the file's promise, grace and source
    }

    @Test("milestones no longer in the roadmap are left out; the roadmap's order is kept")
    func order() {
        var other = Self.milestone()
        other.id = "960"
        let result = RoadmapSync.statuses([other, Self.milestone()], stored: [Self.stored(.pending)], now: Self.now)
        #expect(result.map(\.milestone.id) == ["960", "950pr"])
        #expect(RoadmapSync.statuses([], stored: [Self.stored(.pending)], now: Self.now).isEmpty)
    }
}
