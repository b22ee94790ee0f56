import Core
import Foundation
import Logging
import Parse
import TestSupport
import Testing

/// The parse stage on a real store, fed the way the fetch stage feeds it: each test runs on
/// the SQLite file and on PostgreSQL.
@Suite("Parse stage")
struct ParseStageTests {
    let dir: TempDir
    let now = Date(timeIntervalSince1970: 1_775_044_800)  // 2026-04-01T12:00:00Z

    init() throws {
        dir = try TempDir()
    }

    /// A fixture for one test: the store, kept open while the test holds it.
    struct Fixture {
        let opened: OpenedStore
        let store: any ScenarioStore
        let now: Date

        func store(_ feedID: String, _ body: String, at offset: Double = 0) throws {
            try store.recordFetched(feedID, body, at: now.addingTimeInterval(offset))
        }

        func parse() throws -> ParseRunSummary {
            try ParseStage(logger: Logger(label: "test")).run(store: store, now: now)
        }
    }

    func fixture(_ backend: StoreBackend) throws -> Fixture {
        let opened = try backend.open(in: dir)
        return Fixture(opened: opened, store: try opened.reopen(), now: now)
    }

    func rss(_ title: String, summary: String = "s") -> String {
        """
        <rss version="2.0"><channel><title>f</title><item><guid>g-1</guid><title>\(title)</title>
        <link>/a</link><description>\(summary)</description></item><item><guid>g-2</guid><title>Other</title></item></channel></rss>
        """
    }

    @Test("documents become items, each document once", arguments: StoreBackend.allCases)
    func parsesOnce(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.store("a", rss("Ascend 950PR ships"))
        let first = try f.parse()
        #expect(first.documents == 1 && first.newItems == 2)
        let items = try f.store.items(feedID: "a")
        #expect(items.map(\.key) == ["g-1", "g-2"])
        #expect(items.allSatisfy { $0.parser == ParserVersion.current })
        let second = try f.parse()
        #expect(second.documents == 0)
    }

    @Test("an edited title is an update of the same item, not a new one", arguments: StoreBackend.allCases)
    func editsAreUpdates(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.store("a", rss("Ascend 950PR ship"))
        _ = try f.parse()
        try f.store("a", rss("Ascend 950PR ships", summary: "edited"), at: 60)
        let run = try f.parse()
        #expect(run.newItems == 0 && run.updatedItems == 1)
        let items = try f.store.items(feedID: "a")
        #expect(items.count == 2)
        #expect(items[0].title == "Ascend 950PR ships" && items[0].summary == "edited" && items[0].revision == 2)
        #expect(items[1].revision == 1)
    }

    /// The SQLite store keeps a long text compressed (`ItemText`): every reader gets it whole,
    /// after an edit too; a short text stays plain.
    @Test("a long item text is stored compressed and read back whole, also after an edit", arguments: StoreBackend.allCases)
    func longTextPacked(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        let long = (1...40).map { "Huawei said the Ascend 950PR ships in volume to its first \($0) customers." }.joined(separator: " ")
        try f.store("a", rss("Ascend 950PR ships", summary: long))
        _ = try f.parse()
        #expect(try f.store.items(feedID: "a").map(\.summary) == [long, ""])
        let edited = long + " Edited."
        try f.store("a", rss("Ascend 950PR ships", summary: edited), at: 60)
        #expect(try f.parse().updatedItems == 1)
        let items = try f.store.items(feedID: "a")
        #expect(items[0].summary == edited && items[0].revision == 2)
        guard backend == .sqlite else { return }
        let stored = try CLI.program("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys
            for kind, size in sqlite3.connect(sys.argv[1]).execute("SELECT typeof(summary), length(summary) FROM items ORDER BY id"):
                print(kind, size)
            """, dir.path + "/chipwatch.sqlite"]).output.split(separator: "\n").map(String.init)
        // The long text a BLOB a fraction of its size; the empty one plain text.
        #expect(stored.count == 2 && stored[0].hasPrefix("blob ") && (Int(stored[0].dropFirst(5)) ?? .max) < edited.utf8.count / 4, "\(stored)")
        #expect(stored.last == "text 0", "\(stored)")
    }

    @Test("a key repeated in what a document gave is one item: the later copy edits the earlier", arguments: StoreBackend.allCases)
    func repeatedKey(_ backend: StoreBackend) throws {
        // The parser makes keys unique ("g-1#2"); the store must not rely on it.
        let f = try fixture(backend)
        try f.store("a", rss("unused"))
        let document = try #require(try f.store.nextUnparsedDocument(after: 0))
        func row(_ key: String, _ title: String) -> ItemRow {
            ItemRow(key: key, title: title, link: "", summary: "", content: "", published: nil, updated: nil, linksJSON: "[]",
                    authorsJSON: "[]", categoriesJSON: "[]", enclosuresJSON: "[]", editHash: "hash of " + title)
        }
        let parsed = ParsedDocument(items: [row("g-1", "First"), row("g-2", "Other"), row("g-1", "Second")], recovered: false, error: nil)
        let counts = try f.store.recordParse(documentID: try #require(document.id), feedID: "a", outcome: .parsed(parsed), at: now)
        #expect(counts.new == 2 && counts.updated == 1)
        let items = try f.store.items(feedID: "a")
        #expect(items.map(\.key) == ["g-1", "g-2"])
        #expect(items.map(\.title) == ["Second", "Other"] && items.map(\.revision) == [2, 1])
    }

    @Test("a document that is not a feed is marked failed, naming the feed; the others parse", arguments: StoreBackend.allCases)
    func brokenDocumentIsolated(_ backend: StoreBackend) throws {
        let f = try fixture(backend)
        try f.store("bad", "<html><body>Service unavailable</body></html>")
        try f.store("good", rss("fine"))
        try f.store("messy", "<rss version=\"2.0\"><channel><item><title>kept</title></item><item><title>x</b></item>")
        let run = try f.parse()
        #expect(run.documents == 3 && run.failed == 1 && run.recovered == 1)
        let states = try f.store.documentParseStates().values.map(\.state.rawValue).sorted()
        #expect(states == ["failed", "parsed", "recovered"])
        let failed = try #require(try f.store.documentParseStates().values.first { $0.state == .failed })
        #expect(failed.error?.contains("bad") == true)
        #expect(try f.store.items(feedID: "messy").first?.title == "kept")
        #expect(try f.store.items(feedID: "good").count == 2)
    }
}
