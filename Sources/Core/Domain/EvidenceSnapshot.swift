import Foundation

/// A copy of the evidence behind a claim, kept with milestones and alerts so the history
/// survives `extract --all` rebuilding the signals.
public struct EvidenceSnapshot: Sendable, Equatable, Codable {
    public var signalID: Int64
    public var itemID: Int64
    public var storyID: Int64
    public var feedID: String
    // Typed, and stored as before: the tier as its number, event and modality as their names.
    public var tier: SourceTier
    public var event: EventKind
    public var modality: Modality
    public var window: DateWindow?
    public var published: Date?
    public var title: String
    public var url: String
    public var quote: String
    /// The story's content key; absent in evidence recorded before store schema v9.
    public var storyKey: String?

    public init(_ record: SignalRecord) {
        storyKey = record.storyKey
        signalID = record.id
        itemID = record.itemID
        storyID = record.storyID
        feedID = record.feedID
        tier = record.tier
        event = record.signal.event
        modality = record.signal.modality
        window = record.signal.window
        published = record.published
        title = record.title
        url = record.url
        quote = record.signal.evidence.text
    }
}
