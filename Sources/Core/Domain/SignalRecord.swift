import Foundation

/// A signal as the evaluate stage sees it: the claim, where it came from, and its story.
public struct SignalRecord: Sendable, Equatable {
    public var id: Int64
    public var itemID: Int64
    public var storyID: Int64
    public var feedID: String
    public var tier: SourceTier
    public var published: Date?
    public var title: String
    public var url: String
    public var signal: Signal
    /// The story's content key (`StoryKey`): what alerts about the story are fingerprinted with.
    public var storyKey: String

    public init(id: Int64, itemID: Int64, storyID: Int64, feedID: String, tier: SourceTier, published: Date?,
                title: String, url: String, signal: Signal, storyKey: String? = nil) {
        self.storyKey = storyKey ?? StoryKey.unkeyed(storyID: storyID)
        self.id = id
        self.itemID = itemID
        self.storyID = storyID
        self.feedID = feedID
        self.tier = tier
        self.published = published
        self.title = title
        self.url = url
        self.signal = signal
    }
}
