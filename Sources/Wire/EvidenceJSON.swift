import Core
import Foundation

/// One piece of evidence as the milestones and alerts listings print it; the notification
/// (webhook v1) carries the same fields without `window`.
public struct EvidenceJSON: Encodable, Sendable {
    public var title: String
    public var source: String
    public var url: String
    public var published: String?
    public var event: String
    public var modality: String
    public var window: String?
    public var quote: String
    public var tier: Int
    /// Whether `window` is part of the shape (the notification's evidence has no window key).
    public var hasWindow = true

    public init(_ e: EvidenceSnapshot) { self.init(e, hasWindow: true) }

    public init(_ e: EvidenceSnapshot, hasWindow: Bool) {
        self.hasWindow = hasWindow
        title = e.title
        source = e.feedID
        url = e.url
        published = e.published.map(Timestamp.format)
        event = e.event.rawValue
        modality = e.modality.rawValue
        window = e.window?.description
        quote = e.quote
        tier = e.tier.rawValue
    }

    enum CodingKeys: String, CodingKey { case title, source, url, published, event, modality, window, quote, tier }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
        try c.encode(url, forKey: .url)
        try c.encodeOrNull(published, forKey: .published)
        try c.encode(event, forKey: .event)
        try c.encode(modality, forKey: .modality)
        if hasWindow { try c.encodeOrNull(window, forKey: .window) }
        try c.encode(quote, forKey: .quote)
        try c.encode(tier, forKey: .tier)
    }
}

/// A date window with its first and last day.
public struct WindowJSON: Encodable, Sendable {
    public var label: String
    public var start: String
    public var end: String

    public init(_ w: DateWindow) {
        label = w.description
        start = w.start.description
        end = w.end.description
    }
}
