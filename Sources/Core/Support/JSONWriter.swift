import Foundation

/// The one JSON writer every command, stage and store column uses: compact, object keys in
/// byte order, slashes unescaped, `Date` as ISO 8601 text (or as the `Date`'s own encoding with
/// `iso8601Dates: false`). It writes the same bytes as Foundation's `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` (checked over every public shape in the tests),
/// several times faster: no dictionaries, no type-erased boxes, one buffer.
public enum JSONWriter {
    public static func bytes<T: Encodable>(_ value: T, iso8601Dates: Bool = true) throws -> [UInt8] {
        // Straight into one buffer; an encoding that goes back to an earlier container is
        // written again through a tree of nodes.
        let stream = JSONStream(iso8601Dates: iso8601Dates)
        do {
            try stream.write(value, base: [], key: nil)
            stream.close(downTo: 0)
            if !stream.abandoned { return stream.out }
        } catch is JSONStream.Abandoned {}
        return try treeBytes(value, iso8601Dates: iso8601Dates)
    }

    /// The same bytes through a tree of nodes: any order of containers is accepted.
    static func treeBytes<T: Encodable>(_ value: T, iso8601Dates: Bool) throws -> [UInt8] {
        let root = try JSONNodeEncoder.node(for: value, path: [], iso8601Dates: iso8601Dates)
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(root, to: &out)
        return out
    }

    public static func string<T: Encodable>(_ value: T, iso8601Dates: Bool = true) throws -> String {
        String(decoding: try bytes(value, iso8601Dates: iso8601Dates), as: UTF8.self)
    }

    private static func write(_ node: JSONNode, to out: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            // Sorted by the keys' bytes, as sortedKeys does; a key written twice keeps its last value.
            let fields = box.fields.enumerated().sorted { a, b in
                a.element.key == b.element.key ? a.offset < b.offset
                    : a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
            }
            var first = true
            for (index, field) in fields.enumerated() {
                if index + 1 < fields.count, fields[index + 1].element.key == field.element.key { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendString(field.element.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(field.element.value.resolved, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let box):
            out.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item.resolved, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .deferred(let encoder):
            write(encoder.node ?? .object(JSONObjectBox()), to: &out)
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`... or `\u00XX`.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            // Runs of plain bytes are copied whole; only the bytes JSON escapes stop the scan.
            var start = 0, index = 0
            while index < bytes.count {
                let byte = base[index]
                index += 1
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C { continue }
                out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - 1 - start))
                start = index
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: bytes.count - start))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A value on its way out: text already written, or a container still being filled.
enum JSONNode {
    case text([UInt8])
    case object(JSONObjectBox)
    case array(JSONArrayBox)
    /// What a `superEncoder` will have encoded.
    case deferred(JSONNodeEncoder)

    var resolved: JSONNode {
        if case .deferred(let encoder) = self { return encoder.node ?? .object(JSONObjectBox()) }
        return self
    }
}

final class JSONObjectBox {
    var fields: [(key: String, value: JSONNode)] = []
}

final class JSONArrayBox {
    var items: [JSONNode] = []
}

/// The `Encoder` behind `JSONWriter`: each container appends to the node it was made for.
final class JSONNodeEncoder: Encoder {
    var node: JSONNode?
    let codingPath: [any CodingKey]
    let iso8601Dates: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(path: [any CodingKey], iso8601Dates: Bool) {
        codingPath = path
        self.iso8601Dates = iso8601Dates
    }

    nonisolated(unsafe) private static let dateFormatter = ISO8601DateFormatter()
    private static let dateLock = NSLock()

    /// The node for one value: scalars written at once, anything else encoded by its own code.
    static func node<T: Encodable>(for value: T, path: [any CodingKey], iso8601Dates: Bool) throws -> JSONNode {
        switch value {
        case let v as String: return text(v)
        case let v as Int: return .text(Array(String(v).utf8))
        case let v as Int64: return .text(Array(String(v).utf8))
        case let v as Double: return try number(v, path)
        case let v as Bool: return .text(Array((v ? "true" : "false").utf8))
        case let v as Date where iso8601Dates: return text(isoText(v))
        default:
            let encoder = JSONNodeEncoder(path: path, iso8601Dates: iso8601Dates)
            try value.encode(to: encoder)
            return encoder.node ?? .object(JSONObjectBox())
        }
    }

    static func isoText(_ date: Date) -> String { dateLock.withLock { dateFormatter.string(from: date) } }

    static func text(_ value: String) -> JSONNode {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        JSONWriter.appendString(value, to: &out)
        return .text(out)
    }

    /// As JSONEncoder writes numbers: Swift's shortest form, without a trailing ".0".
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, _ path: [any CodingKey]) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) is not a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .text(Array(text.utf8))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing) = node { box = existing } else {
            box = JSONObjectBox()
            node = .object(box)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(box: box, encoder: self, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing) = node { box = existing } else {
            box = JSONArrayBox()
            node = .array(box)
        }
        return JSONUnkeyedContainer(box: box, encoder: self, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueContainer(encoder: self) }
}

struct JSONIndexKey: CodingKey {
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    let encoder: JSONNodeEncoder
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.fields.append((key.stringValue, .text(Array("null".utf8)))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.fields.append((key.stringValue, try JSONNodeEncoder.node(for: value, path: codingPath + [key],
                                                                      iso8601Dates: encoder.iso8601Dates)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.fields.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, encoder: encoder, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.fields.append((key.stringValue, .array(nested)))
        return JSONUnkeyedContainer(box: nested, encoder: encoder, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(key: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key: key.stringValue) }

    private func superEncoder(key: String) -> any Encoder {
        let child = JSONNodeEncoder(path: codingPath, iso8601Dates: encoder.iso8601Dates)
        box.fields.append((key, .deferred(child)))
        return child
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONArrayBox
    let encoder: JSONNodeEncoder
    let codingPath: [any CodingKey]
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.text(Array("null".utf8))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try JSONNodeEncoder.node(for: value, path: codingPath + [JSONIndexKey(count)], iso8601Dates: encoder.iso8601Dates))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, encoder: encoder, codingPath: codingPath + [JSONIndexKey(count - 1)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.items.append(.array(nested))
        return JSONUnkeyedContainer(box: nested, encoder: encoder, codingPath: codingPath + [JSONIndexKey(count - 1)])
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONNodeEncoder(path: codingPath, iso8601Dates: encoder.iso8601Dates)
        box.items.append(.deferred(child))
        return child
    }
}

private struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .text(Array("null".utf8)) }
    mutating func encode(_ value: Float) throws { encoder.node = try JSONNodeEncoder.number(value, codingPath) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: Int32) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: Int8) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: Int16) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .text(Array(String(value).utf8)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node = try JSONNodeEncoder.node(for: value, path: codingPath, iso8601Dates: encoder.iso8601Dates)
    }
}
