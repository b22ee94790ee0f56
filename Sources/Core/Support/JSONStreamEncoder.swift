import Foundation

/// `JSONWriter`'s fast path: values are written straight into one buffer as they are encoded,
/// with no tree of nodes. An object whose keys arrive in byte order (the shapes written by
/// their own `encode(to:)` in that order) is written as it comes; any other object (a
/// dictionary, keys in declaration order) has its fields reordered in place when it closes.
/// Encoding that goes back to a container after a later one was opened, or asks for a super
/// encoder, marks the stream `abandoned`, and `JSONWriter` encodes the value again with the
/// node encoder, which accepts any order.
final class JSONStream {
    struct Frame {
        var id: Int
        var isObject: Bool
        var count = 0
        /// Where the container's first field starts (after its `{` or `[`).
        var contentStart: Int
        /// Where the object's fields begin in `fields`.
        var firstField: Int
        var inOrder = true
    }

    var out: [UInt8] = []
    let iso8601Dates: Bool
    /// Open containers, innermost last.
    var frames: [Frame] = []
    /// The fields of the open objects, each its key and where it starts (its key's quote), kept
    /// to reorder them: one stack for all, so an object costs no array of its own.
    var fields: [(key: String, start: Int)] = []
    var abandoned = false
    private var nextID = 0

    init(iso8601Dates: Bool) {
        self.iso8601Dates = iso8601Dates
        out.reserveCapacity(512)
    }

    struct Abandoned: Error {}

