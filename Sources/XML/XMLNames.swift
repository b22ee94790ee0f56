internal import CLibXML2
import Foundation

/// An element name as documents use it, made once per distinct name in a `SAXSession` and
/// numbered from 0, so a handler can keep what it derives from a name in an array indexed
/// by `id` instead of comparing strings on every element.
public final class XMLName: Sendable {
    public let id: Int
    public let localName: String
    public let prefix: String?
    public let namespace: String?

    init(id: Int, localName: String, prefix: String?, namespace: String?) {
        self.id = id
        self.localName = localName
        self.prefix = prefix
        self.namespace = namespace
    }
}

/// The names of one session. libxml2 interns element names and namespace URIs in the
/// parser's dictionary, so one name arrives as the same pointers every time: names are
/// found by those pointers (a multiplicative hash, no string hashing). Pointers the
/// dictionary does not own are never cached; such names are found by their text. Used by
/// one parse at a time, on every SAX event: no runtime exclusivity checks.
final class XMLNameTable {
    private struct Key: Hashable {
        var localName: String
        var prefix: String?
        var namespace: String?
    }

    @exclusivity(unchecked) private var slots: [(local: UInt, prefix: UInt, uri: UInt, index: Int)]
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private(set) var names: [XMLName] = []
    @exclusivity(unchecked) private var unmanaged: [Unmanaged<XMLName>] = []
    @exclusivity(unchecked) private var byText: [Key: XMLName] = [:]
    /// The parser's dictionary; nil until the parser exists, and then nothing is cached.
    @exclusivity(unchecked) private var dictionary: OpaquePointer?

    init() {
        slots = Array(repeating: (0, 0, 0, -1), count: 64)
    }

    var count: Int { names.count }

    /// A new parser dictionary: pointers into the old one mean nothing any more. Names and
    /// their ids stay (they are found by text again).
    func reset(dictionary: OpaquePointer?) {
        self.dictionary = dictionary
        slots = Array(repeating: (0, 0, 0, -1), count: 64)
        used = 0
    }

    @inline(__always)
    private func slot(_ local: UInt, _ prefix: UInt, _ uri: UInt) -> Int {
        let mixed = UInt64(local) &+ UInt64(prefix) &* 31 &+ UInt64(uri) &* 1_000_003
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 40) & (slots.count - 1)
    }

    /// The name for libxml2's pointers, unretained: `names` keeps every name alive for the
    /// whole parse, and a retain and release per SAX event showed in the parse benchmark.
    @inline(__always)
    func name(_ local: UnsafePointer<UInt8>, _ prefix: UnsafePointer<UInt8>?,
              _ uri: UnsafePointer<UInt8>?) -> Unmanaged<XMLName> {
        let l = UInt(bitPattern: local), p = UInt(bitPattern: prefix), u = UInt(bitPattern: uri)
        var k = slot(l, p, u)
        while slots[k].index >= 0 {
            if slots[k].local == l && slots[k].prefix == p && slots[k].uri == u { return unmanaged[slots[k].index] }
            k = (k + 1) & (slots.count - 1)
        }
        let name = byText(local, prefix, uri)
        // Pointers from another context's dictionary are not owned, so never cached: they
        // die with that context (and, both being live, never equal a cached one).
        if owned(local) && (prefix == nil || owned(prefix!)) && (uri == nil || owned(uri!)) {
            slots[k] = (l, p, u, name.id)
            used += 1
            if used * 2 > slots.count { grow() }
        }
        return unmanaged[name.id]
    }

    private func owned(_ text: UnsafePointer<UInt8>) -> Bool {
        guard let dictionary else { return false }
        return xmlDictOwns(dictionary, text) == 1
    }

    private func byText(_ local: UnsafePointer<UInt8>, _ prefix: UnsafePointer<UInt8>?,
                                 _ uri: UnsafePointer<UInt8>?) -> XMLName {
        let key = Key(localName: String(cString: local), prefix: prefix.map { String(cString: $0) },
                      namespace: uri.map { String(cString: $0) })
        if let known = byText[key] { return known }
        let name = XMLName(id: names.count, localName: key.localName, prefix: key.prefix, namespace: key.namespace)
        names.append(name)
        unmanaged.append(Unmanaged.passUnretained(name))
        byText[key] = name
        return name
    }

    private func grow() {
        let old = slots.filter { $0.index >= 0 }
        slots = Array(repeating: (0, 0, 0, -1), count: slots.count * 2)
        for entry in old {
            var k = slot(entry.local, entry.prefix, entry.uri)
            while slots[k].index >= 0 { k = (k + 1) & (slots.count - 1) }
            slots[k] = entry
        }
    }
}

/// The attributes of the element being started, read in place from libxml2's arrays: only
/// what a handler asks for becomes a String. Valid only during `startElement`.
public struct XMLAttributes {
    /// Five pointers per attribute: local name, prefix, namespace URI, value start, value end.
    private let base: UnsafePointer<UnsafePointer<UInt8>?>?
    public let count: Int

    init(_ base: UnsafePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.base = base
        self.count = base == nil ? 0 : max(0, count)
    }

    public var isEmpty: Bool { count == 0 }

    /// The value of the first attribute called `localName` (in any namespace, or with the
    /// given prefix), compared exactly or ignoring ASCII case.
    public func value(_ localName: StaticString, prefix: StaticString? = nil, ignoringCase: Bool = false) -> String? {
        for i in 0..<count where Self.equal(base![5 * i], localName, ignoringCase: ignoringCase) {
            if let prefix, !Self.equal(base![5 * i + 1], prefix, ignoringCase: false) { continue }
            return value(at: i)
        }
        return nil
    }

    /// The value of the attribute `localName` in the namespace `namespace`.
    public func value(_ localName: StaticString, namespace: String) -> String? {
        for i in 0..<count where Self.equal(base![5 * i], localName, ignoringCase: false) {
            if let uri = base![5 * i + 2], String(cString: uri) == namespace { return value(at: i) }
        }
        return nil
    }

    /// Every attribute as values.
    public var all: [XMLAttribute] {
        (0..<count).compactMap { i in
            guard let name = base![5 * i] else { return nil }
            return XMLAttribute(localName: String(cString: name), prefix: base![5 * i + 1].map { String(cString: $0) },
                                namespace: base![5 * i + 2].map { String(cString: $0) }, value: value(at: i))
        }
    }

    private func value(at i: Int) -> String {
        guard let start = base![5 * i + 3], let end = base![5 * i + 4], end > start else { return "" }
        let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        // Without entity substitution libxml2 leaves `&#38;` (and other references) in
        // attribute values so a tree could re-serialise them: decode them here.
        guard memchr(start, 0x26, end - start) != nil else { return value }
        return CharacterReferences.decode(value)
    }

    private static func equal(_ text: UnsafePointer<UInt8>?, _ name: StaticString, ignoringCase: Bool) -> Bool {
        guard let text else { return false }
        let expected = name.utf8Start
        for k in 0..<name.utf8CodeUnitCount {
            let b = text[k]
            guard b != 0, (ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == expected[k] else { return false }
        }
        return text[name.utf8CodeUnitCount] == 0
    }
}
