import Core
import Foundation
import Parse
import Testing

@Suite("Feed parser")
struct FeedParserTests {
    func parse(_ text: String, contentType: String? = nil, url: String? = nil) throws -> ParsedFeed {
        try FeedParser.parse(Array(text.utf8), contentType: contentType, url: url, source: "test")
    }

    func parse(bytes: [UInt8], contentType: String? = nil) throws -> ParsedFeed {
        try FeedParser.parse(bytes, contentType: contentType, url: nil, source: "test")
    }

    @Test("formats are detected from the content", arguments: [
        (#"<rss version="2.0"><channel><title>t</title></channel></rss>"#, FeedFormat.rss20),
        (#"<rss version="0.91"><channel><title>t</title></channel></rss>"#, .rss09),
        (#"<rss><channel><title>t</title></channel></rss>"#, .rss20),
        (#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title></channel></rdf:RDF>"#, .rss10),
        (#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>t</title></channel></rdf:RDF>"#, .rss09),
        (#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>"#, .atom10),
        (#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title></feed>"#, .atom03),
        (#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}"#, .json),
    ])
    func formats(text: String, format: FeedFormat) throws {
        let parsed = try parse(text)
        #expect(parsed.format == format)
        #expect(parsed.feed.title == "t")
    }

    @Test("what is not a feed is refused with a reason", arguments: [
        "<html><body>hello</body></html>", "not xml at all", "", #"{"hello": 1}"#,
    ])
    func notAFeed(text: String) {
        #expect(throws: FeedParser.NotAFeed.self) { try parse(text) }
    }

    @Test("RSS 2.0 items: fields, HTML to text, enclosures, guid identity")
    func rssItem() throws {
        let parsed = try parse("""
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
              xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Press</title><link>https://press.example/</link>
            <item><title>Ascend 950PR &amp; Atlas 350</title><link>/news/1</link>
            <guid isPermaLink="false">id-1</guid><pubDate>Fri, 20 Mar 2026 09:00:00 +0800</pubDate>
            <description>&lt;p&gt;First&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;p&gt;Second &amp;amp; last&lt;/p&gt;</description>
            <content:encoded><![CDATA[<div>Full <b>text</b><br/>here</div>]]></content:encoded>
            <dc:creator>Jane Doe</dc:creator><category>AI</category>
            <enclosure url="https://press.example/a.mp3" type="audio/mpeg" length="1234"/></item>
            </channel></rss>
            """, url: "https://press.example/feed.xml")
        let item = try #require(parsed.items.first)
        #expect(item.id == "id-1")
        #expect(item.title == "Ascend 950PR & Atlas 350")
        #expect(item.link == "https://press.example/news/1")
        #expect(item.summary == "First\nSecond & last")
        #expect(item.content == "Full text\nhere")
        #expect(item.published?.date == Timestamp.parse("2026-03-20T01:00:00Z"))
        #expect(item.authors == [Person(name: "Jane Doe")])
        #expect(item.categories == ["AI"])
        #expect(item.enclosures == [Enclosure(url: "https://press.example/a.mp3", type: "audio/mpeg", length: 1234)])
    }

    @Test("Atom: xml:base, xhtml content, authors, links by rel")
    func atomEntry() throws {
        let parsed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/blog/" xml:lang="en">
              <title type="html">A &lt;b&gt;bold&lt;/b&gt; feed</title><link href="./"/>
              <author><name>Desk</name><email>desk@a.example</email></author>
              <entry><id>tag:a.example,2026:1</id><title>Entry</title>
                <link rel="alternate" href="posts/1"/><link rel="enclosure" href="/f.pdf" type="application/pdf" length="10"/>
                <updated>2026-03-24T10:00:00Z</updated><published>2026-03-24T09:00:00+01:00</published>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two <em>three</em></p></div></content>
                <category term="chips" label="Chips"/></entry>
            </feed>
            """)
        #expect(parsed.feed.title == "A bold feed")
        #expect(parsed.feed.link == "https://a.example/blog/")
        #expect(parsed.feed.language == "en")
        #expect(parsed.feed.authors == [Person(name: "Desk", email: "desk@a.example")])
        let entry = try #require(parsed.items.first)
        #expect(entry.link == "https://a.example/blog/posts/1")
        #expect(entry.enclosures.first?.url == "https://a.example/f.pdf")
        #expect(entry.content == "One\nTwo three")
        #expect(entry.published?.date == Timestamp.parse("2026-03-24T08:00:00Z"))
        #expect(entry.categories == ["chips"])
    }

    @Test("items without guid fall back to the link, then to a hash of title and date")
    func identityFallbacks() throws {
        let parsed = try parse("""
            <rss version="2.0"><channel><item><title>A</title><link>https://x.example/a</link></item>
            <item><title>B</title><pubDate>Tue, 01 Sep 2026 00:00:00 GMT</pubDate></item>
            <item><title>  b </title><pubDate>Tue, 01 Sep 2026 00:00:00 GMT</pubDate></item></channel></rss>
            """)
        #expect(parsed.items[0].id == "https://x.example/a")
        #expect(parsed.items[1].id.hasPrefix("sha256:"))
        #expect(parsed.items[2].id == parsed.items[1].id + "#2")
    }

    @Test("hashed identities stay what earlier versions made them (stored items keep their id)")
    func hashedIdentityIsStable() throws {
        // Ids computed by chipwatch before the parser was made faster (commit 88b6b2b).
        let parsed = try parse("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>Huawei  Ascend
             950PR Ships</title><pubDate>Fri, 20 Mar 2026 09:00:00 +0800</pubDate><description>In volume.</description></item>
            <item><title>华为 昇腾 950PR 发货</title><pubDate>Fri, 20 Mar 2026 09:00:00 +0800</pubDate></item>
            </channel></rss>
            """)
        #expect(parsed.items.map(\.id) == ["sha256:b294b564a96dba634a0196971848d256", "sha256:18d9e5e2ceb8304d92a952e3f78916af"])
    }

    @Test("a broken document keeps what can be recovered and says so")
    func recovered() throws {
        let parsed = try parse(#"<rss version="2.0"><channel><title>t</title><item><title>one</title></item><item><title>two &nbsp; x</title></item><item><title>three</b></title></item>"#)
        #expect(parsed.recovered)
        #expect(parsed.error != nil)
        #expect(parsed.items.count >= 2)
        #expect(parsed.items.first?.title == "one")
    }

    @Test("a feed declared UTF-8 that is really Windows-1252 comes out as valid UTF-8")
    func mislabelledWindows1252() throws {
        var bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>caf"#.utf8)
        bytes += [0xE9, 0x20, 0x93, 0x71, 0x94]  // "é “q”" in Windows-1252
        bytes += Array("</title></channel></rss>".utf8)
        #expect(try parse(bytes: bytes).feed.title == "café “q”")
    }

    @Test("a feed declared UTF-8 that is really GBK is read as Chinese")
    func mislabelledGBK() throws {
        // 昇腾 in GBK is 95 4E CC DA (昇 is outside GB2312, as in many Chinese feeds).
        var bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>"#.utf8)
        bytes += [0x95, 0x4E, 0xCC, 0xDA] + Array("950PR</title></channel></rss>".utf8)
        #expect(try parse(bytes: bytes).feed.title == "昇腾950PR")
    }

    @Test("mislabelled bytes read the same whether items are kept or streamed out")
    func mislabelledStreamed() throws {
        // Kept items: UTF-8 is assumed and checked only after libxml2 stumbles (a second
        // reading); streamed items: checked first. Both must end at the same text.
        var bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>caf"#.utf8)
        bytes += [0xE9, 0x20, 0x93, 0x71, 0x94] + Array("</title><guid>g</guid></item></channel></rss>".utf8)
        var streamed: [FeedItem] = []
        _ = try FeedParser.parse(bytes, source: "test") { _, item in streamed.append(item) }
        let kept = try parse(bytes: bytes)
        #expect(streamed.map(\.title) == ["café “q”"])
        #expect(kept.items == streamed)
        #expect(kept.recovered == false)
    }

    @Test("GB2312, the HTTP charset and UTF-16 with a BOM are honoured")
    func declaredEncodings() throws {
        var gb = Array(#"<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>"#.utf8)
        gb += [0xBB, 0xAA, 0xCE, 0xAA] + Array("</title></channel></rss>".utf8)
        #expect(try parse(bytes: gb).feed.title == "华为")
        let latin = Array(#"<rss version="2.0"><channel><title>caf"#.utf8) + [0xE9] + Array("</title></channel></rss>".utf8)
        #expect(try parse(bytes: latin, contentType: "text/xml; charset=ISO-8859-1").feed.title == "café")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in #"<rss version="2.0"><channel><title>昇腾</title></channel></rss>"#.utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(try parse(bytes: utf16).feed.title == "昇腾")
    }

    @Test("an encoding nobody knows is read as what the bytes look like")
    func bogusEncoding() throws {
        let parsed = try parse(#"<?xml version="1.0" encoding="bogus"?><rss version="2.0"><channel><title>café</title></channel></rss>"#)
        #expect(parsed.feed.title == "café")
    }

    @Test("HTML named entities in an XML feed are read as HTML would show them, and reported")
    func htmlEntities() throws {
        let parsed = try parse(#"<rss version="2.0"><channel><title>Huawei&nbsp;Ascend &mdash; caf&eacute;</title><item><title>x</title><link>https://a.example/?a=1&amp;b=&eacute;</link></item></channel></rss>"#)
        #expect(parsed.feed.title == "Huawei Ascend — café")
        #expect(parsed.recovered && parsed.error?.contains("&nbsp;") == true)
        #expect(parsed.items.first?.link == "https://a.example/?a=1&b=é")
    }

    @Test("JSON Feed items")
    func jsonFeed() throws {
        let parsed = try parse("""
            {"version": "https://jsonfeed.org/version/1", "title": "J", "home_page_url": "https://j.example/",
             "items": [{"id": 7, "url": "https://j.example/7", "title": "Seven", "content_html": "<p>Hi</p>",
                        "date_published": "2026-03-20T08:00:00Z", "tags": ["a"],
                        "author": {"name": "Ann"},
                        "attachments": [{"url": "https://j.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 5}]}]}
            """)
        let item = try #require(parsed.items.first)
        #expect(item.id == "7" && item.title == "Seven" && item.content == "Hi")
        #expect(item.authors == [Person(name: "Ann")])
        #expect(item.enclosures.first?.length == 5)
    }
}
