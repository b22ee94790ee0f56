import Foundation

/// What names a story independently of any store: the feed id and item key (its GUID, else
/// its link, else a content hash) of one of its items. Alerts about a story are fingerprinted
/// with it, never with a row id, so two stores fed the same news in any order agree, and a
/// rebuilt store does not notify again what was already sent.
public enum StoryKey {
    /// The key of a story evaluated before it had one (evidence recorded before store schema
    /// v9, or a record made without the store): its row id, as fingerprints used to read.
    public static func unkeyed(storyID: Int64) -> String { "story-\(storyID)" }

    /// One item of a story, as the choice reads it.
    public struct Candidate: Sendable, Equatable {
        public var feedID: String
        public var itemKey: String
        public var published: Date?

        public init(feedID: String, itemKey: String, published: Date?) {
            self.feedID = feedID
            self.itemKey = itemKey
            self.published = published
        }
    }

    /// The key of a story with these items: the earliest published (an undated item after
    /// every dated one), ties broken by feed id, then item key. Independent of the order the
    /// items arrived in. The store fixes it the first time a story is evaluated, so a copy
    /// arriving later, even one dated earlier, never renames a story that already alerted.
    public static func choose(_ items: [Candidate]) -> String? {
        items.min { a, b in
            switch (a.published, b.published) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.feedID, a.itemKey) < (b.feedID, b.itemKey)
            }
        }.map { "\($0.feedID) \($0.itemKey)" }
    }
}
