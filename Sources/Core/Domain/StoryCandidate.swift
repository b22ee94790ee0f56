import Foundation

/// A stored story an item might be a copy of, as the store hands it to the extract stage,
/// which decides (the store only finds and records).
public struct StoryCandidate: Sendable, Equatable {
    public var id: Int64
    public var simhash: UInt64
    public var titleKey: String
    public var firstPublished: Date

    public init(id: Int64, simhash: UInt64, titleKey: String, firstPublished: Date) {
        self.id = id
        self.simhash = simhash
        self.titleKey = titleKey
        self.firstPublished = firstPublished
    }
}

/// Which stories to hand over for one item: those with this headline key, and those that
/// began between `from` and `to` whose SimHash is within `maxDistance` bits of `simhash`.
public struct StoryQuery: Sendable, Equatable {
    /// Nil when the headline is too short to group copies by.
    public var titleKey: String?
    public var from: Date
    public var to: Date
    public var simhash: UInt64
    public var maxDistance: Int

    public init(titleKey: String?, from: Date, to: Date, simhash: UInt64, maxDistance: Int) {
        self.titleKey = titleKey
        self.from = from
        self.to = to
        self.simhash = simhash
        self.maxDistance = maxDistance
    }

    /// Whether a stored story answers the query.
    public func matches(_ story: StoryCandidate) -> Bool {
        if let titleKey, story.titleKey == titleKey { return true }
        return story.firstPublished >= from && story.firstPublished <= to
            && (story.simhash ^ simhash).nonzeroBitCount <= maxDistance
    }
}

/// The extract stage's rule for grouping copies of one story, called by the store inside the
/// transaction that records the item (so copies in one batch, or written by another process
/// a moment before, are seen).
public protocol StoryMatching: Sendable {
    /// The stories worth comparing `output` with.
    func query(for output: ExtractOutput, now: Date) -> StoryQuery
    /// The story `output` joins, among the stories the query found; nil starts a new one.
    func choose(for output: ExtractOutput, among candidates: [StoryCandidate], now: Date) -> Int64?
}
