import Foundation

/// An item of a `full_text: true` feed whose own page is still to be fetched.
public struct PageRequest: Sendable, Equatable {
    public var itemID: Int64
    public var feedID: String
    public var url: String

    public init(itemID: Int64, feedID: String, url: String) {
        self.itemID = itemID
        self.feedID = feedID
        self.url = url
    }
}

/// What fetching one item page came to: the page, or an error (recorded, never retried
/// more than the store allows).
public struct FetchedPage: Sendable, Equatable {
    public var request: PageRequest
    public var finalURL: String?
    public var status: Int?
    public var contentType: String?
    public var body: [UInt8]?
    public var error: String?
    public var fetchedAt: Date

    public init(request: PageRequest, finalURL: String?, status: Int?, contentType: String?, body: [UInt8]?,
                error: String?, fetchedAt: Date) {
        self.request = request
        self.finalURL = finalURL
        self.status = status
        self.contentType = contentType
        self.body = body
        self.error = error
        self.fetchedAt = fetchedAt
    }
}

/// A fetched page waiting for its main text to be extracted.
public struct StoredPage: Sendable, Equatable {
    public var itemID: Int64
    public var feedID: String
    public var url: String
    public var body: [UInt8]

    public init(itemID: Int64, feedID: String, url: String, body: [UInt8]) {
        self.itemID = itemID
        self.feedID = feedID
        self.url = url
        self.body = body
    }
}

/// The page passes' view of the store: the fetch process fetches, the parse process extracts.
public protocol PageStore: SiteClaims, Sendable {
    /// Items of these feeds with a link and no page attempt yet, oldest first.
    func wantedPages(feedIDs: [String], limit: Int) throws -> [PageRequest]
    func record(_ page: FetchedPage) throws
    /// The oldest fetched page whose text is not extracted yet, above `itemID`.
    func nextUnextractedPage(after itemID: Int64) throws -> StoredPage?
    /// Stores the page's main text on its item (sending it back to extraction) or the error.
    func recordPageText(itemID: Int64, text: String?, error: String?) throws
}
