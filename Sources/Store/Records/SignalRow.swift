import Core
import Foundation
import GRDB

/// A row of `signals`, mapped by GRDB's Codable support: each column is named once, in
/// `CodingKeys`. List fields are JSON text, written with the store's encoder (keys sorted).
/// The evaluate queue's state column keeps its default ('new') on insert.
struct SignalRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "signals"

    var id: Int64?
    var itemID: Int64
    var storyID: Int64
    var feedID: String
    /// The feed's tier when the signal was extracted; nil for signals stored before v11.
    var tier: Int?
    var seq: Int
    var published: Date?
    var vendors: String
    var product: String?
    var event: String
    var modality: String
    var statedWindow: String?
    var windowText: String?
    var quantities: String
    var evidenceText: String
    var evidenceField: String
    var evidenceStart: Int
    var evidenceEnd: Int
    var confidence: Double
    var lists: String
    var regulators: String
    var products: String
    var known: Bool
    var extractorVersion: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, tier, seq, published, vendors, product, event, modality, quantities, confidence, lists, regulators, products, known
        case itemID = "item_id", storyID = "story_id", feedID = "feed_id", statedWindow = "stated_window"
        case windowText = "window_text", evidenceText = "evidence_text", evidenceField = "evidence_field"
        case evidenceStart = "evidence_start", evidenceEnd = "evidence_end", extractorVersion = "extractor_version"
        case createdAt = "created_at"
    }

    init(_ s: Signal, itemID: Int64, storyID: Int64, feedID: String, tier: Int?, seq: Int, published: Date?, at now: Date) throws {
        self.itemID = itemID
        self.storyID = storyID
        self.feedID = feedID
        self.tier = tier
        self.seq = seq
        self.published = published
        vendors = try Store.encode(s.vendors)
        product = s.product
        event = s.event.rawValue
        modality = s.modality.rawValue
        statedWindow = s.window?.description
        windowText = s.windowText
        quantities = try Store.encode(s.quantities)
        evidenceText = s.evidence.text
        evidenceField = s.evidence.field
        evidenceStart = s.evidence.start
        evidenceEnd = s.evidence.end
        confidence = s.confidence
        lists = try Store.encode(s.lists)
        regulators = try Store.encode(s.regulators)
        products = try Store.encode(s.products)
        known = s.known
        extractorVersion = s.extractorVersion
        createdAt = now
    }

    /// The claim as the stages see it. An event or modality this version does not know (a
    /// newer one wrote it) is an error naming the row, never a silent default.
    func signal() throws -> Signal {
        guard let event = EventKind(rawValue: event) else { throw StoreError.badValue("signals", "event", event) }
        guard let modality = Modality(rawValue: modality) else { throw StoreError.badValue("signals", "modality", modality) }
        return Signal(vendors: try Self.list(vendors), product: product, event: event, modality: modality,
                      window: statedWindow.flatMap(DateWindow.init), windowText: windowText,
                      quantities: try Self.list(quantities),
                      evidence: Evidence(text: evidenceText, field: evidenceField, start: evidenceStart, end: evidenceEnd),
                      confidence: confidence, lists: try Self.list(lists), regulators: try Self.list(regulators),
                      products: try Self.list(products), known: known, extractorVersion: extractorVersion)
    }

    /// A JSON array column. Most are empty: those are read without a decoder, which is most of
    /// the cost of reading a signal back (the review commands read hundreds of thousands).
    private static func list<T: Decodable>(_ text: String) throws -> [T] {
        text == "[]" ? [] : try Store.decode([T].self, text)
    }
}
