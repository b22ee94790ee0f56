import Core
import Foundation
import GRDB
import Rules
import Store
import Testing

/// Alert fingerprints come from what an alert is about (rule, milestone, the story's feed id
/// and item GUID, states, windows), never from row ids, which follow the order fetches
/// completed: two stores fed the same news in different orders fingerprint alike.
@Suite("Fingerprints")
struct FingerprintTests {
    struct News {
        var feed: String
        var tier: SourceTier
        var date: String
        var title: String
        var text: String
    }

    static let entity = "The Commerce Department added Huawei affiliates and 12 other Chinese firms to the Entity List on Tuesday."
    static let slip = "Huawei has delayed the Ascend 950DT to the first quarter of 2027, two people familiar with the plan said."
    static let plan = "Huawei plans to launch the Ascend 950DT in the fourth quarter of 2025, according to a report."
    static let news: [News] = [
        News(feed: "wire-a", tier: .tradePress, date: "2025-10-10T08:00:00Z", title: "950DT timing", text: plan),
        News(feed: "wire-b", tier: .tradePress, date: "2025-10-10T09:00:00Z", title: "950DT timing", text: plan),
        News(feed: "wire-a", tier: .tradePress, date: "2026-02-03T08:00:00Z", title: "US adds Huawei affiliates to Entity List", text: entity),
        News(feed: "wire-b", tier: .tradePress, date: "2026-02-03T09:00:00Z", title: "US adds Huawei affiliates to Entity List", text: entity),
        News(feed: "agg", tier: .aggregator, date: "2026-02-04T10:00:00Z", title: "Curbs on Huawei",
             text: "Washington banned exports of HBM to Huawei, the Commerce Department said on Wednesday."),
        News(feed: "press", tier: .tradePress, date: "2026-03-01T08:00:00Z", title: "950DT delayed", text: slip),
        News(feed: "wire-b", tier: .tradePress, date: "2026-03-01T11:00:00Z", title: "950DT delayed", text: slip),
    ]

    static func scenario() throws -> Scenario {
        var slips = RuleSet.Rule(name: "slips")
        slips.events = [.slip]
        slips.modalities = [.confirmed, .reported, .rumour]
        var rules = RuleSet()
        rules.rules = [slips]
        let dt = Milestone(id: "huawei-ascend-950dt", vendor: "Huawei", product: "Huawei Ascend 950DT", window: .quarter(2026, 4))
        return try Scenario(roadmap: [dt], rules: rules)
    }

    /// The alerts of a store fed `news` in `order`, evaluated once when everything is in.
    func fingerprints(_ order: [Int]) throws -> [String: String] {
        let s = try Self.scenario()
        for index in order {
            let n = Self.news[index]
            try s.publish(n.feed, tier: n.tier, n.date, n.title, n.text, guid: "https://\(n.feed).example/news/\(index)")
        }
        try s.evaluate("2026-03-02T00:00:00Z")
        var byFingerprint: [String: String] = [:]
        for view in try s.store.alertViews() {
            byFingerprint[view.alert.fingerprint] = "\(view.alert.rule): \(view.alert.summary)"
        }
        return byFingerprint
    }

    @Test("two stores fed the same news in different orders give every alert the same fingerprint")
    func orderIndependent() throws {
        let forward = try fingerprints(Array(Self.news.indices))
        let backward = try fingerprints(Self.news.indices.reversed())
        let shuffled = try fingerprints([3, 6, 0, 4, 1, 5, 2])
        // Story alerts of each kind are there: a date conflict, export controls, a signal rule.
        let rules = Set(forward.values.map { String($0.prefix { $0 != ":" }) })
        #expect(rules.isSuperset(of: ["milestone-conflict", "export-controls", "slips"]), "\(forward)")
        #expect(forward == backward)
        #expect(forward == shuffled)
    }

