import Core
import Foundation

/// One line of `chipwatch extract-text` (`Tests/Fixtures/extract-text.schema.json`): the
/// input's id echoed, what the item names, and its signals with the signal log's fields.
public struct ExtractedItemJSON: Encodable, Sendable {
    public var id: AnyJSON
    public var extraction: ItemExtraction
    /// Per signal, with `--features`: the confidence features it was scored on.
    public var features: [[String]]?

    public init(id: AnyJSON, extraction: ItemExtraction, features: [[String]]? = nil) {
        self.id = id
        self.extraction = extraction
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case id, vendors, products, signals
        case unknownProducts = "unknown_products"
    }

    struct SignalLine: Encodable {
        var signal: Signal
        var features: [String]?
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: WireKey.self)
            try SignalFields.encode(signal, into: &c)
            // ("features" sorts among the signal's keys: this one object is reordered.)
            try c.encodeIfPresent(features, forKey: "features")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // In the keys' byte order, so the writer need not sort them.
        try c.encode(id, forKey: .id)
        try c.encode(extraction.products, forKey: .products)
        try c.encode(extraction.signals.enumerated().map { SignalLine(signal: $1, features: features?[$0]) }, forKey: .signals)
        try c.encode(extraction.unknownProducts, forKey: .unknownProducts)
        try c.encode(extraction.vendors, forKey: .vendors)
    }
}

/// An `extract-text` input line it could not read: the id when there was one, and why.
public struct ExtractErrorJSON: Encodable, Sendable {
    public var id: AnyJSON
    public var error: String

    public init(id: AnyJSON, error: String) {
        self.id = id
        self.error = error
    }
}

/// Any JSON value, for what chipwatch echoes without interpreting (an input line's id).
public enum AnyJSON: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Strings first: most values read are, and each failed attempt throws.
        if c.decodeNil() { self = .null }
        else if let value = try? c.decode(String.self) { self = .string(value) }
        else if let value = try? c.decode(Bool.self) { self = .bool(value) }
        else if let value = try? c.decode(Int.self) { self = .integer(value) }
        else if let value = try? c.decode(Double.self) { self = .number(value) }
        else if let value = try? c.decode([AnyJSON].self) { self = .array(value) }
        else { self = .object(try c.decode([String: AnyJSON].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let value): try c.encode(value)
        case .integer(let value): try c.encode(value)
        case .number(let value): try c.encode(value)
        case .string(let value): try c.encode(value)
        case .array(let value): try c.encode(value)
        case .object(let value): try c.encode(value)
        }
    }

    /// The string, when this is one.
    public var string: String? { if case .string(let value) = self { value } else { nil } }
}
