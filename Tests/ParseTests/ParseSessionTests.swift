import Core
import Foundation
import Parse
import Testing

/// The parser reuses libxml2's context and its element names from one document to the next
/// (`ParseSession`): nothing of one document may show in the next.
@Suite("Parse sessions")
struct ParseSessionTests {
    static let documents: [String] = [
        #"<rss version="2.0"><channel><title>One</title><item><title>A</title><guid>a</guid></item></channel></rss>"#,
        // Atom without its namespace: its elements read as Atom here only.
        #"<feed><title>No namespace</title><entry><id>x</id><title type="html">&lt;b&gt;B&lt;/b&gt;</title></entry></feed>"#,
        #"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><entry><id>y</id><title>T</title></entry></feed>"#,
        // The same local names in RSS after Atom, and RDF whose elements sit in the root's namespace.
        #"<rss version="2.0"><channel><title>Two</title><item><title>C</title><link>http://c.example/</link></item></channel></rss>"#,
        #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>RDF</title></channel><item rdf:about="http://r.example/1"><title>R</title></item></rdf:RDF>"#,
        // Internal subset entities must not leak into the next document.
        #"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "expanded">]><rss version="2.0"><channel><title>t &e;</title></channel></rss>"#,
        #"<rss version="2.0"><channel><title>u &e;</title></channel></rss>"#,
        // Broken, then well-formed: the error must not carry over.
        #"<rss version="2.0"><channel><title>Broken</title><item><title>x</titel></item>"#,
        #"<rss version="2.0"><channel><title>Fine</title></channel></rss>"#,
        #"<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>caf\#u{E9}</title></channel></rss>"#,
        #"<?xml version="1.0"?><rss version="2.0"><channel><title>plain</title></channel></rss>"#,
    ]

    static func bytes(_ text: String) -> [UInt8] {
        // The Windows-1252 document holds only Latin-1 letters, whose code points are their bytes.
        if text.contains("windows-1252") { return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
        return Array(text.utf8)
    }

    static var inputs: [[UInt8]] {
        var inputs = documents.map(bytes)
        // UTF-16 documents between UTF-8 ones: with a byte-order mark, and without one and
        // with an encoding name libxml2 does not know (as in feedparser's tests).
        let wide = #"<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>wide</title></channel></rss>"#
        inputs.insert([0xFF, 0xFE] + wide.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, at: 3)
        let unnamed = #"<?xml version="1.0" encoding="u16"?><rss version="2.0"><channel><title>wide</title></channel></rss>"#
        inputs.insert(unnamed.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, at: 5)
        return inputs
    }

    @Test("documents parsed one after another in one session read as they do alone")
    func sequence() {
        let shared = ParseSession()
        for (k, input) in Self.inputs.enumerated() {
            let reused = try? FeedParser.parse(input, source: "doc \(k)", session: shared)
            let fresh = try? FeedParser.parse(input, source: "doc \(k)", session: ParseSession())
            #expect(reused == fresh, "document \(k)")
        }
    }

    @Test("the shared pool gives the same results, in any order")
    func pool() {
        let alone = Self.inputs.map { try? FeedParser.parse($0, source: "alone", session: ParseSession()) }
        for order in [Array(Self.inputs.indices), Self.inputs.indices.reversed()] {
            for k in order {
                #expect((try? FeedParser.parse(Self.inputs[k], source: "pooled")) == alone[k], "document \(k)")
            }
        }
    }

    @Test("what a session's first document read is what a second one reads")
    func meaningsDoNotLeak() throws {
        let shared = ParseSession()
        // Atom without namespace makes un-namespaced `title` an Atom title; in the RSS
        // document after it, `title` is RSS's again.
        let atom = try FeedParser.parse(Self.bytes(Self.documents[1]), source: "atom", session: shared)
        let rss = try FeedParser.parse(Self.bytes(Self.documents[3]), source: "rss", session: shared)
        #expect(atom.format == .atom10 && atom.items.first?.title == "B")
        #expect(rss.format == .rss20 && rss.items.first?.title == "C" && rss.items.first?.link == "http://c.example/")
        let entity = try FeedParser.parse(Self.bytes(Self.documents[6]), source: "entity", session: shared)
        #expect(entity.feed.title.contains("expanded") == false)
    }
}
