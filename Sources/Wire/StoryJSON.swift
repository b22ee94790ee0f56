import Core
import Foundation

/// A story as an export line (`"type": "story"`, `Tests/Fixtures/export.schema.json`): the
/// copies of one piece of news, by the feeds that carried it, their items and their signals.
public struct StoryJSON: Encodable, Sendable {
    public var id: Int64
    public var tally: StoryTally

    public init(id: Int64, tally: StoryTally) {
        self.id = id
        self.tally = tally
    }

    enum CodingKeys: String, CodingKey {
        case type, id, sources, items, signals
        case firstPublished = "first_published"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("story", forKey: .type)
        try c.encode(id, forKey: .id)
        try c.encode(tally.sources.sorted(), forKey: .sources)
        try c.encode(tally.items.sorted(), forKey: .items)
        try c.encode(tally.signals, forKey: .signals)
        try c.encodeOrNull(tally.firstPublished.map(Timestamp.format), forKey: .firstPublished)
    }
}

/// What a story's export line says of its copies, gathered one signal at a time (so the export
/// never holds the signals themselves).
public struct StoryTally: Sendable {
    public var sources: Set<String> = []
    public var items: Set<String> = []
    public var signals: [Int64] = []
    public var firstPublished: Date?

    public init() {}

    public mutating func add(_ signal: SignalRecord) {
        sources.insert(signal.feedID)
        items.insert(signal.url)
        signals.append(signal.id)
        if let published = signal.published, published < (firstPublished ?? .distantFuture) { firstPublished = published }
    }
}

/// One line of `chipwatch dictionary suggest --format json`: a name the dictionary does not
/// know, how often and when it was seen, and one example.
public struct UnknownNameJSON: Encodable, Sendable {
    public var name: String
    public var vendor: String?
    public var signals: Int
    public var events: [String]
    public var firstSeen: Date?
    public var lastSeen: Date?
    public var evidence: String
    public var url: String

    public init(name: String, vendor: String?, signals: Int, events: [String], firstSeen: Date?, lastSeen: Date?,
                evidence: String, url: String) {
        self.name = name
        self.vendor = vendor
        self.signals = signals
        self.events = events
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.evidence = evidence
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case name, vendor, signals, events, evidence, url
        case firstSeen = "first_seen", lastSeen = "last_seen"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeOrNull(vendor, forKey: .vendor)
        try c.encode(signals, forKey: .signals)
        try c.encode(events, forKey: .events)
        try c.encodeOrNull(firstSeen.map(Timestamp.format), forKey: .firstSeen)
        try c.encodeOrNull(lastSeen.map(Timestamp.format), forKey: .lastSeen)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(url, forKey: .url)
    }
}
