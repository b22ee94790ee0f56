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

    /// Containers used in every order the Encoder protocol allows: a key written twice with no
    /// super encoder, a nested container left open while the parent goes on, an earlier
    /// container written to after a later one was opened, small integer types.
    struct Orders: Encodable {
        enum K: String, CodingKey { case z, a, m, nested, list, again }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(1, forKey: .z)
            var nested = c.nestedContainer(keyedBy: K.self, forKey: .nested)
            try nested.encode("n", forKey: .m)
            try c.encode(["b": [3, 2], "a": [1]], forKey: .a)
            try c.encode(2, forKey: .z)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(Int8(-3))
            try list.encode(UInt16(7))
            var again = c.nestedContainer(keyedBy: K.self, forKey: .again)
            // Back to a container closed by the ones opened after it.
            try nested.encode("late", forKey: .a)
            try again.encode(true, forKey: .z)
            try list.encode(false)
        }
    }

    struct InOrder: Encodable {
        var a = [["y": 1, "x": 2]], b = "t", c: [Int] = [], d = [String: Int](), e = 0.5
    }

    @Test("containers in any order, keys in any order, written as JSONEncoder writes them")
    func containerOrders() throws {
        #expect(try JSONWriter.string(Orders()) == Self.foundation(Orders()))
        #expect(try JSONWriter.string(InOrder()) == Self.foundation(InOrder()))
        #expect(try JSONWriter.string([InOrder(), InOrder()]) == Self.foundation([InOrder(), InOrder()]))
    }

    /// Random nested dictionaries and arrays (seeded): objects reordered inside reordered objects.
    @Test("nested dictionaries and arrays of every shape (seeded)")
    func randomTrees() throws {
        indirect enum Tree: Encodable {
            case leaf(Int), text(String), list([Tree]), map([String: Tree])
            func encode(to encoder: Encoder) throws {
                switch self {
                case .leaf(let v): try v.encode(to: encoder)
                case .text(let v): try v.encode(to: encoder)
                case .list(let v): try v.encode(to: encoder)
                case .map(let v): try v.encode(to: encoder)
                }
            }
        }
        var generator = SeededGenerator(seed: 7)
        func tree(_ depth: Int) -> Tree {
            switch depth == 0 ? Int.random(in: 0...1, using: &generator) : Int.random(in: 0...3, using: &generator) {
            case 0: return .leaf(Int.random(in: -5...500, using: &generator))
            case 1: return .text(["a", "b/c", "\"", ""].randomElement(using: &generator) ?? "")
            case 2: return .list((0..<Int.random(in: 0...4, using: &generator)).map { _ in tree(depth - 1) })
            default:
                let keys = ["k", "a", "Z", "é", "k2", "b"].shuffled(using: &generator).prefix(Int.random(in: 0...5, using: &generator))
                return .map(Dictionary(uniqueKeysWithValues: keys.map { ($0, tree(depth - 1)) }))
            }
        }
        for _ in 0..<300 {
            let value = tree(4)
            #expect(try JSONWriter.string(value) == Self.foundation(value))
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
