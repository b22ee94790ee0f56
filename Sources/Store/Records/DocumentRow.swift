import Core
import Foundation
import GRDB

/// A row of `documents`: a body as fetched, mapped by GRDB's Codable support (each column
/// named once, in `CodingKeys`). The parse queue's columns keep their defaults on insert. The
/// body is stored as `bodyEncoding` says (`DocumentBody`): compressed from the fetch on.
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
        // Compressed before it is written: storing it whole and rewriting it compressed after
        // parse wrote every body twice (a quarter of the parse stage's time, perf).
        let whole = Data(d.body)
        if let packed = DocumentBody.pack(whole) {
            body = packed
            bodyEncoding = DocumentBody.Encoding.zlib.rawValue
        } else {
            body = whole
            bodyEncoding = DocumentBody.Encoding.identity.rawValue
        }
        bodySize = d.body.count
    }

    /// The document with its body as fetched (empty once pruned).
    func document() throws -> RawDocument {
        let fetched = try DocumentBody.unpack(body, encoding: bodyEncoding, size: bodySize, documentID: id)
        return RawDocument(id: id ?? 0, feedID: feedID, url: url, finalURL: finalURL, status: status, contentType: contentType,
                           etag: etag, lastModified: lastModified, fetchedAt: fetchedAt, contentHash: contentHash, body: [UInt8](fetched))
    }
}
