/// A fixed set of words for the extractor's many "is this word one of ..." tests, read by the
/// words' UTF-8 bytes with a cheap hash. `Set<String>` hashes every word with SipHash and
/// compares by canonical equivalence: 5% of the extract benchmark went to its hashing (perf,
/// 2026-12-07), for lists of ASCII and CJK words whose tokens the extractor wrote itself.
struct WordSet: ExpressibleByArrayLiteral, Sendable {
    /// Every word's bytes, one after another; `slots` hold (offset + 1, length) pairs, 0 empty.
    private var bytes: [UInt8] = []
    private var slots: [(Int32, Int32)]
    private let mask: Int
    /// The words, for the few tests that go through them all.
    let words: [String]

    init<S: Sequence>(_ words: S) where S.Element == String {
        let unique = Array(Set(words)).sorted()
        self.words = unique
        var size = 8
        while size < unique.count * 4 { size *= 2 }
        mask = size - 1
        slots = Array(repeating: (0, 0), count: size)
        for word in unique {
            let utf8 = Array(word.utf8)
            var slot = Int(truncatingIfNeeded: WordSet.hash(utf8)) & mask
            while slots[slot].0 != 0 { slot = (slot + 1) & mask }
            slots[slot] = (Int32(bytes.count + 1), Int32(utf8.count))
            bytes += utf8
        }
    }

    init(arrayLiteral words: String...) { self.init(words) }

    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains(bytes: $0) }
    }

    func contains(_ word: Substring) -> Bool {
        var word = word
        return word.withUTF8 { contains(bytes: $0) }
    }

    private func contains(bytes word: UnsafeBufferPointer<UInt8>) -> Bool {
        var slot = Int(truncatingIfNeeded: WordSet.hash(word)) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let (start, length) = slots[slot]
                if start == 0 { return false }
                if Int(length) == word.count,
                   word.elementsEqual(stored[(Int(start) - 1)..<(Int(start) - 1 + Int(length))]) { return true }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a: enough to spread a few hundred short words.
    private static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
