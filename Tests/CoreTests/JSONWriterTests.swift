import Core
import Foundation
import TestSupport
import Testing

/// The JSON writer must write exactly what Foundation's JSONEncoder writes with sorted keys and
/// unescaped slashes (the public shapes and the stored columns were written that way).
@Suite("JSON writer")
struct JSONWriterTests {
    static func foundation<T: Encodable>(_ value: T, iso8601Dates: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if iso8601Dates { encoder.dateEncodingStrategy = .iso8601 }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Scalars: Encodable {
        var doubles: [Double] = [1.0, 0.83, 1e-7, 123456789.125, 1e21, -0.0, 0.1 + 0.2, 100, 2.5e-5, 1e16, 12345678901234567168]
        var float: Float = 0.1
        var ints: [Int] = [0, -5, Int.max, Int.min]
        var int64: Int64 = -42
        var uint64: UInt64 = .max
        var int32: Int32 = -7
        var bool = true
        var none: String?
        var date = Date(timeIntervalSince1970: 1_780_000_000.75)
        var text = "a\"b\\c/d\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}é😀\u{2028} 中文"
    }

    struct Keys: Encodable {
        var b = 1, a = 2, B = 3, _z = 4, Z = 5, ä = 6, a1 = 7, a_ = 8
    }

    /// Hand-written containers: nulls, nested containers, a super encoder, keys written twice.
    struct Containers: Encodable {
        enum K: String, CodingKey { case present, absent, null, nested, list, parent, twice }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode("x", forKey: .present)
            try c.encodeIfPresent(nil as Int?, forKey: .absent)
            try c.encodeNil(forKey: .null)
            var nested = c.nestedContainer(keyedBy: K.self, forKey: .nested)
            try nested.encode([String: Int]() , forKey: .list)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            try list.encodeNil()
            try list.encode(["k": [1.5, 2]])
            var inner = list.nestedContainer(keyedBy: K.self)
            try inner.encode(false, forKey: .present)
            try Scalars().encode(to: c.superEncoder(forKey: .parent))
            try c.encode(1, forKey: .twice)
            try c.encode(2, forKey: .twice)
        }
    }

    @Test("writes what JSONEncoder writes", arguments: ["scalars", "keys", "containers", "dictionary", "empty", "top-level", "dates as numbers"])
    func sameBytes(_ name: String) throws {
        struct Empty: Encodable {}
        switch name {
        case "scalars": #expect(try JSONWriter.string(Scalars()) == Self.foundation(Scalars()))
        case "keys":
            #expect(try JSONWriter.string(Keys()) == Self.foundation(Keys()))
            #expect(try JSONWriter.string(Keys()) == #"{"B":3,"Z":5,"_z":4,"a":2,"a1":7,"a_":8,"b":1,"ä":6}"#)
        case "containers": #expect(try JSONWriter.string(Containers()) == Self.foundation(Containers()))
        case "dictionary":
            let value = ["zeta": ["b": 1, "a": 2], "alpha": [:], "Émile": ["x": 0]]
            #expect(try JSONWriter.string(value) == Self.foundation(value))
        case "empty": #expect(try JSONWriter.string(Empty()) == Self.foundation(Empty()))
        case "top-level":
            #expect(try JSONWriter.string("a/b") == Self.foundation("a/b"))
            #expect(try JSONWriter.string([3.0, 4.5]) == Self.foundation([3.0, 4.5]))
        default:
            let date = Date(timeIntervalSince1970: 1_780_000_000.5)
            #expect(try JSONWriter.string([date], iso8601Dates: false) == Self.foundation([date], iso8601Dates: false))
        }
    }

    @Test("strings of every kind are written as JSONEncoder writes them (seeded)")
    func randomStrings() throws {
        var generator = SeededGenerator(seed: 16)
        let pool: [Unicode.Scalar] = (0...0x7f).compactMap(Unicode.Scalar.init) + ["é", "中", "😀", "\u{2028}", "\u{feff}"]
        for _ in 0..<500 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pool.randomElement(using: &generator) ?? "a"
            }))
            let value = [text: text]
            #expect(try JSONWriter.string(value) == Self.foundation(value), "\(text.debugDescription)")
        }
    }

    @Test("a number JSON cannot hold is refused")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try JSONWriter.bytes([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONWriter.bytes([Double.infinity]) }
    }
}
