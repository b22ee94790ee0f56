/// Aho-Corasick over normalised text: finds every dictionary phrase in one pass, whatever
/// the number of phrases (the dictionary has a thousand aliases; a regex per alias would
/// read each item a thousand times).
struct PhraseMatcher {
    struct Match {
        /// The pattern's index as added.
        var pattern: Int
        /// Kept positions in the `MatchText`, inclusive.
        var start: Int
        var end: Int
        /// Read as a plural ("A100s"): a name spelt out to the same end wins ("Kirin 9000S").
        var plural = false
    }

    private struct Pattern {
        var length: Int
        /// `ship*`: the last word may continue.
        var openEnd: Bool
        /// A model code: an "s" may close it ("A100s").
        var plural: Bool = false
    }

    private var patterns: [Pattern] = []
    /// Code point to symbol: ASCII through a table, the rest through a dictionary; 0 is
    /// "a character no pattern contains".
    private var ascii = [UInt16](repeating: 0, count: 128)
    private var other: [UInt32: UInt16] = [:]
    private var symbolCount = 1
    /// The trie while building; the full transition table after `compile()`.
    private var children: [[UInt16: Int32]] = [[:]]
    private var delta: [Int32] = []
    private var outputs: [[Int32]] = [[]]

    /// Adds a phrase (already without its `*`); returns its pattern index, or nil when
    /// nothing of it survives normalisation.
    @discardableResult
    mutating func add(_ phrase: [Unicode.Scalar], openEnd: Bool, plural: Bool = false) -> Int? {
        guard !phrase.isEmpty else { return nil }
        var node = 0
        for scalar in phrase {
            let symbol = intern(scalar)
            if let next = children[node][symbol] {
                node = Int(next)
            } else {
                children.append([:])
                outputs.append([])
                children[node][symbol] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        patterns.append(Pattern(length: phrase.count, openEnd: openEnd, plural: plural))
        outputs[node].append(Int32(patterns.count - 1))
        return patterns.count - 1
    }

    private mutating func intern(_ scalar: Unicode.Scalar) -> UInt16 {
        if scalar.value < 128 {
            if ascii[Int(scalar.value)] == 0 { ascii[Int(scalar.value)] = UInt16(symbolCount); symbolCount += 1 }
            return ascii[Int(scalar.value)]
        }
        if let symbol = other[scalar.value] { return symbol }
        other[scalar.value] = UInt16(symbolCount)
        symbolCount += 1
        return UInt16(symbolCount - 1)
    }

    /// Builds the failure links into a full transition table (one array read per character).
    mutating func compile() {
        let nodes = children.count
        delta = [Int32](repeating: 0, count: nodes * symbolCount)
        var fail = [Int32](repeating: 0, count: nodes)
        var queue: [Int32] = []
        for (symbol, child) in children[0] {
            delta[Int(symbol)] = child
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            let failRow = Int(fail[node]) * symbolCount
            for symbol in 0..<symbolCount {
                delta[node * symbolCount + symbol] = delta[failRow + symbol]
            }
            for (symbol, child) in children[node] {
                delta[node * symbolCount + Int(symbol)] = child
                fail[Int(child)] = delta[failRow + Int(symbol)]
                outputs[Int(child)] += outputs[Int(fail[Int(child)])]
                queue.append(child)
            }
        }
        children = []
    }

    private func symbol(_ scalar: Unicode.Scalar) -> Int {
        scalar.value < 128 ? Int(ascii[Int(scalar.value)]) : Int(other[scalar.value] ?? 0)
    }

    /// Every occurrence that starts and ends on word edges (or, for `*`, starts on one).
    func allMatches(in text: MatchText) -> [Match] {
        var found: [Match] = []
        var state = 0
        let normalised = text.normalised
        for position in normalised.indices {
            state = Int(delta[state * symbolCount + symbol(normalised[position])])
            for pattern in outputs[state] {
                let info = patterns[Int(pattern)]
                let start = position - info.length + 1
                guard text.isWordStart(start) else { continue }
                var end = position
                var plural = false
                if !info.openEnd && !text.isWordEnd(position) {
                    // "A100s": a model code's plural ends the word one letter later.
                    guard info.plural, position + 1 < normalised.count, normalised[position + 1] == "s",
                          text.isWordEnd(position + 1) else { continue }
                    end = position + 1
                    plural = true
                }
                // "ship*" in "shipments" covers the whole word, for evidence and overlaps.
                if info.openEnd { while !text.isWordEnd(end) { end += 1 } }
                found.append(Match(pattern: Int(pattern), start: start, end: end, plural: plural))
            }
        }
        return found
    }

    /// Leftmost-longest, non-overlapping: "Ascend 950PR" wins over "Ascend 950", "resume
    /// shipping" over "shipping".
    static func leftmostLongest(_ matches: [Match]) -> [Match] {
        let sorted = matches.sorted {
            $0.start != $1.start ? $0.start < $1.start : $0.end != $1.end ? $0.end > $1.end : !$0.plural && $1.plural
        }
        var chosen: [Match] = []
        var covered = -1
        for match in sorted where match.start > covered {
            chosen.append(match)
            covered = match.end
        }
        return chosen
    }
}