    @Test("a store made before content fingerprints migrates without notifying anything again")
    func migration() throws {
        let s = try Self.scenario()
        for (index, n) in Self.news.enumerated() {
            try s.publish(n.feed, tier: n.tier, n.date, n.title, n.text, guid: "https://\(n.feed).example/news/\(index)")
        }
        try s.evaluate("2026-03-02T00:00:00Z")
        let before = try s.store.alertViews().map(\.alert.fingerprint).sorted()
        let notices = try s.notices()
        // Turn the store back into what schema v8 left: alerts about stories fingerprinted with
        // the story's row id, no story keys, and v9 not yet applied.
        let queue = try DatabaseQueue(path: s.dir.path + "/chipwatch.sqlite")
        try queue.write { db in
            for view in try s.store.alertViews() {
                let alert = view.alert
                let story = try #require(alert.evidence.first?.storyID)
                let old = alert.rule == Alert.conflictRule
                    ? Alert.fingerprint(rule: alert.rule, subject: "\(alert.subject):story-\(story)", state: alert.observedWindow ?? "")
                    : alert.subject.hasPrefix("story:")
                        ? Alert.fingerprint(rule: alert.rule, subject: alert.subject, state: alert.toState ?? "") : alert.fingerprint
                try db.execute(sql: "UPDATE alerts SET fingerprint = ?, body = replace(body, ?, ?) WHERE fingerprint = ?",
                               arguments: [old, alert.fingerprint, old, alert.fingerprint])
            }
            try db.execute(sql: """
                ALTER TABLE stories DROP COLUMN story_key;
                DELETE FROM grdb_migrations WHERE identifier = 'v9-story-keys';
                """)
        }
        #expect(try s.store.alertViews().map(\.alert.fingerprint).sorted() != before, "the store now holds old fingerprints")
        try s.reopen()
        #expect(try s.store.alertViews().map(\.alert.fingerprint).sorted() == before)
        // Another copy of a story that already alerted, after the migration: nothing new to send.
        try s.publish("agg", tier: .aggregator, "2026-03-02T08:00:00Z", "US adds Huawei affiliates to Entity List", Self.entity,
                      guid: "https://agg.example/news/late-copy")
        try s.publish("agg", tier: .aggregator, "2026-03-02T09:00:00Z", "950DT delayed", Self.slip,
                      guid: "https://agg.example/news/late-slip")
        try s.evaluate("2026-03-03T00:00:00Z")
        #expect(try s.notices() == notices)
        #expect(try s.store.alertViews().map(\.alert.fingerprint).sorted() == before)
    }
}

/// An evaluation reads only the alerts its new signals fire again: an alert found that way
/// keeps what the store knew of it (when it was last queued, when it first fired).
@Suite("Incremental evaluation")
struct IncrementalEvaluationTests {
    @Test("a copy that adds evidence to a queued alert keeps when it was queued and first fired")
    func keepsQueue() throws {
        let s = try FingerprintTests.scenario()
        try s.publish("press", tier: .tradePress, "2026-03-01T08:00:00Z", "Huawei delays Ascend 950DT", FingerprintTests.slip,
                      guid: "https://press.example/news/1")
        try s.evaluate("2026-03-01T12:00:00Z")
        let first = try #require(try s.store.alertViews().first { $0.alert.rule == "slips" })
        #expect(first.lastQueued != nil)
        try s.publish("wire", tier: .aggregator, "2026-03-02T08:00:00Z", "Huawei delays Ascend 950DT", FingerprintTests.slip,
                      guid: "https://wire.example/news/1")
        try s.evaluate("2026-03-02T12:00:00Z")
        let merged = try #require(try s.store.alertViews().first { $0.alert.fingerprint == first.alert.fingerprint })
        #expect(merged.alert.evidence.count == 2)
        #expect(merged.lastQueued == first.lastQueued)
        #expect(merged.firstFired == first.firstFired)
        // The copy added evidence and sent nothing again.
        let notices = try s.notices()
        #expect(notices.filter { $0 == "firing: \(first.alert.summary)" }.count == 1, "\(notices)")
    }
}
