import Foundation
import Core

/// The one way chipwatch writes a public JSON shape: compact, keys sorted (stable bytes),
/// slashes unescaped, and `null` (never a missing key) where a value is absent; written by
/// Core's `JSONWriter`. Each shape has
/// a JSON Schema and a golden example in `Tests/Fixtures/`.
public enum WireJSON {
    /// One JSON object and a newline.
    public static func line<T: Encodable>(_ value: T) -> String {
        String(decoding: bytes(value), as: UTF8.self) + "\n"
    }

    /// One JSON object, no newline. The shapes hold only strings, integers, finite numbers,
    /// booleans and nulls, which always encode; `{}` stands for an encoder failure.
    public static func bytes<T: Encodable>(_ value: T) -> [UInt8] {
        // Dates as their own encoding (the shapes carry dates as text already), as before.
        (try? JSONWriter.bytes(value, iso8601Dates: false)) ?? Array("{}".utf8)
    }
}

/// Encodes an optional as `null` when absent (synthesized Codable would leave the key out).
extension KeyedEncodingContainer {
    mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// A key spelled where it is written: for shapes whose fields are shared between structs.
struct WireKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}
