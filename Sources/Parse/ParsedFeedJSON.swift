import Core
import Foundation

/// The JSON shape `chipwatch parse-file` prints (documented in the README): null where a
/// value is absent, dates as RFC 3339 in UTC, text as plain text.
public enum ParsedFeedJSON {
    public static func object(_ parsed: ParsedFeed) -> [String: Any] {
        [
            "format": parsed.format.rawValue,
            "recovered": parsed.recovered,
            "error": parsed.error ?? NSNull(),
            "feed": [
                "title": parsed.feed.title, "link": parsed.feed.link, "subtitle": parsed.feed.subtitle,
                "language": parsed.feed.language, "updated": date(parsed.feed.updated),
                "authors": parsed.feed.authors.map(person),
            ] as [String: Any],
            "items": parsed.items.map(item),
        ]
    }

    public static func encode(_ parsed: ParsedFeed) -> String { json(object(parsed)) }

    /// One item as JSON, for streaming output.
    public static func encode(_ item: FeedItem) -> String { json(self.item(item)) }

    /// The object's members other than `format` and `items`, without braces, for
    /// streaming output: `"error":null,"feed":{...},"recovered":false`.
    public static func encodeTail(_ parsed: ParsedFeed) -> String {
        var object = object(parsed)
        object["format"] = nil
        object["items"] = nil
        return String(json(object).dropFirst().dropLast())
    }

    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func item(_ item: FeedItem) -> [String: Any] {
        [
            "id": item.id, "title": item.title, "link": item.link, "links": item.links,
            "published": date(item.published), "updated": date(item.updated),
            "authors": item.authors.map(person), "summary": item.summary, "content": item.content,
            "categories": item.categories,
            "enclosures": item.enclosures.map { enclosure -> [String: Any] in
                ["url": enclosure.url, "type": enclosure.type, "length": enclosure.length ?? NSNull()]
            },
        ]
    }

    static func person(_ person: Person) -> [String: Any] {
        ["name": person.name, "email": person.email ?? NSNull(), "uri": person.uri ?? NSNull()]
    }

    static func date(_ value: FeedDate?) -> Any {
        value?.date.map(Timestamp.format) ?? NSNull()
    }
}
