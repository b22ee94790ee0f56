import Foundation

/// What the parser made of one document.
public struct ParsedFeed: Sendable, Equatable, Codable {
    public var format: FeedFormat
    /// Errors were met and skipped; what could be read is here.
    public var recovered: Bool
    /// The first error, when there was one.
    public var error: String?
    public var feed: FeedInfo
    public var items: [FeedItem]

    public init(format: FeedFormat, recovered: Bool = false, error: String? = nil, feed: FeedInfo = FeedInfo(),
                items: [FeedItem] = []) {
        self.format = format
        self.recovered = recovered
        self.error = error
        self.feed = feed
        self.items = items
    }
}
