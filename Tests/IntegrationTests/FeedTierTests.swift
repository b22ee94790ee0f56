import Config
import Core
import Extract
import Foundation
import GRDB
import Logging
import Parse
import Store
import TestSupport
import Testing

/// A feed's tier is stored with the feed and copied onto each signal when it is extracted:
/// the evidence keeps the tier its source had, and evaluation reads it from the store.
@Suite("Feed tiers")
struct FeedTierTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let dictionary = Result { try DictionaryFile.load(path: CLI.repositoryRoot + "/feeds/dictionary.yaml") }

    static func rss(_ guid: String, _ title: String) -> String {
        "<rss version=\"2.0\"><channel><title>f</title><item><guid>\(guid)</guid><title>\(title)</title>"
            + "<link>https://press.example/\(guid)</link></item></channel></rss>"
    }

    func process(_ store: Store, all: Bool = false) throws {
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: Self.now)
        _ = try ExtractStage(dictionary: try Self.dictionary.get(), logger: Logger(label: "test")).run(store: store, all: all, now: Self.now)
    }

    @Test("a signal keeps the tier its feed had when it was extracted; extract --all takes the new one")
    func copied() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path)
        try store.syncFeeds([Feed(id: "press", url: "https://press.example/feed", tier: .tradePress)], at: Self.now)
        try store.recordFetched("press", Self.rss("a", "Huawei begins shipping Ascend 950PR"), at: Self.now)
        try process(store)
        // The feed list now says the press feed is official.
        try store.syncFeeds([Feed(id: "press", url: "https://press.example/feed", tier: .official)], at: Self.now)
        try store.recordFetched("press", Self.rss("b", "Nvidia begins shipping Rubin"), at: Self.now.addingTimeInterval(60))
        try process(store)
        let tiers = try store.signalViews().map { "\($0.signal.product ?? "-") \($0.tier.rawValue)" }
        #expect(tiers.contains("Huawei Ascend 950PR 2"))
        #expect(tiers.contains("Nvidia Rubin 1"))
        #expect(try store.feedTiers() == ["press": .official])

        try process(store, all: true)
        #expect(try store.signalViews().allSatisfy { $0.tier == .official })
    }

    @Test("a signal stored before tiers were stored takes its feed's; with no feed row, an aggregator's")
    func fallback() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path)
        try store.recordFetched("press", Self.rss("a", "Huawei begins shipping Ascend 950PR"), at: Self.now)
        try process(store)
        #expect(try store.signalViews().map(\.tier) == [.aggregator])
        try store.syncFeeds([Feed(id: "press", url: "https://press.example/feed", tier: .official)], at: Self.now)
        #expect(try store.signalViews().map(\.tier) == [.official])   // the column is empty: the feed's tier
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        #expect(try db.read { try Int.fetchAll($0, sql: "SELECT COUNT(*) FROM signals WHERE tier IS NULL") } == [1])
    }
}
