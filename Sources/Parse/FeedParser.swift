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
    ///   - onItem: when given, receives each item (with the format) as soon as it is read,
    ///     and the returned feed has no items: for feeds too big to hold whole.
    ///   - session: what to reuse from earlier parses; by default one from a shared pool.
    public static func parse(_ bytes: [UInt8], contentType: String? = nil, url: String? = nil,
                             source: String, onItem: ((FeedFormat, FeedItem) -> Void)? = nil,
                             session: ParseSession? = nil) throws -> ParsedFeed {
        let start = firstSignificantByte(bytes)
        if start < bytes.count && bytes[start] == UInt8(ascii: "{") {
            var parsed = try JSONFeedParser.parse(Array(bytes[start...]), url: url, source: source)
            if let onItem {
                parsed.items.forEach { onItem(.json, $0) }
                parsed.items = []
            }
            return parsed
        }
        let borrowed = session ?? ParseSession.acquire()
        defer { if session == nil { ParseSession.release(borrowed) } }
        // UTF-8 is taken at its word and checked only when libxml2 stumbles, unless items
        // stream out as they are read (a second reading would send them twice).
        var decision = EncodingSniffer.decide(bytes, contentType: contentType, checkUTF8: onItem != nil)
        var builder = FeedBuilder(baseURL: url, session: borrowed)
        builder.onItem = onItem
        var report = SAXParser.parse(decision.bytes, handler: builder, encoding: decision.override, session: borrowed.sax)
        if decision.unchecked && report.invalidCharacters {
            let checked = EncodingSniffer.decide(bytes, contentType: contentType)
            if checked.override != decision.override {
                decision = checked
                builder = FeedBuilder(baseURL: url, session: borrowed)
                report = SAXParser.parse(decision.bytes, handler: builder, encoding: decision.override, session: borrowed.sax)
            }
        }
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
/// whenever the feed gives it one. Two entries with the same id in one document stay
/// distinct items (`#2`, `#3`, ...).
struct ItemIdentity {
    private var seen: [String: Int] = [:]

    /// The title as the identity hash reads it: lower case, whitespace runs as one space.
    /// ASCII titles take a byte path that gives the same text as the general one.
    static func normalisedTitle(_ title: String) -> String {
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else {
            return title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        for b in title.utf8 {
            // ASCII whitespace as Character.isWhitespace sees it: tab to carriage return, space.
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func assign(_ item: FeedItem, guid: String?) -> String {
        var id: String
        if let guid = guid.map(TextBytes.trim), !guid.isEmpty, guid.utf8.count <= 2048 {
            id = guid
        } else if !item.link.isEmpty {
            id = item.link
        } else {
            let title = Self.normalisedTitle(item.title)
            let date = item.published?.text ?? item.updated?.text ?? ""
            id = "sha256:" + ContentHash.sha256Hex(Array("\(title)|\(date)|\(item.summary.prefix(200))".utf8)).prefix(32)
        }
        if let count = seen[id] {
            seen[id] = count + 1
            id += "#\(count + 1)"
        } else {
            seen[id] = 1
        }
        return id
    }
}
