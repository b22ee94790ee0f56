import Core
import Foundation

/// The JSON shape `chipwatch parse-file` prints (README "parse-file"): null where a value is
/// absent, dates as RFC 3339 in UTC, text as plain text. Items are written as they are read
/// (`item`), then the rest of the document (`tail`).
public enum ParsedFeedJSON {
    /// The whole document as one object, keys sorted.
    public static func encode(_ parsed: ParsedFeed) -> String {
        String(decoding: WireJSON.bytes(Document(parsed: parsed, withItems: true)), as: UTF8.self)
    }

    /// One item, for streaming output.
    public static func encode(_ item: FeedItem) -> String {
        String(decoding: WireJSON.bytes(ItemJSON(item: item)), as: UTF8.self)
    }

    /// The object's members other than `format` and `items`, without braces, for streaming
    /// output: `"error":null,"feed":{...},"recovered":false`.
    public static func encodeTail(_ parsed: ParsedFeed) -> String {
        String(String(decoding: WireJSON.bytes(Document(parsed: parsed, withItems: false)), as: UTF8.self).dropFirst().dropLast())
    }

    struct Document: Encodable {
        var parsed: ParsedFeed
        var withItems: Bool

        enum CodingKeys: String, CodingKey { case format, recovered, error, feed, items }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if withItems {
                try c.encode(parsed.format.rawValue, forKey: .format)
                try c.encode(parsed.items.map(ItemJSON.init), forKey: .items)
            }
            try c.encode(parsed.recovered, forKey: .recovered)
            try c.encodeOrNull(parsed.error, forKey: .error)
            try c.encode(FeedInfoJSON(feed: parsed.feed), forKey: .feed)
        }
    }

    struct FeedInfoJSON: Encodable {
        var feed: FeedInfo
        enum CodingKeys: String, CodingKey { case title, link, subtitle, language, updated, authors }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            // In the keys' byte order, so the writer need not sort them.
            try c.encode(feed.authors.map(PersonJSON.init), forKey: .authors)
            try c.encode(feed.language, forKey: .language)
            try c.encode(feed.link, forKey: .link)
            try c.encode(feed.subtitle, forKey: .subtitle)
            try c.encode(feed.title, forKey: .title)
            try c.encodeOrNull(feed.updated?.date.map(Timestamp.format), forKey: .updated)
        }
    }

    struct ItemJSON: Encodable {
        var item: FeedItem
        enum CodingKeys: String, CodingKey {
            case id, title, link, links, published, updated, authors, summary, content, categories, enclosures
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            // In the keys' byte order, so the writer need not sort them.
            try c.encode(item.authors.map(PersonJSON.init), forKey: .authors)
            try c.encode(item.categories, forKey: .categories)
            try c.encode(item.content, forKey: .content)
            try c.encode(item.enclosures.map(EnclosureJSON.init), forKey: .enclosures)
            try c.encode(item.id, forKey: .id)
            try c.encode(item.link, forKey: .link)
            try c.encode(item.links, forKey: .links)
            try c.encodeOrNull(item.published?.date.map(Timestamp.format), forKey: .published)
            try c.encode(item.summary, forKey: .summary)
            try c.encode(item.title, forKey: .title)
            try c.encodeOrNull(item.updated?.date.map(Timestamp.format), forKey: .updated)
        }
    }

    struct PersonJSON: Encodable {
        var person: Person
        enum CodingKeys: String, CodingKey { case name, email, uri }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeOrNull(person.email, forKey: .email)
            try c.encode(person.name, forKey: .name)
            try c.encodeOrNull(person.uri, forKey: .uri)
        }
    }

    struct EnclosureJSON: Encodable {
        var enclosure: Enclosure
        enum CodingKeys: String, CodingKey { case url, type, length }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeOrNull(enclosure.length, forKey: .length)
            try c.encode(enclosure.type, forKey: .type)
            try c.encode(enclosure.url, forKey: .url)
        }
    }
}
