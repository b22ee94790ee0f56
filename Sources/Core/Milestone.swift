import Foundation

/// One promise on the roadmap (`feeds/roadmap.yaml`).
public struct Milestone: Sendable, Equatable {
    public var id: String
    public var vendor: String
    /// The canonical product name, as in the dictionary.
    public var product: String
    /// The window as promised.
    public var window: DateWindow
    /// The event that fulfils it (ship unless said otherwise).
    public var event: EventKind
    public var graceDays: Int
    public var sourceURL: String?
    public var sourceDate: Day?

    public init(id: String, vendor: String, product: String, window: DateWindow, event: EventKind = .ship,
                graceDays: Int = 30, sourceURL: String? = nil, sourceDate: Day? = nil) {
        self.id = id
        self.vendor = vendor
        self.product = product
        self.window = window
        self.event = event
        self.graceDays = graceDays
        self.sourceURL = sourceURL
        self.sourceDate = sourceDate
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Where a milestone stands.
public enum MilestoneState: String, Sendable, Codable, CaseIterable {
    case pending, shipped, slipped, overdue, cancelled

    /// Shipped and cancelled milestones move no more.
    public var isFinal: Bool { self == .shipped || self == .cancelled }
}

/// How loud an alert is.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, critical

    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

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
        self.storyKey = storyKey ?? "story-\(storyID)"
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

/// A copy of the evidence behind a claim, kept with milestones and alerts so the history
/// survives `extract --all` rebuilding the signals.
public struct EvidenceSnapshot: Sendable, Equatable, Codable {
    public var signalID: Int64
    public var itemID: Int64
    public var storyID: Int64
    public var feedID: String
    public var tier: Int
    public var event: String
    public var modality: String
    public var window: String?
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
        tier = record.tier.rawValue
        event = record.signal.event.rawValue
        modality = record.signal.modality.rawValue
        window = record.signal.window
        published = record.published
        title = record.title
        url = record.url
        quote = record.signal.evidence.text
    }
}
