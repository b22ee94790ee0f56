import Core
import Foundation

/// The bodies of the audit log's entries (`Tests/Fixtures/audit-entry.schema.json`): what was
/// claimed, decided or alerted, hash-chained in the order written. Each entry's `kind` is
/// stored beside its body.
public protocol AuditEntryJSON: Encodable, Sendable {
    /// signal | transition | alert
    static var kind: String { get }
}

/// A signal as extracted: where it came from (feed, item key, story), what it claims, and its
/// evidence sentence.
public struct SignalAuditJSON: AuditEntryJSON {
    public static let kind = "signal"
    public var feed: String
    public var item: String
    public var story: Int64
    public var seq: Int
    public var signal: Signal

    public init(feed: String, item: String, story: Int64, seq: Int, signal: Signal) {
        self.feed = feed
        self.item = item
        self.story = story
        self.seq = seq
        self.signal = signal
    }

    enum CodingKeys: String, CodingKey {
        case feed, item, story, seq, event, modality, product, vendors, window, evidence
        case extractorVersion = "extractor_version"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(feed, forKey: .feed)
        try c.encode(item, forKey: .item)
        try c.encode(story, forKey: .story)
        try c.encode(seq, forKey: .seq)
        try c.encode(signal.event.rawValue, forKey: .event)
        try c.encode(signal.modality.rawValue, forKey: .modality)
        try c.encodeOrNull(signal.product, forKey: .product)
        try c.encode(signal.vendors, forKey: .vendors)
        try c.encodeOrNull(signal.window?.description, forKey: .window)
        try c.encode(signal.evidence.text, forKey: .evidence)
        try c.encode(signal.extractorVersion, forKey: .extractorVersion)
    }
}

/// A milestone's state change, with the sources that caused it.
public struct TransitionAuditJSON: AuditEntryJSON {
    public static let kind = "transition"
    public var transition: Transition

    public init(_ transition: Transition) { self.transition = transition }

    enum CodingKeys: String, CodingKey {
        case milestone, from, to, observed, note, evidence
        case windowBefore = "window_before", windowAfter = "window_after", daysLate = "days_late"
    }

    struct Source: Encodable {
        var url, title, quote, source: String
    }

    public func encode(to encoder: Encoder) throws {
        let t = transition
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(t.milestoneID, forKey: .milestone)
        try c.encode(t.from.rawValue, forKey: .from)
        try c.encode(t.to.rawValue, forKey: .to)
        try c.encode(t.windowBefore.description, forKey: .windowBefore)
        try c.encode(t.windowAfter.description, forKey: .windowAfter)
        try c.encodeOrNull(t.observed?.description, forKey: .observed)
        try c.encodeOrNull(t.daysLate, forKey: .daysLate)
        try c.encode(t.note, forKey: .note)
        try c.encode(t.evidence.map { Source(url: $0.url, title: $0.title, quote: $0.quote, source: $0.feedID) },
                     forKey: .evidence)
    }
}

/// An alert as stored by one evaluation: its state, and the notice queued (if any) or the
/// silence that muted it.
public struct AlertAuditJSON: AuditEntryJSON {
    public static let kind = "alert"
    public var change: AlertChange

    public init(_ change: AlertChange) { self.change = change }

    enum CodingKeys: String, CodingKey {
        case fingerprint, rule, status, summary, severity, notice, evidence
        case silencedBy = "silenced_by"
    }

    public func encode(to encoder: Encoder) throws {
        let a = change.alert
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(a.fingerprint, forKey: .fingerprint)
        try c.encode(a.rule, forKey: .rule)
        try c.encode(a.status.rawValue, forKey: .status)
        try c.encode(a.summary, forKey: .summary)
        try c.encode(a.severity.rawValue, forKey: .severity)
        try c.encodeOrNull(change.notice?.rawValue, forKey: .notice)
        try c.encodeOrNull(change.silencedBy, forKey: .silencedBy)
        try c.encode(a.evidence.map(\.url), forKey: .evidence)
    }
}
