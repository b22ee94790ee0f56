import Core
import Foundation

/// Turns parsed items into the rows the store keeps: each list field encoded once, and the
/// edit hash taken over what was encoded (a re-fetched feed whose item did not change leaves
/// it alone; an edited title, text, link, date, author, category or enclosure makes a new
/// revision that is extracted again).
public enum ItemRows {
    public static func row(_ item: FeedItem) throws -> ItemRow {
        // Sorted keys: the same item encodes to the same text, run after run.
        func json<T: Encodable>(_ value: T) throws -> String { try JSONWriter.string(value) }
        let links = try json(item.links), authors = try json(item.authors)
        let categories = try json(item.categories), enclosures = try json(item.enclosures)
        let fields = [item.title, item.link, item.summary, item.content, links, authors, categories, enclosures,
                      item.published?.text ?? "", item.updated?.text ?? ""]
        return ItemRow(key: item.id, title: item.title, link: item.link, summary: item.summary, content: item.content,
                       published: item.published, updated: item.updated, linksJSON: links, authorsJSON: authors,
                       categoriesJSON: categories, enclosuresJSON: enclosures,
                       editHash: ContentHash.sha256Hex(Array(fields.joined(separator: "\u{1F}").utf8)))
    }
}
