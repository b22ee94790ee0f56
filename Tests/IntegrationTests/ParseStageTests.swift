import Core
import Foundation
import Logging
import Parse
import Store
import TestSupport
import Testing

/// The parse stage on a real SQLite store, fed the way the fetch stage feeds it.
@Suite("Parse stage")
struct ParseStageTests {
    let dir: TempDir
    let store: Store
    let now = Date(timeIntervalSince1970: 1_775_044_800)  // 2026-04-01T12:00:00Z

    init() throws {
        dir = try TempDir()
        store = try Store(directory: dir.path)
    }

    func store(_ feedID: String, _ body: String, at offset: Double = 0) throws {
        try store.recordFetched(feedID, body, at: now.addingTimeInterval(offset))
    }

    func rss(_ title: String, summary: String = "s") -> String {
        """
        <rss version="2.0"><channel><title>f</title><item><guid>g-1</guid><title>\(title)</title>
        <link>/a</link><description>\(summary)</description></item><item><guid>g-2</guid><title>Other</title></item></channel></rss>
        """
    }

    func parse() throws -> ParseRunSummary {
        try ParseStage(logger: Logger(label: "test")).run(store: store, now: now)
    }

    @Test("documents become items, each document once")
    func parsesOnce() throws {
        try store("a", rss("Ascend 950PR ships"))
        let first = try parse()
        #expect(first.documents == 1 && first.newItems == 2)
        let items = try store.items(feedID: "a")
        #expect(items.map(\.key) == ["g-1", "g-2"])
        #expect(items.allSatisfy { $0.parser == ParserVersion.current })
        let second = try parse()
        #expect(second.documents == 0)
    }

    @Test("an edited title is an update of the same item, not a new one")
    func editsAreUpdates() throws {
        try store("a", rss("Ascend 950PR ship"))
        _ = try parse()
        try store("a", rss("Ascend 950PR ships", summary: "edited"), at: 60)
        let run = try parse()
        #expect(run.newItems == 0 && run.updatedItems == 1)
        let items = try store.items(feedID: "a")
        #expect(items.count == 2)
        #expect(items[0].title == "Ascend 950PR ships" && items[0].summary == "edited" && items[0].revision == 2)
        #expect(items[1].revision == 1)
    }

    @Test("a document that is not a feed is marked failed, naming the feed; the others parse")
    func brokenDocumentIsolated() throws {
        try store("bad", "<html><body>Service unavailable</body></html>")
        try store("good", rss("fine"))
        try store("messy", "<rss version=\"2.0\"><channel><item><title>kept</title></item><item><title>x</b></item>")
        let run = try parse()
        #expect(run.documents == 3 && run.failed == 1 && run.recovered == 1)
        let states = try store.documentParseStates().values.map(\.state.rawValue).sorted()
        #expect(states == ["failed", "parsed", "recovered"])
        let failed = try #require(try store.documentParseStates().values.first { $0.state == .failed })
        #expect(failed.error?.contains("bad") == true)
        #expect(try store.items(feedID: "messy").first?.title == "kept")
        #expect(try store.items(feedID: "good").count == 2)
    }
}
