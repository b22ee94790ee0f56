import Foundation

/// The syndication formats the parser recognises, detected from the content.
public enum FeedFormat: String, Sendable, Codable {
    case rss20, rss10, rss09, atom10, atom03, json
}

/// A person as feeds name them (Atom author, RSS managingEditor, dc:creator).
public struct Person: Sendable, Equatable, Codable {
    public var name: String
    public var email: String?
    public var uri: String?

    public init(name: String, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

/// A media attachment (RSS enclosure, Atom link rel="enclosure").
public struct Enclosure: Sendable, Equatable, Codable {
    public var url: String
    public var type: String
    public var length: Int?

    public init(url: String, type: String, length: Int?) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// A date as the feed wrote it, and the instant it means when it could be read.
public struct FeedDate: Sendable, Equatable, Codable {
    public var text: String
    public var date: Date?

    public init(text: String, date: Date?) {
        self.text = text
        self.date = date
    }
}

/// The feed-level metadata.
public struct FeedInfo: Sendable, Equatable, Codable {
    public var title = ""
    public var link = ""
    public var subtitle = ""
    public var language = ""
    public var updated: FeedDate?
    public var authors: [Person] = []

    public init() {}
}

/// One entry of a feed, with plain-text fields ready for extraction.
public struct FeedItem: Sendable, Equatable, Codable {
    /// The stable identity: a usable guid or Atom id, else the link, else a hash of the
    /// normalised title and date. Unique within a feed.
    public var id = ""
    public var title = ""
    public var link = ""
    public var links: [String] = []
    public var published: FeedDate?
    public var updated: FeedDate?
    public var authors: [Person] = []
    public var summary = ""
    public var content = ""
    public var categories: [String] = []
    public var enclosures: [Enclosure] = []

    public init() {}
}

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

/// The parser's version, recorded on every item it produces. parse-2: HTML read by
/// chipwatch's own tokenizer (C1 references as Windows-1252, self-closing iframes, markup
/// nested in text elements kept); identities unchanged.
public enum ParserVersion {
    public static let current = "parse-3"
}
