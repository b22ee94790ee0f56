import Foundation

/// One claim found in one item.
public struct Signal: Sendable, Equatable, Codable {
    public var vendors: [String]
    /// The canonical product, or nil for a vendor- or policy-level signal.
    public var product: String?
    public var event: EventKind
    public var modality: Modality
    /// The date window the text states (`2026-Q1`, `2026-H2`, `2027`, `2026-03-20`), resolved
    /// against the item's date; nil when it states none. Written as its text in JSON.
    public var window: DateWindow?
    /// The words the window was read from ("next year", "mid-2026").
    public var windowText: String?
    public var quantities: [Quantity]
    public var evidence: Evidence
    public var confidence: Double
    /// For export-control signals: what moved (rules and lists, e.g. "Entity List"), who
    /// moved it (regulators), and every product the sentence names.
    public var lists: [String]
    public var regulators: [String]
    public var products: [String]
    /// False when `product` is a model named with its vendor that the dictionary does not
    /// know yet ("Kunlunxin P800"); `chipwatch dictionary suggest` lists such names.
    public var known: Bool
    public var extractorVersion: String

    public init(vendors: [String], product: String?, event: EventKind, modality: Modality, window: DateWindow?,
                windowText: String?, quantities: [Quantity], evidence: Evidence, confidence: Double,
                lists: [String] = [], regulators: [String] = [], products: [String] = [], known: Bool = true,
                extractorVersion: String = ExtractorVersion.current) {
        self.vendors = vendors
        self.product = product
        self.event = event
        self.modality = modality
        self.window = window
        self.windowText = windowText
        self.quantities = quantities
        self.evidence = evidence
        self.confidence = confidence
        self.lists = lists
        self.regulators = regulators
        self.products = products
        self.known = known
        self.extractorVersion = extractorVersion
    }
}
