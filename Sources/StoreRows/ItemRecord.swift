import Core
import Foundation

/// A row of `items` as the parse stage writes it (the extract queue, story and page columns
/// keep their values), for both stores (see `RowJSON`): each column is named once, in `CodingKeys`.
package struct ItemRecord: Codable, Sendable {
    package var id: Int64?
    package var feedID: String
    package var itemKey: String
    package var documentID: Int64
    package var title: String
    package var link: String
    package var links: String
    package var published: Date?
    package var publishedText: String?
    package var updated: Date?
    package var updatedText: String?
    package var authors: String
    package var summary: String
    package var content: String
    package var categories: String
    package var enclosures: String
    package var contentHash: String
    package var parserVersion: String
    package var firstSeen: Date
    package var lastChanged: Date

    package enum CodingKeys: String, CodingKey {
        case id, title, link, links, published, updated, authors, summary, content, categories, enclosures
        case feedID = "feed_id", itemKey = "item_key", documentID = "document_id", publishedText = "published_text"
        case updatedText = "updated_text", contentHash = "content_hash", parserVersion = "parser_version"
        case firstSeen = "first_seen", lastChanged = "last_changed"
    }

    /// The columns an edit rewrites (identity, first sighting and the queues stay).
    package static let editable: [CodingKeys] = [
        .documentID, .title, .link, .links, .published, .publishedText, .updated, .updatedText, .authors, .summary,
        .content, .categories, .enclosures, .contentHash, .parserVersion, .lastChanged,
    ]

    package init(_ item: ItemRow, feedID: String, documentID: Int64, at now: Date) {
        self.feedID = feedID
        itemKey = item.key
        self.documentID = documentID
        title = item.title
        link = item.link
        links = item.linksJSON
        published = item.published?.date
        publishedText = item.published?.text
        updated = item.updated?.date
        updatedText = item.updated?.text
        authors = item.authorsJSON
        summary = item.summary
        content = item.content
        categories = item.categoriesJSON
        enclosures = item.enclosuresJSON
        contentHash = item.editHash
        parserVersion = ParserVersion.current
        firstSeen = now
        lastChanged = now
    }
}
