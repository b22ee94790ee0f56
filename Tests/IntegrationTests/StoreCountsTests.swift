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

/// The counts behind the metrics are kept by triggers, not scanned: after inserts, a
/// re-extraction (signals deleted and written again) and a migration of an older store they
/// equal what a scan of the rows says.
@Suite("Store counts")
struct StoreCountsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    func process(_ store: Store, all: Bool = false) throws {
        let dictionary = try DictionaryFile.load(path: CLI.repositoryRoot + "/feeds/dictionary.yaml")
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: Self.now)
        _ = try ExtractStage(dictionary: dictionary, logger: Logger(label: "test")).run(store: store, all: all, now: Self.now)
    }

    /// What a scan of the rows says, in the shape of `StoreStats`.
    func scanned(_ path: String) throws -> (signals: [String: Int], items: Int, stories: Int, documents: [String: Int]) {
        let db = try DatabaseQueue(path: path)
        return try db.read { db in
            func grouped(_ sql: String) throws -> [String: Int] {
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) })
            }
            return (try grouped("SELECT event, COUNT(*) FROM signals GROUP BY event"),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stories") ?? -1,
                    try grouped("SELECT parse_state, COUNT(*) FROM documents GROUP BY parse_state"))
        }
    }

    func expectCountsMatch(_ store: Store, _ path: String, _ when: String) throws {
        let stats = try store.stats()
        let scan = try scanned(path)
        #expect(stats.signalsByEvent == scan.signals, "\(when)")
        #expect(stats.items == scan.items && stats.stories == scan.stories, "\(when)")
        #expect(stats.documentsByState == scan.documents, "\(when)")
    }

    @Test("counts follow inserts, re-extraction and a migration of a store that had none")
    func kept() throws {
        let dir = try TempDir()
        let path = dir.path + "/chipwatch.sqlite"
        var store = try Store(directory: dir.path)
        try store.syncFeeds([Feed(id: "press", url: "https://press.example/feed", tier: .tradePress)], at: Self.now)
        try store.recordFetched("press", FeedTierTests.rss("a", "Huawei begins shipping Ascend 950PR"), at: Self.now)
        try store.recordFetched("press", FeedTierTests.rss("b", "Nvidia delays Rubin to 2027"), at: Self.now.addingTimeInterval(60))
        try expectCountsMatch(store, path, "before parsing")
        try process(store)
        #expect(try store.stats().items == 2 && !(try store.stats().signalsByEvent.isEmpty))
        try expectCountsMatch(store, path, "after extracting")
        try process(store, all: true)
        try expectCountsMatch(store, path, "after extract --all")

        // A store from before the counts: the migration fills them from the rows.
        let db = try DatabaseQueue(path: path)
        try db.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('signals', 'items', 'stories', 'documents')") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "DROP TABLE counts")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v14-counts'")
        }
        try db.close()
        store = try Store(directory: dir.path)
        try expectCountsMatch(store, path, "after the migration")
        try store.recordFetched("press", FeedTierTests.rss("c", "AMD begins shipping MI400"), at: Self.now.addingTimeInterval(120))
        try process(store)
        try expectCountsMatch(store, path, "after the migration and more news")
        #expect(try store.stats().items == 3)
    }
}
