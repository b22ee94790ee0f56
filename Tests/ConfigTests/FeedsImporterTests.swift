import Config
import Core
import Testing

/// `feeds import`: OPML subscriptions to feed entries, as tables.
@Suite("Feeds import")
struct FeedsImporterTests {
    @Test("ids are slugs of titles", arguments: [
        ("Example Co. News", "example-co-news"),
        ("  --Tom's  Hardware!! ", "tom-s-hardware"),
        ("华为新闻", "feed"),
        (String(repeating: "abcdefghij-", count: 6), "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcd"),
    ])
    func slugs(_ title: String, _ id: String) {
        #expect(FeedsImporter.slug(title) == id)
        #expect(Feed.isValidID(FeedsImporter.slug(title)))
    }

    @Test("known URLs are skipped, ids stay unique, folders become tags, an untitled feed is named by its host")
    func newFeeds() {
        let existing = [Feed(id: "example-co-news", url: "https://example.com/old.xml")]
        let subscriptions = [
            FeedsImporter.Subscription(title: "Example Co. News", xmlURL: "https://example.com/new.xml", folders: ["China desk"]),
            FeedsImporter.Subscription(title: "Old", xmlURL: "https://example.com/old.xml", folders: []),
            FeedsImporter.Subscription(title: "Example Co. News", xmlURL: "https://example.com/other.xml", folders: []),
            FeedsImporter.Subscription(title: "", xmlURL: "https://press.example.org/rss", folders: []),
            FeedsImporter.Subscription(title: "Dup", xmlURL: "https://press.example.org/rss", folders: []),
        ]
        let feeds = FeedsImporter.newFeeds(subscriptions, existing: existing, tier: .tradePress, interval: 1800)
        #expect(feeds.map(\.id) == ["example-co-news-2", "example-co-news-3", "press-example-org"])
        #expect(feeds.map(\.tags) == [["china-desk"], [], []])
        #expect(feeds.allSatisfy { $0.tier == .tradePress && $0.interval == 1800 })
        #expect(feeds.last?.title == nil)
    }
}
