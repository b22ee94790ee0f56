import Core
import Foundation

/// One line of `chipwatch signals --format json` (`Tests/Fixtures/signals.schema.json`), and
/// with `type` "signal" an export line. `extract-text` writes the same signal fields
/// (`SignalFields`) without the store's (id, story, source, title, url, published).
public struct SignalLogJSON: Encodable, Sendable {
    public var view: SignalRecord
    public var type: String?
    /// With `signals --story`: the feeds that carried the story, and how many copies.
    public var sources: [String]?
    public var copies: Int?

    public init(_ view: SignalRecord, type: String? = nil, sources: [String]? = nil, copies: Int? = nil) {
        self.view = view
        self.type = type
        self.sources = sources
        self.copies = copies
    }

    public func encode(to encoder: Encoder) throws {
        let v = view
        var c = encoder.container(keyedBy: WireKey.self)
        try c.encode(v.id, forKey: "id")
        try c.encode(v.storyID, forKey: "story")
        try c.encode(v.feedID, forKey: "source")
        try c.encode(v.title, forKey: "title")
        try c.encode(v.url, forKey: "url")
        try c.encodeOrNull(v.published.map(Timestamp.format), forKey: "published")
        try c.encodeIfPresent(type, forKey: "type")
        try c.encodeIfPresent(sources, forKey: "sources")
        try c.encodeIfPresent(copies, forKey: "copies")
        try SignalFields.encode(v.signal, into: &c)
    }
}

/// The fields of one signal, shared by the signal log, the export and `extract-text`.
enum SignalFields {
    /// In the keys' byte order, the order they are written in: the writer need not sort them.
    static func encode(_ s: Signal, into c: inout KeyedEncodingContainer<WireKey>) throws {
        try c.encode(s.confidence, forKey: "confidence")
        try c.encode(s.event.rawValue, forKey: "event")
        try c.encode(EvidenceOffsets(text: s.evidence.text, field: s.evidence.field, start: s.evidence.start, end: s.evidence.end),
                     forKey: "evidence")
        try c.encode(s.extractorVersion, forKey: "extractor_version")
        try c.encode(s.known, forKey: "known")
        try c.encode(s.lists, forKey: "lists")
        try c.encode(s.modality.rawValue, forKey: "modality")
        try c.encodeOrNull(s.product, forKey: "product")
        try c.encode(s.products, forKey: "products")
        try c.encode(s.quantities.map(QuantityJSON.init), forKey: "quantities")
        try c.encode(s.regulators, forKey: "regulators")
        try c.encode(s.vendors, forKey: "vendors")
        try c.encodeOrNull(s.window?.description, forKey: "window")
        try c.encodeOrNull(s.windowText, forKey: "window_text")
    }

    struct QuantityJSON: Encodable {
        var q: Quantity
        enum CodingKeys: String, CodingKey { case value, unit, precision, kind }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(q.kind, forKey: .kind)
            try c.encodeOrNull(q.precision, forKey: .precision)
            try c.encode(q.unit, forKey: .unit)
            try c.encode(q.value, forKey: .value)
        }
    }

    /// The evidence sentence and where it is in its field (code points).
    struct EvidenceOffsets: Encodable {
        var text: String
        var field: String
        var start: Int
        var end: Int
        enum CodingKeys: String, CodingKey { case end, field, start, text }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(end, forKey: .end)
            try c.encode(field, forKey: .field)
            try c.encode(start, forKey: .start)
            try c.encode(text, forKey: .text)
        }
    }
}
