import Core

/// Near-duplicate detection for stories: a 64-bit SimHash over the words and word pairs of the
/// normalised title and text (Charikar 2002; Manku et al. 2007). Web-page work uses 3 bits;
/// news items are short, so one edited word moves ~6 of 64 bits, while unrelated items sit
/// 27-36 bits apart (measured in ExtractorTests): copies are within 10 bits.
public enum StoryKey {
    /// Copies differ in at most this many bits.
    public static let maxDistance = 10

    /// Words and word pairs: on a news-length text a one-word edit moves few bits, and the
    /// pairs keep two different stories over the same words apart. Each feature is FNV-1a of
    /// its UTF-8 (a pair: the first word, a space, the second), hashed as the words are read:
    /// no word or pair is built as a string.
    public static func simhash(title: String, text: String) -> UInt64 {
        simhash([MatchText(title), MatchText(text)])
    }

    /// The SimHash of fields read one after the other, a field's end ending its last word: the
    /// value for title and text read apart is that of "title text" read whole, so the extract
    /// stage hashes the fields the extractor has already normalised (normalising the text a
    /// second time was a tenth of the stage, perf).
    static func simhash(_ fields: [MatchText]) -> UInt64 {
        // The features' hashes are gathered, then each bit counted over all of them (a loop
        // the compiler vectorises; a vote per bit per feature was 7% of the extract stage, perf).
        var hashes: [UInt64] = []
        hashes.reserveCapacity(fields.reduce(0) { $0 + $1.normalised.count } / 2)
        func add(_ feature: UInt64) { hashes.append(mix(feature)) }
        func feed(_ hash: inout UInt64, _ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        var word = basis                  // the word being read
        var pair: UInt64?                 // the previous word, a space, and the word being read
        var previous: UInt64?             // the last whole word
        var inWord = false
        var lastWord: Int32 = -1
        func finishWord() {
            add(word)
            if let pair { add(pair) }
            previous = word
        }
        for match in fields {
            lastWord = -1   // a new field starts a new word
            for (index, scalar) in match.normalised.enumerated() {
                if match.word[index] != lastWord, inWord {
                    finishWord()
                    word = basis
                    pair = previous.map { var h = $0; feed(&h, 0x20); return h }
                }
                lastWord = match.word[index]
                inWord = true
                UTF8.encode(scalar) { byte in
                    feed(&word, byte)
                    if pair != nil { feed(&pair!, byte) }
                }
            }
        }
        guard inWord else { return 0 }
        finishWord()
        var result: UInt64 = 0
        hashes.withUnsafeBufferPointer { hashes in
            for bit in UInt64(0)..<64 {
                var set = 0
                for hash in hashes { set &+= Int((hash >> bit) & 1) }
                // More features with the bit set than without it.
                if 2 * set > hashes.count { result |= 1 << bit }
            }
        }
        return result
    }

    /// SplitMix64's finaliser: spreads FNV's low-entropy high bits over all 64.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// The headline as words, for telling identical headlines apart from the rest.
    public static func titleKey(_ title: String) -> String { titleKey(MatchText(title)) }

    static func titleKey(_ title: MatchText) -> String { normalisedWords(title).joined(separator: " ") }

    static func normalisedWords(_ match: MatchText) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var lastWord: Int32 = -1
        for (index, scalar) in match.normalised.enumerated() {
            if match.word[index] != lastWord, !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
            lastWord = match.word[index]
            current.append(scalar)
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
