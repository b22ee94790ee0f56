/// A field of an item prepared for matching: lower-cased, with spaces, hyphens and other
/// punctuation dropped (so "Ascend-910C", "Ascend 910C" and "ascend910c" read alike), and a
/// map back to the original code points for evidence offsets.
struct MatchText {
    /// The original text, one element per Unicode code point.
    let scalars: [Unicode.Scalar]
    /// The kept, lower-cased code points.
    private(set) var normalised: [Unicode.Scalar] = []
    /// For each kept code point: its index in `scalars`.
    private(set) var origin: [Int32] = []
    /// For each kept code point: the word it belongs to (0, 1, 2, ...).
    private(set) var word: [Int32] = []

    init(_ text: String) {
        let scalars = MatchText.scalars(of: text)
        self.scalars = scalars
        let count = scalars.count
        var normalised = [Unicode.Scalar](repeating: " ", count: count)
        var origin = [Int32](repeating: 0, count: count)
        var word = [Int32](repeating: 0, count: count)
        // Filled through buffers, one pass, cut to length at the end: appends checked capacity
        // per code point (perf, 2026-12-07).
        let kept = scalars.withUnsafeBufferPointer { scalars in
            normalised.withUnsafeMutableBufferPointer { normalised in
                origin.withUnsafeMutableBufferPointer { origin in
                    word.withUnsafeMutableBufferPointer { word in
                        var kept = 0
                        var wordIndex: Int32 = -1
                        var previousKept = false
                        var previousCJK = false
                        for index in 0..<count {
                            guard let scalar = MatchText.keep(scalars[index], at: index, in: scalars) else {
                                previousKept = false
                                continue
                            }
                            let cjk = MatchText.isCJK(scalar)
                            // A new word after anything dropped, and around every CJK character (Chinese
                            // has no spaces: each character may start a name).
                            if !previousKept || cjk || previousCJK { wordIndex += 1 }
                            normalised[kept] = scalar
                            origin[kept] = Int32(index)
                            word[kept] = wordIndex
                            kept += 1
                            previousKept = true
                            previousCJK = cjk
                        }
                        return kept
                    }
                }
            }
        }
        normalised.removeLast(count - kept)
        origin.removeLast(count - kept)
        word.removeLast(count - kept)
        self.normalised = normalised
        self.origin = origin
        self.word = word
    }

    /// The text's code points, decoded from its UTF-8 in one pass (`Array(text.unicodeScalars)`
    /// counts them first, then copies: 1.7% of the extract benchmark, perf 2026-12-07). A
    /// String's UTF-8 is always valid, so each lead byte gives its sequence's length.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { utf8 in
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                var n = 0, i = 0
                while i < utf8.count {
                    let lead = utf8[i]
                    if lead < 0x80 {
                        buffer[n] = Unicode.Scalar(lead)
                        i += 1
                    } else {
                        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                        for k in 1..<length { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
                        buffer[n] = Unicode.Scalar(value) ?? "\u{FFFD}"
                        i += length
                    }
                    n += 1
                }
                count = n
            }
        }
    }

    /// Whether a match over kept positions `start...end` begins and ends on word edges.
    func isWordStart(_ start: Int) -> Bool { start == 0 || word[start - 1] != word[start] }
    func isWordEnd(_ end: Int) -> Bool { end == word.count - 1 || word[end + 1] != word[end] }

    /// The original code-point range covered by kept positions `start...end`.
    func originalRange(_ start: Int, _ end: Int) -> Range<Int> { Int(origin[start])..<(Int(origin[end]) + 1) }

    /// The normalised form of a code point, or nil when it is dropped.
    @inline(__always) static func keep(_ scalar: Unicode.Scalar, at index: Int, in scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 128 {
            switch value {
            case 0x41...0x5A: return Unicode.Scalar(value + 32)
            case 0x61...0x7A, 0x30...0x39, 0x2B, 0x26: return scalar      // a-z 0-9 + &
            case 0x2E:                                                     // "." only inside a number: 1.6nm
                let before = index > 0 && CharacterClass.isDigit(scalars[index - 1])
                let after = index + 1 < scalars.count && CharacterClass.isDigit(scalars[index + 1])
                return before && after ? scalar : nil
            default: return nil
            }
        }
        return keepOther(scalar)
    }

    /// `keep` beyond ASCII, apart so that the ASCII path sets up nothing for Unicode properties.
    @inline(never)
    private static func keepOther(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if (0x3400...0x9FFF).contains(scalar.value) { return ChineseForms.fold(scalar) }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return nil }
        return properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// A phrase from the dictionary in the same normalised form.
    static func normalisePhrase(_ phrase: String) -> [Unicode.Scalar] {
        Array(phrase.unicodeScalars).withUnsafeBufferPointer { scalars in
            scalars.indices.compactMap { keep(scalars[$0], at: $0, in: scalars) }
        }
    }
}
