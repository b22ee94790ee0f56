import Foundation

/// What the store remembers of one feed between runs.
public struct FeedHealth: Sendable, Equatable, Codable {
    public var feedID: String
    public var url: String
    public var consecutiveFailures = 0
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    /// The HTTP status of the last response, if there was one.
    public var lastStatus: Int?
    public var lastErrorClass: FetchErrorClass?
    public var lastError: String?
    /// Not polled before this, unless forced.
    public var nextAttempt: Date?
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the last stored body.
    public var lastContentHash: String?
    /// Set by a 410.
    public var gone = false
    /// Where a permanent redirect (301/308) pointed last time; the configured URL is kept.
    public var movedTo: String?

    public init(feedID: String, url: String) {
        self.feedID = feedID
        self.url = url
    }

    /// Whether the feed may be polled at `now`.
    public func isDue(at now: Date) -> Bool {
        guard let next = nextAttempt else { return true }
        return next <= now
    }
}
