import Foundation

/// A body the fetch stage received, exactly as it came (after content-encoding is undone),
/// kept for the parse stage and for replay.
public struct RawDocument: Sendable, Equatable {
    /// The store's row id: nil until it is stored.
    public var id: Int64?
    public var feedID: String
    /// The configured URL that was requested.
    public var url: String
    /// Where the last redirect ended.
    public var finalURL: String
    public var status: Int
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    public var fetchedAt: Date
    /// Lower-case hex SHA-256 of `body`.
    public var contentHash: String
    public var body: [UInt8]

    public init(feedID: String, url: String, finalURL: String, status: Int, contentType: String?,
                etag: String?, lastModified: String?, fetchedAt: Date, body: [UInt8]) {
        self.feedID = feedID
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
        self.body = body
        self.contentHash = ContentHash.sha256Hex(body)
    }

    /// A stored document as read back: its hash was taken when it was stored.
    public init(id: Int64, feedID: String, url: String, finalURL: String, status: Int, contentType: String?,
                etag: String?, lastModified: String?, fetchedAt: Date, contentHash: String, body: [UInt8]) {
        self.id = id
        self.feedID = feedID
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
        self.contentHash = contentHash
        self.body = body
    }
}
