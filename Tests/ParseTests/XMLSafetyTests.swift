import Core
import Foundation
import Parse
import TestSupport
import Testing
import Wire

/// Hostile documents: nothing expands, nothing is read from disk, and parsing ends quickly.
@Suite("XML safety")
struct XMLSafetyTests {
    static let billionLaughs = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
        <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
        <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
        <rss version="2.0"><channel><title>&i;</title><item><title>x &i;</title></item></channel></rss>
        """
    static let quadratic = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" + String(repeating: "x", count: 50_000)
        + "\">]><rss version=\"2.0\"><channel><title>" + String(repeating: "&a;", count: 5_000) + "</title></channel></rss>"
    static let externalEntity = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>t&xxe;</title><item><title>&xxe;</title></item></channel></rss>
        """
    static let parameterEntity = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
        <rss version="2.0"><channel><title>t</title></channel></rss>
        """
    static let externalDTD = """
        <?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss version="2.0"><channel><title>t</title></channel></rss>
        """

    @Test("entity attacks expand nothing", arguments: [
        ("billion laughs", billionLaughs), ("quadratic blow-up", quadratic), ("external entity", externalEntity),
        ("parameter entity", parameterEntity), ("external DTD", externalDTD),
    ])
    func attacks(name: String, document: String) throws {
        let start = Date()
        let parsed = try? FeedParser.parse(Array(document.utf8), source: name)
        let json = parsed.map(ParsedFeedJSON.encode) ?? ""
        #expect(json.count < 10_000, "\(name) produced \(json.count) bytes")
        #expect(!json.contains("root:"), "\(name) leaked /etc/passwd")
        #expect(!json.contains("lollol"), "\(name) expanded entities")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("a document cut inside a multibyte character of a converted encoding is recovered, not clean")
    func truncatedInsideConvertedCharacter() throws {
        // Looks like GBK, so it is read as GB18030; the last byte begins a character that never ends.
        let bytes = Array(#"<rss version="2.0"><channel>"#.utf8) + [0x88, 0xCF, 0x92, 0xD0, 0xE3, 0xEF, 0x90]
        let feed = try FeedParser.parse(bytes, source: "cut")
        #expect(feed.recovered)
        #expect(feed.error != nil)
    }

    @Test("deep nesting is bounded and does not crash")
    func deepNesting() throws {
        let depth = 100_000
        let document = "<rss version=\"2.0\"><channel>" + String(repeating: "<a>", count: depth) + "</channel></rss>"
        let parsed = try? FeedParser.parse(Array(document.utf8), source: "deep")
        #expect(parsed == nil || parsed?.recovered == true)
    }

    /// Random bytes, alone and after an unclosed `<rss><channel>`, from fixed seeds: the
    /// parser never crashes, refuses what is no feed naming the source, marks a truncated
    /// document recovered, and reads the same bytes the same way twice.
    @Test("garbage never crashes the parser and is refused or marked recovered", arguments: [1, 2, 3, 4] as [UInt64])
    func garbage(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for size in [0, 1, 7, 100, 5000] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let source = "garbage-\(seed)-\(size)"
            let truncated = Array("<rss version=\"2.0\"><channel>".utf8) + bytes
            for (input, name) in [(bytes, source), (truncated, source + "-rss")] {
                let first = Self.read(input, source: name)
                #expect(first == Self.read(input, source: name), "\(name) read differently twice")
                if first.hasPrefix("error: ") {
                    #expect(first.contains(name), "the error names its source: \(first)")
                } else {
                    #expect(first.hasPrefix("recovered"), "\(name) is not well-formed, yet read as clean: \(first.prefix(200))")
                }
            }
        }
    }

    /// A parse as text: "error: ..." or "recovered|clean <the feed as JSON>".
    static func read(_ bytes: [UInt8], source: String) -> String {
        do {
            let feed = try FeedParser.parse(bytes, source: source)
            return (feed.recovered ? "recovered " : "clean ") + ParsedFeedJSON.encode(feed)
        } catch {
            return "error: \(error)"
        }
    }
}

@Suite("Feed dates")
struct FeedDateTests {
    @Test("dates feeds write", arguments: [
        ("Fri, 20 Mar 2026 09:00:00 +0800", "2026-03-20T01:00:00Z"),
        ("Fri, 20 Mar 2026 09:00:00 GMT", "2026-03-20T09:00:00Z"),
        ("20 Mar 2026 09:00 EST", "2026-03-20T14:00:00Z"),
        ("Fri, 20 Mar 26 09:00:00 PDT", "2026-03-20T16:00:00Z"),
        ("Friday, 20 March 2026 09:00:00 +0000", "2026-03-20T09:00:00Z"),
        ("Fri, 20 Mar 2026 09:00:00", "2026-03-20T09:00:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"),
        ("Sun, 31 Dec 99 23:59:59 Z", "1999-12-31T23:59:59Z"),
        ("2026-03-20T09:00:00Z", "2026-03-20T09:00:00Z"),
        ("2026-03-20T09:00:00.123+01:00", "2026-03-20T08:00:00Z"),
        ("2026-03-20T09:00+0100", "2026-03-20T08:00:00Z"),
        ("2026-03-20 09:00:00", "2026-03-20T09:00:00Z"),
        ("2026-03-20", "2026-03-20T00:00:00Z"),
        ("20260320T090000Z", "2026-03-20T09:00:00Z"),
        ("2026-03", "2026-03-01T00:00:00Z"),
    ])
    func readable(text: String, expected: String) {
        #expect(FeedDateParser.parse(text).map(Timestamp.format) == expected)
    }

    @Test("junk is refused, to be kept as text", arguments: ["", "yesterday", "32 Foo 2026", "2026-13-01", "Fri, 99 Mar 2026"])
    func junk(text: String) {
        #expect(FeedDateParser.parse(text) == nil)
    }
}
