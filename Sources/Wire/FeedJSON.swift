import Core
import Foundation

/// One line of `chipwatch feeds --format json` (`Tests/Fixtures/feeds.schema.json`).
public struct FeedJSON: Encodable, Sendable {
    public var feed: Feed
    /// Its health, when it belongs to the feed's present URL.
    public var health: FeedHealth?
    public var status: String

    public init(_ feed: Feed, health: FeedHealth?, status: String) {
        self.feed = feed
        self.health = health
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, url, tier, tags, status
        case consecutiveFailures = "consecutive_failures", lastAttempt = "last_attempt", lastSuccess = "last_success"
        case nextAttempt = "next_attempt", lastStatus = "last_status", lastErrorClass = "last_error_class"
        case lastError = "last_error", movedTo = "moved_to"
    }

    public func encode(to encoder: Encoder) throws {
        let h = health
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(feed.id, forKey: .id)
        try c.encode(feed.url, forKey: .url)
        try c.encode(feed.tier.rawValue, forKey: .tier)
        try c.encode(feed.tags, forKey: .tags)
        try c.encode(status, forKey: .status)
        try c.encode(h?.consecutiveFailures ?? 0, forKey: .consecutiveFailures)
        try c.encodeOrNull(h?.lastAttempt.map(Timestamp.format), forKey: .lastAttempt)
        try c.encodeOrNull(h?.lastSuccess.map(Timestamp.format), forKey: .lastSuccess)
        try c.encodeOrNull(h?.nextAttempt.map(Timestamp.format), forKey: .nextAttempt)
        try c.encodeOrNull(h?.lastStatus, forKey: .lastStatus)
        try c.encodeOrNull(h?.lastErrorClass?.rawValue, forKey: .lastErrorClass)
        try c.encodeOrNull(h?.lastError, forKey: .lastError)
        try c.encodeOrNull(h?.movedTo, forKey: .movedTo)
    }
}
