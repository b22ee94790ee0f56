import Foundation

/// One claim found in one item.
public struct Signal: Sendable, Equatable, Codable {
    /// The claim's fields, as stored. A signal is handed from reader to reconciler to scorer and
    /// copied at each step; one shared box makes a copy one reference instead of eleven (arrays
    /// and strings each counted), and a change copies the box only while it is shared.
    @usableFromInline struct Fields: Sendable, Equatable, Codable {
        @usableFromInline var vendors: [String]
        @usableFromInline var product: String?
        @usableFromInline var event: EventKind
        @usableFromInline var modality: Modality
        @usableFromInline var window: DateWindow?
        @usableFromInline var windowText: String?
        @usableFromInline var quantities: [Quantity]
        @usableFromInline var evidence: Evidence
        @usableFromInline var confidence: Double
        @usableFromInline var lists: [String]
        @usableFromInline var regulators: [String]
        @usableFromInline var products: [String]
        @usableFromInline var known: Bool
        @usableFromInline var extractorVersion: String
    }

    /// Mutated only while uniquely referenced (`isKnownUniquelyReferenced`), so never changed
    /// while another copy can read it.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var storage: Storage

    @inlinable mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    @inlinable public var vendors: [String] {
        get { storage.fields.vendors }
        _modify { unique(); yield &storage.fields.vendors }
    }
    /// The canonical product, or nil for a vendor- or policy-level signal.
    @inlinable public var product: String? {
        get { storage.fields.product }
        _modify { unique(); yield &storage.fields.product }
    }
    @inlinable public var event: EventKind {
        get { storage.fields.event }
        _modify { unique(); yield &storage.fields.event }
    }
    @inlinable public var modality: Modality {
        get { storage.fields.modality }
        _modify { unique(); yield &storage.fields.modality }
    }
    /// The date window the text states (`2026-Q1`, `2026-H2`, `2027`, `2026-03-20`), resolved
    /// against the item's date; nil when it states none. Written as its text in JSON.
    @inlinable public var window: DateWindow? {
        get { storage.fields.window }
        _modify { unique(); yield &storage.fields.window }
    }
    /// The words the window was read from ("next year", "mid-2026").
    @inlinable public var windowText: String? {
        get { storage.fields.windowText }
        _modify { unique(); yield &storage.fields.windowText }
    }
    @inlinable public var quantities: [Quantity] {
        get { storage.fields.quantities }
        _modify { unique(); yield &storage.fields.quantities }
    }
    @inlinable public var evidence: Evidence {
        get { storage.fields.evidence }
        _modify { unique(); yield &storage.fields.evidence }
    }
    @inlinable public var confidence: Double {
        get { storage.fields.confidence }
        _modify { unique(); yield &storage.fields.confidence }
    }
    /// For export-control signals: what moved (rules and lists, e.g. "Entity List"), who
    /// moved it (regulators), and every product the sentence names.
    @inlinable public var lists: [String] {
        get { storage.fields.lists }
        _modify { unique(); yield &storage.fields.lists }
    }
    @inlinable public var regulators: [String] {
        get { storage.fields.regulators }
        _modify { unique(); yield &storage.fields.regulators }
    }
    @inlinable public var products: [String] {
        get { storage.fields.products }
        _modify { unique(); yield &storage.fields.products }
    }
    /// False when `product` is a model named with its vendor that the dictionary does not
    /// know yet ("Kunlunxin P800"); `chipwatch dictionary suggest` lists such names.
    @inlinable public var known: Bool {
        get { storage.fields.known }
        _modify { unique(); yield &storage.fields.known }
    }
    @inlinable public var extractorVersion: String {
        get { storage.fields.extractorVersion }
        _modify { unique(); yield &storage.fields.extractorVersion }
    }

    public init(vendors: [String], product: String?, event: EventKind, modality: Modality, window: DateWindow?,
                windowText: String?, quantities: [Quantity], evidence: Evidence, confidence: Double,
                lists: [String] = [], regulators: [String] = [], products: [String] = [], known: Bool = true,
                extractorVersion: String = ExtractorVersion.current) {
        storage = Storage(Fields(vendors: vendors, product: product, event: event, modality: modality, window: window,
                                 windowText: windowText, quantities: quantities, evidence: evidence, confidence: confidence,
                                 lists: lists, regulators: regulators, products: products, known: known,
                                 extractorVersion: extractorVersion))
    }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }

    public static func == (lhs: Signal, rhs: Signal) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }
}
