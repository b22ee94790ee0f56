import Foundation

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
