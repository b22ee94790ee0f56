import Foundation

/// A parsed item as the store keeps it: list fields already encoded as JSON (once, by the
/// parse stage), and the hash that tells an edited item from an unchanged copy.
public struct ItemRow: Sendable, Equatable {
    /// The item's key within its feed (GUID, else link, else a hash of its content).
    public var key: String
    public var title: String
    public var link: String
    public var summary: String
    public var content: String
    public var published: FeedDate?
    public var updated: FeedDate?
    public var linksJSON: String
    public var authorsJSON: String
    public var categoriesJSON: String
    public var enclosuresJSON: String
    /// Changes exactly when a field a reader sees changes.
    public var editHash: String

    public init(key: String, title: String, link: String, summary: String, content: String, published: FeedDate?,
                updated: FeedDate?, linksJSON: String, authorsJSON: String, categoriesJSON: String,
                enclosuresJSON: String, editHash: String) {
        self.key = key
        self.title = title
        self.link = link
        self.summary = summary
        self.content = content
        self.published = published
        self.updated = updated
        self.linksJSON = linksJSON
        self.authorsJSON = authorsJSON
        self.categoriesJSON = categoriesJSON
        self.enclosuresJSON = enclosuresJSON
        self.editHash = editHash
    }
}
