import Foundation

/// What a signal says happened (see DESIGN.md, "Signals").
public enum EventKind: String, Sendable, Codable, CaseIterable, Comparable {
    case ship, slip, announce, cancel, restrict, relax

    /// Export-control events need no product; chip events do.
    public var isTrade: Bool { self == .restrict || self == .relax }

    /// Which kind wins when one sentence says several things about one product:
    /// "delayed the launch" is a slip, "announced the general availability" a ship.
    public var strength: Int {
        switch self {
        case .cancel: 4
        case .slip: 3
        case .ship: 2
        case .announce: 1
        case .restrict, .relax: 0
        }
    }

    public static func < (a: EventKind, b: EventKind) -> Bool { a.rawValue < b.rawValue }
}

/// How the text asserts the event.
public enum Modality: String, Sendable, Codable, CaseIterable {
    case confirmed, reported, rumour, planned, denied, recap

    /// Denials, negations and recaps of old events never move anything.
    public var isEvent: Bool { self != .denied && self != .recap }
}

/// A number with its unit: compute (`PFLOPS` with a precision), memory (`GB`), bandwidth
/// (`TB/s`) or a process node (`nm`).
public struct Quantity: Sendable, Equatable, Codable {
    public var value: Double
    public var unit: String
    /// FP8, FP4, BF16, ... for compute; nil otherwise.
    public var precision: String?
    /// compute | memory | bandwidth | process
    public var kind: String

    public init(value: Double, unit: String, precision: String? = nil, kind: String) {
        self.value = value
        self.unit = unit
        self.precision = precision
        self.kind = kind
    }
}

/// Where a claim was read: a sentence of the item's title or text, with offsets in
/// Unicode code points into that field (the indices Python and JavaScript strings use
/// for text without astral characters; Python's exactly).
public struct Evidence: Sendable, Equatable, Codable {
    public var text: String
    public var field: String
    public var start: Int
    public var end: Int

    public init(text: String, field: String, start: Int, end: Int) {
        self.text = text
        self.field = field
        self.start = start
        self.end = end
    }
}

/// One claim found in one item.
public struct Signal: Sendable, Equatable, Codable {
    public var vendors: [String]
    /// The canonical product, or nil for a vendor- or policy-level signal.
    public var product: String?
    public var event: EventKind
    public var modality: Modality
    /// The date window the text states (`2026-Q1`, `2026-H2`, `2027`, `2026-03-20`), resolved
    /// against the item's date; nil when it states none.
    public var window: String?
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

    public init(vendors: [String], product: String?, event: EventKind, modality: Modality, window: String?,
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

/// Everything the extractor read in one item.
public struct ItemExtraction: Sendable, Equatable, Codable {
    /// Every vendor and product mentioned, with or without an event, in order of first mention.
    public var vendors: [String]
    public var products: [String]
    public var signals: [Signal]
    /// Models named with a known vendor that the dictionary does not know ("Rapidus 2nm").
    public var unknownProducts: [String]

    public init(vendors: [String], products: [String], signals: [Signal], unknownProducts: [String] = []) {
        self.vendors = vendors
        self.products = products
        self.signals = signals
        self.unknownProducts = unknownProducts
    }
}

/// Stamped on every signal, so `extract --all` after a change can be told apart.
public enum ExtractorVersion {
    public static let current = "extract-2"
}
