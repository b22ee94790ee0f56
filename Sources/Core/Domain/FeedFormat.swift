import Foundation

/// The syndication formats the parser recognises, detected from the content.
public enum FeedFormat: String, Sendable, Codable {
    case rss20, rss10, rss09, atom10, atom03, json
}
