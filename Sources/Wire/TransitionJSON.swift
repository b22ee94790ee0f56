import Core
import Foundation

/// A milestone transition as an export line (`"type": "transition"`).
public struct TransitionJSON: Encodable, Sendable {
    public var milestone: String
    public var product: String
    public var entry: HistoryEntry

    public init(milestone: String, product: String, entry: HistoryEntry) {
        self.milestone = milestone
        self.product = product
        self.entry = entry
    }

    enum CodingKeys: String, CodingKey {
        case type, milestone, product, at, from, to, observed, note, evidence
        case windowBefore = "window_before", windowAfter = "window_after", daysLate = "days_late"
    }

    public func encode(to encoder: Encoder) throws {
        let t = entry.transition
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("transition", forKey: .type)
        try c.encode(milestone, forKey: .milestone)
        try c.encode(product, forKey: .product)
        try c.encode(Timestamp.format(entry.at), forKey: .at)
        try c.encode(t.from.rawValue, forKey: .from)
        try c.encode(t.to.rawValue, forKey: .to)
        try c.encode(t.windowBefore.description, forKey: .windowBefore)
        try c.encode(t.windowAfter.description, forKey: .windowAfter)
        try c.encodeOrNull(t.observed?.description, forKey: .observed)
        try c.encodeOrNull(t.daysLate, forKey: .daysLate)
        try c.encode(t.note, forKey: .note)
        try c.encode(t.evidence.map(EvidenceJSON.init), forKey: .evidence)
    }
}
