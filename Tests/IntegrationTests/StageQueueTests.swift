import Core
import Extract
import Foundation
import GRDB
import Parse
@testable import Store
import TestSupport
import Testing

/// The one hand-off between stages (`StageQueue`), on a real SQLite file: first its own
/// contract on a scratch table, then each real queue raced by two handles on one store file,
/// the way two stage processes meet.
@Suite("Stage queue")
struct StageQueueTests {
    enum Work: String, Sendable { case new, done, failed }
    let queue = StageQueue(table: "work", key: "id", column: "state", waiting: Work.new)

    func scratch() throws -> (TempDir, DatabaseQueue) {
        let dir = try TempDir()
        let db = try DatabaseQueue(path: dir.path + "/scratch.sqlite")
        try db.write { db in
            try db.execute(sql: "CREATE TABLE work (id INTEGER PRIMARY KEY, state TEXT NOT NULL, note TEXT, shard TEXT)")
            for id in 1...6 {
                try db.execute(sql: "INSERT INTO work (id, state, shard) VALUES (?, ?, ?)",
                               arguments: [id, id == 3 ? "done" : "new", id % 2 == 0 ? "even" : "odd"])
            }
        }
        return (dir, db)
    }

    @Test("lists waiting rows after a cursor, in key order, within a limit and a condition")
    func waiting() throws {
        let (dir, db) = try scratch()
        defer { _ = dir }
        func ids(_ rows: [Row]) -> [Int64] { rows.map { $0["id"] } }
        let all = try db.read { try ids(queue.waiting($0, columns: "id")) }
        let page = try db.read { try ids(queue.waiting($0, columns: "id", after: 2, limit: 2)) }
        let even = try db.read { try ids(queue.waiting($0, columns: "id", condition: "shard = ?", arguments: ["even"])) }
        #expect(all == [1, 2, 4, 5, 6])
        #expect(page == [4, 5])
        #expect(even == [2, 4, 6])
        #expect(try db.read { try queue.depth($0) } == 5)
    }

    @Test("a row can be claimed while it waits, and not once it is completed")
    func claims() throws {
        let (dir, db) = try scratch()
        defer { _ = dir }
        try db.write { db in
            #expect(try queue.claim(db, 1))
            #expect(try !queue.claim(db, 3), "done already")
            #expect(try !queue.claim(db, 99), "no such row")
            try queue.complete(db, 1, as: .failed, setting: ["note": "broken"])
            #expect(try !queue.claim(db, 1))
            #expect(try queue.claim(db, [6, 1, 3, 2]) == [6, 2], "the order given, without what is done")
            #expect(try String.fetchOne(db, sql: "SELECT state || ' ' || note FROM work WHERE id = 1") == "failed broken")
        }
    }

    @Test("enqueue and requeue put rows back in line, setting columns with the state")
    func requeues() throws {
        let (dir, db) = try scratch()
        defer { _ = dir }
        try db.write { db in
            try queue.enqueue(db, 3, setting: ["note": "edited"])
            #expect(try queue.claim(db, 3))
            #expect(try String.fetchOne(db, sql: "SELECT note FROM work WHERE id = 3") == "edited")
            for id: Int64 in [1, 2, 4] { try queue.complete(db, id, as: .done) }
            #expect(try queue.requeue(db, where: "shard = ?", arguments: ["even"], setting: ["note": "again"]) == 3)
            #expect(try queue.waiting(db, columns: "id").map { $0["id"] as Int64 } == [2, 3, 4, 5, 6])
            #expect(try queue.requeue(db) == 6)
        }
    }

    @Test("rows completed together each get their own values, across more rows than one statement takes")
    func completesMany() throws {
        let dir = try TempDir()
        let db = try DatabaseQueue(path: dir.path + "/scratch.sqlite")
        try db.write { db in
            try db.execute(sql: "CREATE TABLE work (id INTEGER PRIMARY KEY, state TEXT NOT NULL, note TEXT, shard TEXT)")
            for id in 1...1300 { try db.execute(sql: "INSERT INTO work (id, state) VALUES (?, 'new')", arguments: [id]) }
            // Every other row, in an order that is not the table's, and not row 1300.
            let rows = stride(from: 1299, through: 1, by: -2).map {
                (id: Int64($0), values: ["n\($0)".databaseValue, "s\($0 % 7)".databaseValue])
            }
            try queue.complete(db, rows, as: .done, setting: ["note", "shard"])
            let stored = try Row.fetchAll(db, sql: "SELECT id, state, note, shard FROM work ORDER BY id")
            for row in stored {
                let id: Int = row["id"]
                let (state, note, shard): (String, String?, String?) = (row["state"], row["note"], row["shard"])
                if id % 2 == 1 && id < 1300 {
                    #expect([state, note, shard] == ["done", "n\(id)", "s\(id % 7)"], "row \(id)")
                } else {
                    #expect([state, note, shard] == ["new", nil, nil], "row \(id) untouched")
                }
            }
            #expect(try queue.depth(db) == 650)
        }
    }

