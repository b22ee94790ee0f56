import Core
import Foundation
import Rules
import TestSupport
import Testing

/// `MilestoneMachine.step` as a table: a promise, the signals of one run and the clock in;
/// the state, the window and the transitions out. Each row is a rule of DESIGN.md's
/// "Milestones and alerts", named for what it shows.
@Suite("Milestone machine")
struct MilestoneMachineTests {
    /// One signal about the milestone's product, written as it matters to the machine.
    struct Claim: Sendable {
        var event: EventKind
        var modality: Modality = .confirmed
        var tier: SourceTier = .tradePress
        var feed = "press-a"
        var story: Int64 = 1
        var published = "2026-03-10"
        var window: String?
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var promise = "2026-Q1"
        var state: MilestoneState = .pending
        var claims: [Claim]
        var now = "2026-03-20"
        /// The state and window after the step.
        var expected: (state: MilestoneState, window: String)
        /// Each transition as "from>to note".
        var transitions: [String]
        var conflicts = 0
        var watchedSince: String?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "an official confirmed ship inside the window ships on time",
            claims: [Claim(event: .ship, tier: .official)],
            expected: (.shipped, "2026-Q1"), transitions: ["pending>shipped on time"]),
        Row(name: "a ship after the window is late by the days past its end",
            claims: [Claim(event: .ship, tier: .official, published: "2026-04-10")], now: "2026-04-11",
            expected: (.shipped, "2026-Q1"), transitions: ["pending>shipped 10 days late"]),
        Row(name: "a ship before the window is early",
            claims: [Claim(event: .ship, tier: .official, published: "2025-12-30")], now: "2026-01-02",
            expected: (.shipped, "2026-Q1"), transitions: ["pending>shipped 2 days early"]),
        Row(name: "one trade-press story is not corroboration",
            claims: [Claim(event: .ship)],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "two stories from two feeds corroborate, dated by the earlier",
            claims: [Claim(event: .ship, published: "2026-03-12"),
                     Claim(event: .ship, feed: "press-b", story: 2, published: "2026-03-11")],
            expected: (.shipped, "2026-Q1"), transitions: ["pending>shipped on time"]),
        Row(name: "two copies of one story are one source",
            claims: [Claim(event: .ship), Claim(event: .ship, feed: "press-b", story: 1)],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "two stories from the same feed are one source",
            claims: [Claim(event: .ship), Claim(event: .ship, story: 2)],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "a reported ship counts like a confirmed one",
            claims: [Claim(event: .ship, modality: .reported, tier: .official)],
            expected: (.shipped, "2026-Q1"), transitions: ["pending>shipped on time"]),
        Row(name: "rumours, denials and recaps move nothing",
            claims: [Claim(event: .ship, modality: .rumour, tier: .official),
                     Claim(event: .ship, modality: .denied, tier: .official, story: 2),
                     Claim(event: .ship, modality: .recap, tier: .official, story: 3)],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "a corroborated slip to a later quarter moves the window",
            claims: [Claim(event: .slip, tier: .official, window: "2026-Q3")],
            expected: (.slipped, "2026-Q3"), transitions: ["pending>slipped slipped from 2026-Q1 to 2026-Q3"]),
        Row(name: "a slip without a later date moves nothing",
            claims: [Claim(event: .slip, tier: .official, window: "2026-Q1")],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "a planned slip is not a slip",
            claims: [Claim(event: .slip, modality: .planned, tier: .official, window: "2026-Q3")],
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "an official cancel cancels",
            claims: [Claim(event: .cancel, tier: .official)],
            expected: (.cancelled, "2026-Q1"), transitions: ["pending>cancelled cancelled"]),
        Row(name: "a final state stays: a cancel after shipping changes nothing",
            state: .shipped, claims: [Claim(event: .cancel, tier: .official)],
            expected: (.shipped, "2026-Q1"), transitions: []),
        Row(name: "past the window and its grace with nothing shipped is overdue",
            claims: [], now: "2026-05-01",
            expected: (.overdue, "2026-Q1"), transitions: ["pending>overdue nothing shipped by 2026-04-30 (2026-Q1 plus 30 days grace)"]),
        Row(name: "inside the grace period is not overdue yet",
            claims: [], now: "2026-04-30",
            expected: (.pending, "2026-Q1"), transitions: []),
        Row(name: "a deadline that passed before watching is overdue, marked unwatched",
            claims: [], now: "2026-06-01",
            expected: (.overdue, "2026-Q1"),
            transitions: ["pending>overdue nothing shipped by 2026-04-30 (2026-Q1 plus 30 days grace); the deadline passed before chipwatch watched it"],
            watchedSince: "2026-05-15"),
        Row(name: "a planned date outside the window is a conflict, not a move",
            claims: [Claim(event: .announce, modality: .planned, window: "2026-Q4")],
            expected: (.pending, "2026-Q1"), transitions: [], conflicts: 1),
        Row(name: "a year that contains the window agrees with it",
            claims: [Claim(event: .announce, modality: .planned, window: "2026")],
            expected: (.pending, "2026-Q1"), transitions: [], conflicts: 0),
        Row(name: "syndicated copies raise one conflict",
            claims: [Claim(event: .announce, modality: .planned, window: "2026-Q4"),
                     Claim(event: .announce, modality: .planned, feed: "press-b", window: "2026-Q4")],
            expected: (.pending, "2026-Q1"), transitions: [], conflicts: 1),
        Row(name: "the date an item gives with its slip is the slip, not a conflict",
            claims: [Claim(event: .slip, window: "2026-Q3"), Claim(event: .announce, modality: .planned, window: "2026-Q3")],
            expected: (.pending, "2026-Q1"), transitions: [], conflicts: 0),
    ]

    @Test("step", arguments: rows)
    func step(_ row: Row) throws {
        let window = try #require(DateWindow(row.promise))
        var status = MilestoneStatus(milestone: Milestone(id: "m", vendor: "Huawei", product: "Huawei Ascend 950PR", window: window))
        status.state = row.state
        status.watchedSince = try row.watchedSince.map { try instant($0) }
        var records: [SignalRecord] = []
        for (index, claim) in row.claims.enumerated() {
            let signal = Signal(vendors: ["Huawei"], product: "Huawei Ascend 950PR", event: claim.event, modality: claim.modality,
                                window: claim.window.flatMap(DateWindow.init), windowText: nil, quantities: [],
                                evidence: Evidence(text: "evidence", field: "text", start: 0, end: 8), confidence: 0.8)
            // One item per claim, except that claims of one story and feed are one item.
            records.append(SignalRecord(id: Int64(index + 1), itemID: claim.story * 100 + Int64(claim.feed.count), storyID: claim.story,
                                        feedID: claim.feed, tier: claim.tier, published: try instant(claim.published),
                                        title: "t", url: "https://\(claim.feed).example/\(index)", signal: signal))
        }
        let (after, transitions) = MilestoneMachine.step(status, signals: records, now: try instant(row.now))
        #expect(after.state == row.expected.state)
        #expect(after.window.description == row.expected.window)
        #expect(transitions.map { "\($0.from.rawValue)>\($0.to.rawValue) \($0.note)" } == row.transitions)
        #expect(after.conflicts.count == row.conflicts)
    }
}
