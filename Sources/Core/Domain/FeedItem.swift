import Foundation

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
