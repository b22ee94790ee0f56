import Foundation

/// A stored item waiting for the extract stage.
public struct ExtractInput: Sendable, Equatable {
    public var itemID: Int64
    public var feedID: String
    public var title: String
    public var summary: String
    public var content: String
    /// The article page's main text, for feeds whose items are fetched in full.
    public var fullText: String?
    public var published: Date?

    public init(itemID: Int64, feedID: String, title: String, summary: String, content: String, fullText: String?,
                published: Date?) {
        self.itemID = itemID
        self.feedID = feedID
        self.title = title
        self.summary = summary
        self.content = content
        self.fullText = fullText
        self.published = published
    }
}

/// What the extract stage writes for one item.
public struct ExtractOutput: Sendable {
    public var itemID: Int64
    public var extraction: ItemExtraction
    /// The item's SimHash over its normalised words, to group near-duplicates into stories.
    public var simhash: UInt64
    /// The item's title, normalised, for grouping syndicated copies with identical headlines.
    public var titleKey: String
    public var published: Date?

    public init(itemID: Int64, extraction: ItemExtraction, simhash: UInt64, titleKey: String, published: Date?) {
        self.itemID = itemID
        self.extraction = extraction
        self.simhash = simhash
        self.titleKey = titleKey
        self.published = published
    }
}

/// Counts of one extract run.
public struct ExtractRunSummary: Sendable, Equatable {
    public var items = 0
    public var signals = 0
    public var newStories = 0
    public var joinedStories = 0

    public init() {}
}

/// The extract stage's view of the store.
public protocol ExtractStore: Sendable {
    /// Up to `limit` items waiting for extraction with an id above `id`, oldest first.
    func itemsToExtract(after id: Int64, limit: Int) throws -> [ExtractInput]
    /// Replaces each item's signals, assigns it to a story and marks it done, all in one
    /// transaction; an item with no story yet joins the one `stories` chooses among the
    /// candidates its query finds (inside that transaction), or starts one. Returns how many
    /// items started a story and how many joined one.
    func recordExtractions(_ outputs: [ExtractOutput], stories: StoryMatching, at: Date) throws -> (newStories: Int, joined: Int)
    /// Sends every item back to the extract stage (`extract --all`).
    func resetExtraction() throws -> Int
    /// Whether the next batch may be read before the last one is recorded (the stage then
    /// extracts one batch while storing the other). False for a store whose read claims the
    /// batch for this process until it is recorded (PostgreSQL's row locks, shared by several
    /// extractors).
    var readsAhead: Bool { get }
}

extension ExtractStore {
    public var readsAhead: Bool { true }
}
