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

/// Raw bodies are compressed from their fetch on and emptied past the retention by `store prune`;
/// document rows, items, signals and evidence stay, and unparsed documents are never touched.
@Suite("Store retention")
struct StoreRetentionTests {
    static let day = 86_400.0
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func feed(_ prefix: String, items: Int = 40) -> String {
        let entries = (0..<items).map { i in
            "<item><guid>\(prefix)-\(i)</guid><title>Huawei begins shipping Ascend 950PR batch \(i)</title>"
                + "<description>Huawei has started shipping the Ascend 950PR to cloud customers in China, batch \(i).</description></item>"
        }
        return "<rss version=\"2.0\"><channel><title>press</title>\(entries.joined())</channel></rss>"
    }

    func parse(_ store: Store) throws {
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: Self.now)
    }

    func encodings(_ dir: TempDir) throws -> [String] {
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        return try db.read { try String.fetchAll($0, sql: "SELECT body_encoding FROM documents ORDER BY id") }
    }

    @Test("a body is stored compressed from its fetch on and reads back as fetched")
    func compressed() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path)
        let body = Self.feed("a")
        try store.recordFetched("press", body, at: Self.now)
        #expect(try encodings(dir) == ["zlib"])
        try parse(store)
        #expect(try encodings(dir) == ["zlib"])
        #expect(try store.items(feedID: "press").count == 40)
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        let stored = try db.read { try Int.fetchOne($0, sql: "SELECT LENGTH(body) FROM documents") } ?? 0
        #expect(stored > 0 && stored * 4 < body.utf8.count, "stored \(stored) of \(body.utf8.count) bytes")
        #expect(try store.documents(feedID: "press").map { String(decoding: $0.body, as: UTF8.self) } == [body])
    }

    @Test("prune empties old parsed bodies only, compresses whole ones, and keeps every row")
    func prune() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path)
        try store.recordFetched("press", Self.feed("old"), at: Self.now.addingTimeInterval(-100 * Self.day))
        try store.recordFetched("press", Self.feed("recent"), at: Self.now.addingTimeInterval(-10 * Self.day))
        try parse(store)
        // A body stored whole before compression existed, and an old one still waiting for parse.
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        try db.write { try $0.execute(sql: "UPDATE documents SET body = ?, body_encoding = 'identity' WHERE id = 2",
                                      arguments: [Data(Self.feed("recent").utf8)]) }
        try store.recordFetched("wire", Self.feed("waiting"), at: Self.now.addingTimeInterval(-200 * Self.day))
        let itemsBefore = try store.stats().items

        let summary = try store.pruneDocuments(fetchedBefore: Self.now.addingTimeInterval(-90 * Self.day), at: Self.now)
        #expect(summary.pruned == 1 && summary.compressed == 1)
        #expect(summary.bytesAfter < summary.bytesBefore)
        #expect(try encodings(dir) == ["pruned", "zlib", "zlib"])   // the waiting one as fetched
        #expect(try store.documents(feedID: "press").map(\.body.isEmpty) == [false, true])
        #expect(try store.documents(feedID: "wire").first?.body.isEmpty == false)
        #expect(try store.stats().items == itemsBefore)

        // Nothing left to do; the waiting document is parsed as usual afterwards.
        let again = try store.pruneDocuments(fetchedBefore: Self.now.addingTimeInterval(-90 * Self.day), at: Self.now)
        #expect(again.pruned == 0 && again.compressed == 0 && again.bytesAfter == summary.bytesAfter)
        try parse(store)
        #expect(try store.stats().items == itemsBefore + 40)
    }

    @Test("prune compresses item texts an earlier version stored whole; they read the same after")
    func packsOldItemTexts() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path)
        let long = (1...20).map { "Huawei has started shipping the Ascend 950PR to cloud customers, batch \($0)." }.joined(separator: " ")
        try store.recordFetched("press", Self.feed("a", items: 2).replacingOccurrences(of: "batch 0.</description>", with: long + "</description>"),
                                at: Self.now)
        try parse(store)
        let before = try store.items(feedID: "press").map(\.summary)
        #expect(before[0].hasSuffix(long))
        // As an earlier version wrote it: the text whole.
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        try db.write { try $0.execute(sql: "UPDATE items SET summary = ? WHERE item_key = 'a-0'", arguments: [before[0]]) }
        func kinds() throws -> [String] { try db.read { try String.fetchAll($0, sql: "SELECT typeof(summary) FROM items ORDER BY id") } }
        #expect(try kinds() == ["text", "text"])
        let summary = try store.pruneDocuments(fetchedBefore: nil, at: Self.now)
        #expect(summary.itemTexts == 1)
        #expect(try kinds() == ["blob", "text"])   // the short one stays plain
        #expect(try store.items(feedID: "press").map(\.summary) == before)
        #expect(try store.pruneDocuments(fetchedBefore: nil, at: Self.now).itemTexts == 0)
    }

    @Test("chipwatch store prune reads the retention from the configuration and says what it did")
    func command() throws {
        let dir = try TempDir()
        let store = try Store(directory: dir.path + "/state")
        try store.recordFetched("press", Self.feed("old"), at: Self.now.addingTimeInterval(-100 * Self.day))
        try parse(store)
        try "feeds:\n  - {id: press, url: 'https://press.example/feed', tier: 2}\n".write(toFile: dir.path + "/feeds.yaml", atomically: true, encoding: .utf8)
        try "feeds: feeds.yaml\nstore:\n  retention:\n    documents: 90d\n".write(toFile: dir.path + "/chipwatch.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["store", "prune", "--config", dir.path + "/chipwatch.yaml", "--state-dir", dir.path + "/state",
                                  "--now", Timestamp.format(Self.now), "--vacuum"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("store prune: 1 bodies dropped, 0 compressed; bodies kept: fetched in the last 90d"), "\(result.stdout)")
        let bad = try CLI.run(["store", "prune", "--older-than", "soon", "--state-dir", dir.path + "/state"])
        #expect(bad.status != 0 && bad.stderr.contains("--older-than"))
    }
}