    // MARK: Each real queue, two processes at once

    let now = Date(timeIntervalSince1970: 1_775_044_800)

    func item(_ title: String) throws -> ParsedDocument {
        var item = FeedItem()
        item.id = "g-1"
        item.title = title
        return ParsedDocument(items: [try ItemRows.row(item)], recovered: false, error: nil)
    }

    func rss(_ title: String) -> String {
        "<rss version=\"2.0\"><channel><title>f</title><item><guid>g-1</guid><title>\(title)</title><link>https://a.example/1</link></item></channel></rss>"
    }

    @Test("parse: a document the other process parsed first is not parsed again")
    func parseRace() throws {
        let dir = try TempDir()
        let (one, two) = (try Store(directory: dir.path), try Store(directory: dir.path))
        try one.recordFetched("a", rss("Ascend 950PR ships"), at: now)
        let seenByOne = try #require(try one.nextUnparsedDocument(after: 0)?.id)
        let seenByTwo = try #require(try two.nextUnparsedDocument(after: 0)?.id)
        let feed = try item("Ascend 950PR ships")
        #expect(try one.recordParse(documentID: seenByOne, feedID: "a", outcome: .parsed(feed), at: now) == (1, 0))
        #expect(try two.recordParse(documentID: seenByTwo, feedID: "a", outcome: .failed("late"), at: now) == (0, 0))
        #expect(try two.documentParseStates().values.map(\.state) == [.parsed])
        #expect(try one.nextUnparsedDocument(after: 0) == nil)
    }

    @Test("extract: items the other process extracted first get no second set of signals")
    func extractRace() throws {
        let dir = try TempDir()
        let (one, two) = (try Store(directory: dir.path), try Store(directory: dir.path))
        try one.recordFetched("a", rss("Huawei ships Ascend 950PR"), at: now)
        let document = try #require(try one.nextUnparsedDocument(after: 0)?.id)
        let feed = try item("Huawei ships Ascend 950PR")
        _ = try one.recordParse(documentID: document, feedID: "a", outcome: .parsed(feed), at: now)
        let inputs = try two.itemsToExtract(after: 0, limit: 10)
        #expect(inputs.count == 1)
        let signal = Signal(vendors: ["Huawei"], product: "Huawei Ascend 950PR", event: .ship, modality: .confirmed,
                            window: nil, windowText: nil, quantities: [],
                            evidence: Evidence(text: "Huawei ships Ascend 950PR", field: "title", start: 0, end: 25),
                            confidence: 0.8)
        let outputs = inputs.map {
            ExtractOutput(itemID: $0.itemID, extraction: ItemExtraction(vendors: ["Huawei"], products: [], signals: [signal]),
                          simhash: 1, titleKey: "huawei ships ascend 950pr", published: now)
        }
        #expect(try one.recordExtractions(outputs, stories: StoryMatcher(maxDistance: 3), at: now) == (1, 0))
        #expect(try two.recordExtractions(outputs, stories: StoryMatcher(maxDistance: 3), at: now) == (0, 0))
        #expect(try two.signalSummaries().count == 1)
        #expect(try two.auditEntries().filter { $0.kind == "signal" }.count == 1, "a second write would log the signal again")
        #expect(try two.itemsToExtract(after: 0, limit: 10).isEmpty)
        // `extract --all`: every item waits again.
        #expect(try two.resetExtraction() == 1)
        #expect(try one.itemsToExtract(after: 0, limit: 10).map(\.itemID) == inputs.map(\.itemID))
    }

    @Test("notify: notices the other process routed first are not routed again")
    func outboxRace() throws {
        let pr = Milestone(id: "huawei-ascend-950pr", vendor: "Huawei", product: "Huawei Ascend 950PR", window: .quarter(2026, 1))
        let s = try Scenario(roadmap: [pr])
        try s.publish("huawei", tier: .official, "2026-02-12T09:00:00Z", "Huawei ships Ascend 950PR",
                      "Huawei has begun volume shipments of the Ascend 950PR.")
        try s.evaluate("2026-02-13T00:00:00Z")
        let (one, two) = (try Store(directory: s.dir.path), try Store(directory: s.dir.path))
        let (seenByOne, seenByTwo) = (try one.unroutedOutbox(), try two.unroutedOutbox())
        #expect(!seenByOne.isEmpty && seenByOne.map(\.id) == seenByTwo.map(\.id))
        func plan(_ key: String, _ seen: [OutboxEntry]) -> [PlannedDelivery] {
            [PlannedDelivery(receiver: "hook", key: key, entries: seen.map(\.entry), collecting: false)]
        }
        try one.recordRouting(plan("first", seenByOne), outboxIDs: seenByOne.map(\.id), at: now)
        try two.recordRouting(plan("second", seenByTwo), outboxIDs: seenByTwo.map(\.id), at: now)
        #expect(try two.deliveries().map(\.key) == ["first"])
        #expect(try one.unroutedOutbox().isEmpty)
    }
}
