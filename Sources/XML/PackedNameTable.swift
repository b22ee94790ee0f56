/// A small fixed table from short ASCII names to values, for the per-tag and per-entity
/// lookups of `HTMLText`, which run for every tag of every item. A name's first eight bytes
/// packed into a `UInt64` are the key; longer names are told apart by their full bytes.
/// Open addressing with a multiplicative hash: no hashing of strings, no allocation.
struct PackedNameTable<Value>: Sendable where Value: Sendable {
    private var keys: [UInt64]
    private var names: [[UInt8]]
    private var values: [Value?]
    private let shift: UInt64

    /// `capacity` must be a power of two, at least twice the number of names.
    init(capacity: Int) {
        precondition(capacity > 1 && capacity & (capacity - 1) == 0)
        keys = Array(repeating: 0, count: capacity)
        names = Array(repeating: [], count: capacity)
        values = Array(repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    static func pack(_ name: [UInt8]) -> UInt64 {
        var packed: UInt64 = 0
        for (k, b) in name.prefix(8).enumerated() { packed |= UInt64(b) << (8 * UInt64(k)) }
        return packed
    }

    @inline(__always)
    private func slot(_ packed: UInt64) -> Int { Int((packed &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    mutating func insert(_ name: [UInt8], _ value: Value) {
        let packed = Self.pack(name)
        var k = slot(packed)
        while values[k] != nil {
            if keys[k] == packed && names[k] == name { break }
            k = (k + 1) & (keys.count - 1)
        }
        keys[k] = packed
        names[k] = name
        values[k] = value
    }

    /// The value for the name whose packed first eight bytes are `packed` and whose byte at
    /// each offset is `byte(offset)` (asked only for names longer than eight bytes).
    @inline(__always)
    func value(packed: UInt64, length: Int, byte: (Int) -> UInt8 = { _ in 0 }) -> Value? {
        var k = slot(packed)
        while let value = values[k] {
            if keys[k] == packed && names[k].count == length {
                if length <= 8 { return value }
                if (8..<length).allSatisfy({ names[k][$0] == byte($0) }) { return value }
            }
            k = (k + 1) & (keys.count - 1)
        }
        return nil
    }
}
