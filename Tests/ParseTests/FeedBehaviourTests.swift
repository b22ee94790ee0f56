import Core
import Foundation
import Parse
import Testing

/// The parser on the behaviours issue 14 names (A-M), each a general rule with cases written
/// for these tests (not copies of any suite's files).
@Suite("Feed parser behaviours")
struct FeedBehaviourTests {
    func parse(_ text: String) throws -> ParsedFeed {
        try FeedParser.parse(Array(text.utf8), contentType: nil, url: "https://example.com/feed", source: "test")
    }

    func rss(_ item: String, namespaces: String = "") -> String {
        #"<rss version="2.0" \#(namespaces)><channel><title>t</title><item>\#(item)</item></channel></rss>"#
    }

    func atom(_ entry: String) -> String {
        #"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>\#(entry)</entry></feed>"#
    }

    @Test("A: an item with content and no summary gets the content's text as its summary")
    func summaryFromContent() throws {
        let item = try parse(rss(#"<title>x</title><content:encoded><![CDATA[<p>First <b>part</b>.</p><p>Second.</p>]]></content:encoded>"#,
                                 namespaces: #"xmlns:content="http://purl.org/rss/1.0/modules/content/""#)).items[0]
        #expect(item.content == "First part.\nSecond.")
        #expect(item.summary == item.content)
        // A summary of its own is kept.
        let own = try parse(rss(#"<description>Own.</description><content:encoded>Body.</content:encoded>"#,
                                namespaces: #"xmlns:content="http://purl.org/rss/1.0/modules/content/""#)).items[0]
        #expect(own.summary == "Own.")
    }

    @Test("B: <body> without a namespace in an RSS item, and the XHTML body, are content")
    func bodyIsContent() throws {
        let plain = try parse(rss(#"<title>x</title><body><p>Hello</p><p>world</p></body>"#)).items[0]
        #expect(plain.content == "Hello\nworld")
        let xhtml = try parse(rss(#"<title>x</title><body xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></body>"#)).items[0]
        #expect(xhtml.content == "Hi")
    }

    @Test("C and D: inline XHTML is read once, as a tree: escaped markup is text, script and style are dropped")
    func xhtmlAsTree() throws {
        let entry = try parse(atom(#"<title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Use &lt;p&gt; for paragraphs</p><script>alert(1)</script><style>p{}</style><p>End</p></div></content>"#)).items[0]
        #expect(entry.content == "Use <p> for paragraphs\nEnd")
    }

    @Test("E: namespaces written another way or a near miss under the usual prefix", arguments: [
        #"xmlns:content="http://purl.org/rss/1.0/modules/content""#,     // no trailing slash
        #"xmlns:content="https://purl.org/rss/1.0/modules/content/""#,   // https
        #"xmlns:content="HTTP://PURL.ORG/rss/1.0/modules/content/""#,    // case
        #"xmlns:content="http://purl.org/rss/1.0/modules/contents/""#,   // near miss, usual prefix
    ])
    func namespaceTolerance(_ declaration: String) throws {
        let item = try parse(rss(#"<title>x</title><content:encoded>Body text.</content:encoded>"#, namespaces: declaration)).items[0]
        #expect(item.content == "Body text.")
        // Another prefix on another site is not read as content.
        let other = try parse(rss(#"<title>x</title><foo:encoded>Body.</foo:encoded>"#,
                                  namespaces: #"xmlns:foo="http://example.com/ns/""#)).items[0]
        #expect(other.content.isEmpty)
    }

    @Test("F: several RSS links: the last direct child wins, and <link href> is read")
    func rssLinks() throws {
        // The channel's last link, not that of an RSS 1.0 <textinput> beside the channel.
        let rdf = try parse(#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title><link>https://a.example/</link></channel><textinput><title>s</title><link>https://search.example/</link></textinput></rdf:RDF>"#)
        #expect(rdf.feed.link == "https://a.example/")
        let item = try parse(rss(#"<title>x</title><link>https://a.example/1</link><link>https://a.example/2</link>"#)).items[0]
        #expect(item.link == "https://a.example/2")
        let href = try parse(rss(#"<title>x</title><link href="https://b.example/post"/>"#)).items[0]
        #expect(href.link == "https://b.example/post")
    }

    @Test("G: the base64 rule of Atom content does not touch a title with an odd type")
    func titleIsNotBase64() throws {
        let entry = try parse(atom(#"<title type="image/png">SGVsbG8=</title><content type="image/png">SGVsbG8=</content>"#)).items[0]
        #expect(entry.title == "SGVsbG8=")
        #expect(entry.content == "Hello")
        // application/octet-stream is the one binary type titles use: decoded, as feedparser reads it.
        let octets = try parse(atom(#"<title type="application/octet-stream">SGVsbG8=</title>"#)).items[0]
        #expect(octets.title == "Hello")
    }

    @Test("I: an unterminated <!DOCTYPE in HTML text swallows only itself")
    func unterminatedDoctype() throws {
        let item = try parse(rss(#"<title>x</title><description>&lt;!DOCTYPE html&lt;p&gt;Kept text&lt;/p&gt;</description>"#)).items[0]
        #expect(item.summary == "Kept text")
    }

    @Test("K: an external DTD parameter entity that was not loaded does not make the document recovered")
    func unloadedParameterEntity() throws {
        let parsed = try parse(#"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
            <!ENTITY % lat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">
            %lat1;
            ]>
            <rss version="2.0"><channel><title>Plain</title><item><title>x</title></item></channel></rss>
            """#)
        #expect(parsed.error == nil)
        #expect(parsed.feed.title == "Plain")
    }

    @Test("L: an Atom link without href takes the URL written as its text")
    func atomLinkText() throws {
        let entry = try parse(atom(#"<title>x</title><link>https://c.example/entry</link>"#)).items[0]
        #expect(entry.link == "https://c.example/entry")
    }

    @Test("M: C1 control characters in text are the Windows-1252 characters meant")
    func c1AsWindows1252() throws {
        let item = try parse(rss("<title>Don\u{92}t stop \u{93}now\u{94} \u{80}5</title>")).items[0]
        #expect(item.title == "Don\u{2019}t stop \u{201C}now\u{201D} \u{20AC}5")
    }
}

extension FeedBehaviourTests {
    @Test("H: <object> fallback text is kept, and an unclosed <object> swallows nothing")
    func objectFallback() throws {
        let closed = try parse(rss(#"<title>x</title><description>&lt;object data="v.swf"&gt;Fallback text&lt;/object&gt; after</description>"#)).items[0]
        #expect(closed.summary == "Fallback text after")
        let open = try parse(rss(#"<title>x</title><description>Before &lt;object data="v.swf"&gt; and after</description>"#)).items[0]
        #expect(open.summary == "Before and after")
    }
}
