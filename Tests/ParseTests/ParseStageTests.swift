import Core
import Foundation
import Logging
import Parse
import TestSupport
import Testing

/// The parse stage over an in-memory store: new, unchanged and edited items, recovered and
/// failed documents, each document once.
@Suite("Parse stage")
struct ParseStageTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func rss(_ items: [(guid: String, title: String)], close: Bool = true) -> String {
        let body = items.map { "<item><guid>\($0.guid)</guid><title>\($0.title)</title></item>" }.joined()
        return "<rss version=\"2.0\"><channel><title>press</title>\(body)" + (close ? "</channel></rss>" : "")
    }

    func run(_ store: InMemoryParseStore) throws -> ParseRunSummary {
        try ParseStage(logger: Logger(label: "test")).run(store: store, now: Self.now)
    }

    @Test("a re-fetched feed adds its new items, updates its edited ones and leaves the rest")
    func items() throws {
        let store = InMemoryParseStore()
        store.add(feedID: "press", body: Self.rss([("1", "Ascend 950PR ships"), ("2", "Rubin slips")]), at: Self.now)
        let first = try run(store)
        #expect(first.documents == 1 && first.newItems == 2 && first.updatedItems == 0)

        store.add(feedID: "press", body: Self.rss([("1", "Ascend 950PR ships"), ("2", "Rubin slips to 2027"), ("3", "MI400")]),
                  at: Self.now)
        let second = try run(store)
        #expect(second.documents == 1 && second.newItems == 1 && second.updatedItems == 1)
        #expect(store.items["press 2"]?.title == "Rubin slips to 2027")
        #expect(try run(store).documents == 0)   // each document is parsed once
    }

    @Test("a cut-off document is recovered with what it held; one that is not a feed fails naming its source")
    func brokenDocuments() throws {
        let store = InMemoryParseStore()
        let cut = store.add(feedID: "cut", body: Self.rss([("1", "Ascend 950PR ships")], close: false), at: Self.now)
        let html = store.add(feedID: "vendor-newsroom", body: "<html><body>Not a feed</body></html>", contentType: "text/html", at: Self.now)
        let summary = try run(store)
        #expect(summary.documents == 2 && summary.recovered == 1 && summary.failed == 1)
        #expect(store.states[cut] == "recovered")
        #expect(store.items["cut 1"]?.title == "Ascend 950PR ships")
        #expect(store.states[html]?.hasPrefix("failed: ") == true)
        #expect(store.states[html]?.contains("vendor-newsroom") == true)
    }
}
