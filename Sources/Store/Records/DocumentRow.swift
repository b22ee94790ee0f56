import Core
import Foundation
import GRDB

/// A row of `documents`: a body as fetched, mapped by GRDB's Codable support (each column
/// named once, in `CodingKeys`). The parse queue's columns keep their defaults on insert. The
/// body is stored as `bodyEncoding` says (`DocumentBody`): whole until parsed, then compressed.
struct DocumentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "documents"

    var id: Int64?
    var feedID: String
    var url: String
    var finalURL: String
    var status: Int
    var contentType: String?
    var etag: String?
    var lastModified: String?
    var fetchedAt: Date
    var contentHash: String
    var body: Data
    var bodyEncoding: String?
    /// The body's length as fetched.
    var bodySize: Int?

    enum CodingKeys: String, CodingKey {
        case id, url, status, etag, body
        case feedID = "feed_id", finalURL = "final_url", contentType = "content_type", lastModified = "last_modified"
        case fetchedAt = "fetched_at", contentHash = "content_hash", bodyEncoding = "body_encoding", bodySize = "body_size"
    }

    init(_ d: RawDocument) {
        id = d.id
        feedID = d.feedID
        url = d.url
        finalURL = d.finalURL
        status = d.status
        contentType = d.contentType
        etag = d.etag
        lastModified = d.lastModified
        fetchedAt = d.fetchedAt
        contentHash = d.contentHash
        body = Data(d.body)
        bodyEncoding = DocumentBody.Encoding.identity.rawValue
        bodySize = d.body.count
    }

    /// The document with its body as fetched (empty once pruned).
    func document() throws -> RawDocument {
        let fetched = try DocumentBody.unpack(body, encoding: bodyEncoding, size: bodySize, documentID: id)
        return RawDocument(id: id ?? 0, feedID: feedID, url: url, finalURL: finalURL, status: status, contentType: contentType,
                           etag: etag, lastModified: lastModified, fetchedAt: fetchedAt, contentHash: contentHash, body: [UInt8](fetched))
    }
}

/// A row of `items` as the parse stage writes it (the extract queue, story and page columns
/// keep their values), mapped by GRDB's Codable support.
struct ItemRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "items"

    var id: Int64?
    var feedID: String
    var itemKey: String
    var documentID: Int64
    var title: String
    var link: String
    var links: String
    var published: Date?
    var publishedText: String?
    var updated: Date?
    var updatedText: String?
    var authors: String
    var summary: String
    var content: String
    var categories: String
    var enclosures: String
    var contentHash: String
    var parserVersion: String
    var firstSeen: Date
    var lastChanged: Date

    enum CodingKeys: String, CodingKey {
        case id, title, link, links, published, updated, authors, summary, content, categories, enclosures
        case feedID = "feed_id", itemKey = "item_key", documentID = "document_id", publishedText = "published_text"
        case updatedText = "updated_text", contentHash = "content_hash", parserVersion = "parser_version"
        case firstSeen = "first_seen", lastChanged = "last_changed"
    }

    /// The columns an edit rewrites (identity, first sighting and the queues stay).
    static let editable: [CodingKeys] = [
        .documentID, .title, .link, .links, .published, .publishedText, .updated, .updatedText, .authors, .summary,
        .content, .categories, .enclosures, .contentHash, .parserVersion, .lastChanged,
    ]

    init(_ item: ItemRow, feedID: String, documentID: Int64, at now: Date) {
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
