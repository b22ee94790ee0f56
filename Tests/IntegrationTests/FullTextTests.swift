import Core
import Fetch
import Foundation
import Logging
import Parse
import TestSupport
import Testing
import XML

/// The article pass: pages fetched by the fetch process, main text extracted by parse (the
/// store tests on the SQLite file and on PostgreSQL).
@Suite("Full text")
struct FullTextTests {
    @Test("the main text of an article page, without navigation, header, aside, footer or scripts")
    func mainText() throws {
        let page = """
            <html><head><script>track()</script><style>p{}</style></head><body>
            <nav>Home News Markets</nav><div class="sidebar"><p>Subscribe!</p></div>
            <article><h1>Title</h1><p>First paragraph of the story, long enough to count as the main text.</p>
            <p>Second paragraph &amp; more text with an <a href="/x">inline link</a> in it.</p><aside>Related</aside></article>
            <footer>Footer</footer></body></html>
            """
        let text = try #require(HTMLMainText.extract(Array(page.utf8), url: "https://press.example/a"))
        #expect(text.contains("First paragraph of the story") && text.contains("Second paragraph & more text with an inline link"))
        for noise in ["Home News", "Subscribe", "Related", "Footer", "track()"] {
            #expect(!text.contains(noise), "\(noise)")
        }
    }

    @Test("a page without paragraph text gives nothing")
    func noText() {
        #expect(HTMLMainText.extract(Array("<html><body><nav>a b c</nav></body></html>".utf8), url: nil) == nil)
        #expect(HTMLMainText.extract([], url: nil) == nil)
    }

    @Test("fetch, parse, fetch-pages, parse: the item gets its page's main text; a non-HTML page fails cleanly", arguments: StoreBackend.allCases)
    func pipeline(_ backend: StoreBackend) throws {
        let server = try LoopbackServer()
        let dir = try TempDir()
        let opened = try backend.open(in: dir)
        let store = try opened.reopen()
        var settings = FetchSettings()
        settings.allowPrivateNetworks = true
        let feed = Feed(id: "full", url: server.url("/fulltext/feed"), tier: .tradePress, fullText: true)
        let logger = Logger(label: "test")
        let now = Date()
        _ = try FetchStage(settings: settings, logger: logger).run(feeds: [feed], store: store, now: now)
        let parse = ParseStage(logger: logger)
        _ = try parse.run(store: store, now: now)
        let fetched = try PageFetchStage(settings: settings, logger: logger).run(feeds: [feed], store: store, now: now)
        #expect(fetched.fetched == 1 && fetched.failed == 1)
        let extracted = try parse.runPages(store: store)
        #expect(extracted.extracted == 1)
        let text = try #require(try store.itemsToExtract(after: 0, limit: 10).compactMap(\.fullText).first)
        #expect(text.contains("Ascend 950PR is now shipping") && text.contains("128 GB"))
        #expect(!text.contains("Home") && !text.contains("footer") && !text.contains("Related"))
        // Nothing is fetched twice.
        let again = try PageFetchStage(settings: settings, logger: logger).run(feeds: [feed], store: store, now: now)
        #expect(again.fetched == 0 && again.failed == 0)
    }

    @Test("pages of feeds without full_text are never fetched", arguments: StoreBackend.allCases)
    func onlyFullTextFeeds(_ backend: StoreBackend) throws {
        let server = try LoopbackServer()
        let dir = try TempDir()
        let opened = try backend.open(in: dir)
        let store = try opened.reopen()
        var settings = FetchSettings()
        settings.allowPrivateNetworks = true
        let feed = Feed(id: "plain", url: server.url("/fulltext/feed"), tier: .tradePress, fullText: false)
        let logger = Logger(label: "test")
        _ = try FetchStage(settings: settings, logger: logger).run(feeds: [feed], store: store, now: Date())
        _ = try ParseStage(logger: logger).run(store: store, now: Date())
        let pages = try PageFetchStage(settings: settings, logger: logger).run(feeds: [feed], store: store, now: Date())
        #expect(pages.fetched == 0)
        #expect(try server.stats().hits["/fulltext/article/1"] == nil)
    }
}
