import Foundation

/// The one way chipwatch writes a public JSON shape: compact, keys sorted (stable bytes),
/// slashes unescaped, and `null` (never a missing key) where a value is absent. Each shape has
/// a JSON Schema and a golden example in `Tests/Fixtures/`.
public enum WireJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One JSON object and a newline.
    public static func line<T: Encodable>(_ value: T) -> String {
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Encodes an optional as `null` when absent (synthesized Codable would leave the key out).
extension KeyedEncodingContainer {
    mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
