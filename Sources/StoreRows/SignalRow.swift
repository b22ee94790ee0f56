import Core
import Foundation

/// A row of `signals` (see `RowJSON` for how rows map to either store): each column is named once, in
/// `CodingKeys`. List fields are JSON text, written with the store's encoder (keys sorted).
/// The evaluate queue's state column keeps its default ('new') on insert.
package struct SignalRow: Codable, Sendable {

    package var id: Int64?
    package var itemID: Int64
    package var storyID: Int64
    package var feedID: String
    /// The feed's tier when the signal was extracted; nil for signals stored before v11.
    package var tier: Int?
    package var seq: Int
    package var published: Date?
    package var vendors: String
    package var product: String?
    package var event: String
    package var modality: String
    package var statedWindow: String?
    package var windowText: String?
    package var quantities: String
    package var evidenceText: String
    package var evidenceField: String
    package var evidenceStart: Int
    package var evidenceEnd: Int
    package var confidence: Double
    package var lists: String
    package var regulators: String
    package var products: String
    package var known: Bool
    package var extractorVersion: String
    package var createdAt: Date

    package enum CodingKeys: String, CodingKey {
        case id, tier, seq, published, vendors, product, event, modality, quantities, confidence, lists, regulators, products, known
        case itemID = "item_id", storyID = "story_id", feedID = "feed_id", statedWindow = "stated_window"
        case windowText = "window_text", evidenceText = "evidence_text", evidenceField = "evidence_field"
        case evidenceStart = "evidence_start", evidenceEnd = "evidence_end", extractorVersion = "extractor_version"
        case createdAt = "created_at"
    }

    package init(_ s: Signal, itemID: Int64, storyID: Int64, feedID: String, tier: Int?, seq: Int, published: Date?, at now: Date) throws {
        self.itemID = itemID
        self.storyID = storyID
        self.feedID = feedID
        self.tier = tier
        self.seq = seq
        self.published = published
        vendors = try RowJSON.encode(s.vendors)
        product = s.product
        event = s.event.rawValue
        modality = s.modality.rawValue
        statedWindow = s.window?.description
        windowText = s.windowText
        quantities = try RowJSON.encode(s.quantities)
        evidenceText = s.evidence.text
        evidenceField = s.evidence.field
        evidenceStart = s.evidence.start
        evidenceEnd = s.evidence.end
        confidence = s.confidence
        lists = try RowJSON.encode(s.lists)
        regulators = try RowJSON.encode(s.regulators)
        products = try RowJSON.encode(s.products)
        known = s.known
        extractorVersion = s.extractorVersion
        createdAt = now
    }

    /// The claim as the stages see it. An event or modality this version does not know (a
    /// newer one wrote it) is an error naming the row, never a silent default.
    package func signal() throws -> Signal {
        guard let event = EventKind(rawValue: event) else { throw StoredValueError("signals", "event", event) }
        guard let modality = Modality(rawValue: modality) else { throw StoredValueError("signals", "modality", modality) }
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
        text == "[]" ? [] : try RowJSON.decode([T].self, text)
    }
}

extension SignalRow {
    /// The signal as evaluate and the review read it, with its item's title and link and the
    /// tier of its source (see `SignalRow.sourceTier`).
    package func record(sourceTier: Int, title: String, url: String) throws -> SignalRecord {
        SignalRecord(id: id ?? 0, itemID: itemID, storyID: storyID, feedID: feedID,
                     tier: SourceTier(rawValue: sourceTier) ?? .aggregator, published: published, title: title, url: url,
                     signal: try signal())
    }

    /// The SQL selecting signal rows (alias `s`) with `source_tier`, `item_title` and `item_link`:
    /// the tier copied at extraction, else (signals extracted before tiers were stored) the
    /// feed's, else an aggregator's. The same text on both stores.
    package static let withItem = withItem(extra: "")

    /// `withItem` with more columns selected (`extra` starts with a comma).
    package static func withItem(extra: String) -> String {
        """
        SELECT s.*, COALESCE(s.tier, f.tier, 3) AS source_tier, i.title AS item_title, i.link AS item_link\(extra)
        FROM signals s JOIN items i ON i.id = s.item_id LEFT JOIN feeds f ON f.id = s.feed_id
        """
    }
}
