import Core
import Foundation
import XML

/// Turns one fetched document into a `ParsedFeed`: RSS 0.90–0.94 and 2.0, RSS 1.0 (RDF),
/// Atom 0.3 and 1.0, and JSON Feed 1.0/1.1, detected from the content. Never touches the
/// network or the file system; safe on hostile input (see `SAXParser`).
public enum FeedParser {
    /// Why a document could not be parsed at all.
    public struct NotAFeed: Error, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "parse: \(source): not a feed: \(reason)" }
    }

    /// - Parameters:
    ///   - contentType: the HTTP Content-Type, whose charset overrides the document's own.
    ///   - url: where the document came from; relative links resolve against it.
    ///   - source: how errors name the document (a feed id or a file name).
    public static func parse(_ bytes: [UInt8], contentType: String? = nil, url: String? = nil,
                             source: String) throws -> ParsedFeed {
        let start = firstSignificantByte(bytes)
        if start < bytes.count && bytes[start] == UInt8(ascii: "{") {
            return try JSONFeedParser.parse(Array(bytes[start...]), url: url, source: source)
        }
        let decision = EncodingSniffer.decide(bytes, contentType: contentType)
        let builder = FeedBuilder(baseURL: url)
        let report = SAXParser.parse(decision.bytes, handler: builder, encoding: decision.override)
        guard let format = builder.format else {
            let reason = builder.rootName.map { "the root element is <\($0)>, not rss, RDF or feed" }
                ?? report.firstError ?? "no XML element found"
            throw NotAFeed(source: source, reason: reason)
        }
        var feed = builder.result(format: format)
        if !report.wellFormed {
            feed.recovered = true
            feed.error = report.firstError ?? "the document is not well-formed XML"
        }
        return feed
    }

    /// Skips a UTF-8 byte-order mark and leading whitespace.
    static func firstSignificantByte(_ bytes: [UInt8]) -> Int {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i
    }
}

/// Item identity: a usable guid or id, else the link, else a hash of the normalised title
/// and date, so an item whose title or summary is edited later keeps its identity
/// whenever the feed gives it one.
enum ItemIdentity {
    static func assign(_ items: inout [FeedItem], guids: [String?]) {
        var seen: [String: Int] = [:]
        for index in items.indices {
            var id: String
            if let guid = guids[index].map(TextBytes.trim), !guid.isEmpty, guid.count <= 2048 {
                id = guid
            } else if !items[index].link.isEmpty {
                id = items[index].link
            } else {
                let title = items[index].title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let date = items[index].published?.text ?? items[index].updated?.text ?? ""
                id = "sha256:" + ContentHash.sha256Hex(Array("\(title)|\(date)|\(items[index].summary.prefix(200))".utf8)).prefix(32)
            }
            // Two entries with the same id in one document stay distinct items.
            if let count = seen[id] {
                seen[id] = count + 1
                id += "#\(count + 1)"
            } else {
                seen[id] = 1
            }
            items[index].id = id
        }
    }
}