    /// Opens a container and returns its frame's index and identity.
    func open(object: Bool) -> (index: Int, id: Int) {
        nextID += 1
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(id: nextID, isObject: object, contentStart: out.count, firstField: fields.count))
        return (frames.count - 1, nextID)
    }

    /// Makes the container `id` at `index` the innermost open one, closing those opened after
    /// it; false when it was closed already (the encoding went back to it).
    func focus(_ index: Int, _ id: Int) -> Bool {
        guard index < frames.count, frames[index].id == id else { abandoned = true; return false }
        close(downTo: index + 1)
        return true
    }

    /// Closes every container above `depth`.
    func close(downTo depth: Int) {
        while frames.count > depth { closeInnermost() }
    }

    private func closeInnermost() {
        let frame = frames.removeLast()
        if frame.isObject && !frame.inOrder { reorder(frame) }
        fields.removeSubrange(frame.firstField...)
        out.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Fields sorted by their keys' bytes, as `sortedKeys` writes them; a key written twice
    /// keeps its last value.
    private func reorder(_ frame: Frame) {
        let end = out.count
        let own = fields[frame.firstField...]
        var ranges: [(key: String, range: Range<Int>, order: Int)] = []
        for (i, field) in zip(own.indices, own) {
            let fieldEnd = i + 1 < own.endIndex ? own[i + 1].start - 1 : end
            ranges.append((field.key, field.start..<fieldEnd, i))
        }
        ranges.sort { a, b in a.key == b.key ? a.order < b.order : a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
        var rebuilt: [UInt8] = []
        rebuilt.reserveCapacity(end - frame.contentStart)
        for (i, field) in ranges.enumerated() {
            if i + 1 < ranges.count, ranges[i + 1].key == field.key { continue }
            if !rebuilt.isEmpty { rebuilt.append(UInt8(ascii: ",")) }
            rebuilt.append(contentsOf: out[field.range])
        }
        out.replaceSubrange(frame.contentStart..<end, with: rebuilt)
    }

    /// Starts a field of the object at `index`: the comma, the key and the colon.
    func beginField(_ index: Int, key: String) {
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        if frames[index].count > 0, frames[index].inOrder, let last = fields.last?.key, !last.utf8.lexicographicallyPrecedes(key.utf8) {
            frames[index].inOrder = false
        }
        frames[index].count += 1
        fields.append((key, out.count))
        JSONWriter.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    /// Starts an element of the array at `index`: the comma.
    func beginElement(_ index: Int) {
        if frames[index].count > 0 { out.append(UInt8(ascii: ",")) }
        frames[index].count += 1
    }

    /// Writes one value at the current position: scalars and lists of strings at once, anything
    /// else by its own code. The value's coding path is `base` and `key`, put together only when
    /// asked for (an error, a type that reads it).
    func write<T: Encodable>(_ value: T, base: [any CodingKey], key: (any CodingKey)?) throws {
        // Compared by type, not cast: the containers call this unspecialised, and a dynamic cast
        // per value costs more than writing it.
        if T.self == String.self { JSONWriter.appendString(unsafeBitCast(value, to: String.self), to: &out); return }
        if T.self == Int.self { appendDecimal(unsafeBitCast(value, to: Int.self)); return }
        if T.self == Bool.self { out.append(contentsOf: unsafeBitCast(value, to: Bool.self) ? Array("true".utf8) : Array("false".utf8)); return }
        if T.self == Double.self { try appendNumber(unsafeBitCast(value, to: Double.self), base + (key.map { [$0] } ?? [])); return }
        if T.self == [String].self {
            out.append(UInt8(ascii: "["))
            for (i, text) in unsafeBitCast(value, to: [String].self).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(text, to: &out)
            }
            out.append(UInt8(ascii: "]"))
            return
        }
        switch value {
        case let v as Int64: appendDecimal(Int(v))
        case let v as Date where iso8601Dates: JSONWriter.appendString(JSONNodeEncoder.isoText(v), to: &out)
        default:
            let depth = frames.count
            let start = out.count
            let encoder = JSONStreamEncoder(stream: self, base: base, key: key)
            try value.encode(to: encoder)
            if abandoned { throw Abandoned() }
            close(downTo: depth)
            // A value that encodes nothing is an empty object, as JSONEncoder writes it.
            if out.count == start { out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }
        }
    }

    func appendDecimal(_ value: Int) {
        if value >= 0 && value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        out.append(contentsOf: String(value).utf8)
    }

    func appendNumber<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, _ path: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "\(value) is not a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }
}

final class JSONStreamEncoder: Encoder {
    let stream: JSONStream
    private let base: [any CodingKey]
    private let key: (any CodingKey)?
    var codingPath: [any CodingKey] { key.map { base + [$0] } ?? base }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The frames open when this encoder began: what it writes goes above them.
    private let depth: Int
    /// The container this encoder opened, if any.
    private var opened: (index: Int, id: Int, isObject: Bool)?
    private var wroteValue = false

    init(stream: JSONStream, base: [any CodingKey], key: (any CodingKey)?) {
        self.stream = stream
        self.base = base
        self.key = key
        depth = stream.frames.count
    }

    private func openContainer(object: Bool) -> (index: Int, id: Int) {
        if let opened, opened.isObject == object, stream.focus(opened.index, opened.id) { return (opened.index, opened.id) }
        if opened != nil || wroteValue { stream.abandoned = true }
        stream.close(downTo: depth)
        let frame = stream.open(object: object)
        opened = (frame.index, frame.id, object)
        return frame
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let frame = openContainer(object: true)
        return KeyedEncodingContainer(StreamKeyedContainer<Key>(stream: stream, index: frame.index, id: frame.id, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let frame = openContainer(object: false)
        return StreamUnkeyedContainer(stream: stream, index: frame.index, id: frame.id, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { StreamSingleValue(encoder: self) }

    /// Readies the position for this encoder's single value.
    fileprivate func beginValue() throws {
        if wroteValue || opened != nil { throw JSONStream.Abandoned() }
        wroteValue = true
        stream.close(downTo: depth)
    }
}

private struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let stream: JSONStream
    let index: Int
    let id: Int
    let codingPath: [any CodingKey]

    private func begin(_ key: String) throws {
        guard stream.focus(index, id) else { throw JSONStream.Abandoned() }
        stream.beginField(index, key: key)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try begin(key.stringValue)
        stream.out.append(contentsOf: Array("null".utf8))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key.stringValue)
        try stream.write(value, base: codingPath, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        if (try? begin(key.stringValue)) == nil { stream.abandoned = true }
        let frame = stream.open(object: true)
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(stream: stream, index: frame.index, id: frame.id,
                                                                      codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        if (try? begin(key.stringValue)) == nil { stream.abandoned = true }
        let frame = stream.open(object: false)
        return StreamUnkeyedContainer(stream: stream, index: frame.index, id: frame.id, codingPath: codingPath + [key])
    }

    // A super encoder's value would be written after later fields: the node encoder takes it.
    mutating func superEncoder() -> any Encoder { abandon() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { abandon() }

    private func abandon() -> any Encoder {
        stream.abandoned = true
        return JSONNodeEncoder(path: codingPath, iso8601Dates: stream.iso8601Dates)
    }
}

private struct StreamUnkeyedContainer: UnkeyedEncodingContainer {
    let stream: JSONStream
    let index: Int
    let id: Int
    let codingPath: [any CodingKey]
    private(set) var count = 0

    init(stream: JSONStream, index: Int, id: Int, codingPath: [any CodingKey]) {
        self.stream = stream
        self.index = index
        self.id = id
        self.codingPath = codingPath
    }

    private mutating func begin() throws {
        guard stream.focus(index, id) else { throw JSONStream.Abandoned() }
        stream.beginElement(index)
        count += 1
    }

    mutating func encodeNil() throws {
        try begin()
        stream.out.append(contentsOf: Array("null".utf8))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try stream.write(value, base: codingPath, key: JSONIndexKey(count - 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        if (try? begin()) == nil { stream.abandoned = true }
        let frame = stream.open(object: true)
        return KeyedEncodingContainer(StreamKeyedContainer<NestedKey>(stream: stream, index: frame.index, id: frame.id,
                                                                      codingPath: codingPath + [JSONIndexKey(count - 1)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        if (try? begin()) == nil { stream.abandoned = true }
        let frame = stream.open(object: false)
        return StreamUnkeyedContainer(stream: stream, index: frame.index, id: frame.id, codingPath: codingPath + [JSONIndexKey(count - 1)])
    }

    mutating func superEncoder() -> any Encoder {
        stream.abandoned = true
        return JSONNodeEncoder(path: codingPath, iso8601Dates: stream.iso8601Dates)
    }
}

private struct StreamSingleValue: SingleValueEncodingContainer {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var stream: JSONStream { encoder.stream }

    mutating func encodeNil() throws {
        try encoder.beginValue()
        stream.out.append(contentsOf: Array("null".utf8))
    }
    mutating func encode(_ value: Float) throws {
        try encoder.beginValue()
        try stream.appendNumber(value, codingPath)
    }
    mutating func encode(_ value: UInt64) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: UInt) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: Int32) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: UInt32) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: Int8) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: Int16) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: UInt8) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode(_ value: UInt16) throws { try encoder.beginValue(); stream.out.append(contentsOf: String(value).utf8) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.beginValue()
        try stream.write(value, base: codingPath, key: nil)
    }
}
