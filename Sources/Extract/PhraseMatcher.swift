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
    /// The trie while building.
    private var children: [[UInt16: Int32]] = [[:]]
    /// After `compile()`, the full transition table in two parts: `narrow` for the symbols of
    /// ASCII characters (numbered first, below `asciiSymbols`) and `wide` for the rest. One table
    /// of both is 5-11 MB (CJK characters make most of its columns); English text reads only
    /// the narrow part, about a seventh of it, so less of it has to stay in cache.
    /// An entry for a state where patterns end is stored as `~state` (negative), so the scan
    /// reads the output lists only there.
    private var narrow: [Int32] = []
    private var wide: [Int32] = []
    private var asciiSymbols = 1
    private var outputs: [[Int32]] = [[]]
    /// After `compile()`: the patterns ending at node `n` are `outputList[outputStart[n]..<outputStart[n + 1]]`
    /// (one flat array: the scan reads no nested array, so retains nothing per character).
    private var outputStart: [Int32] = []
    private var outputList: [Int32] = []

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
        // Symbols renumbered: 0 (no pattern's character), then ASCII, then the rest.
        var renumber = [Int](repeating: 0, count: symbolCount)
        var next = 1
        for c in 0..<128 where ascii[c] != 0 {
            renumber[Int(ascii[c])] = next
            ascii[c] = UInt16(next)
            next += 1
        }
        asciiSymbols = next
        for key in other.keys.sorted() {
            renumber[Int(other[key]!)] = next
            other[key] = UInt16(next)
            next += 1
        }
        let nodes = children.count
        var delta = [Int32](repeating: 0, count: nodes * symbolCount)
        var fail = [Int32](repeating: 0, count: nodes)
        var queue: [Int32] = []
        for (symbol, child) in children[0] {
            delta[renumber[Int(symbol)]] = child
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
            for (old, child) in children[node] {
                let symbol = renumber[Int(old)]
                delta[node * symbolCount + symbol] = child
                fail[Int(child)] = delta[failRow + symbol]
                outputs[Int(child)] += outputs[Int(fail[Int(child)])]
                queue.append(child)
            }
        }
        children = []
        let wideSymbols = symbolCount - asciiSymbols
        narrow.reserveCapacity(nodes * asciiSymbols)
        wide.reserveCapacity(nodes * wideSymbols)
        outputStart = [0]
        let flagged = delta.map { outputs[Int($0)].isEmpty ? $0 : ~$0 }
        for node in 0..<nodes {
            narrow += flagged[(node * symbolCount)..<(node * symbolCount + asciiSymbols)]
            wide += flagged[(node * symbolCount + asciiSymbols)..<((node + 1) * symbolCount)]
            outputList += outputs[node]
            outputStart.append(Int32(outputList.count))
        }
        outputs = []
    }

    private func symbol(_ scalar: Unicode.Scalar) -> Int {
        scalar.value < 128 ? Int(ascii[Int(scalar.value)]) : Int(other[scalar.value] ?? 0)
    }

    /// Every occurrence of `a`'s and of `b`'s patterns that starts and ends on word edges (or,
    /// for `*`, starts on one), both automata stepped in one pass: each step waits on a table
    /// read, and the two reads do not depend on each other, so the processor overlaps them.
    static func allMatches(_ a: PhraseMatcher, _ b: PhraseMatcher, in text: MatchText) -> ([Match], [Match]) {
        var foundA: [Match] = [], foundB: [Match] = []
        var stateA = 0, stateB = 0
        for (position, scalar) in text.normalised.enumerated() {
            let endsA = a.step(&stateA, scalar), endsB = b.step(&stateB, scalar)
            if endsA { a.collect(stateA, endingAt: position, in: text, into: &foundA) }
            if endsB { b.collect(stateB, endingAt: position, in: text, into: &foundB) }
        }
        return (foundA, foundB)
    }

    /// Moves `state` on by one character; whether patterns end in the new state.
    @inline(__always)
    private func step(_ state: inout Int, _ scalar: Unicode.Scalar) -> Bool {
        let symbol = symbol(scalar)
        let entry = symbol < asciiSymbols ? narrow[state * asciiSymbols + symbol]
                                          : wide[state * (symbolCount - asciiSymbols) + symbol - asciiSymbols]
        state = Int(entry < 0 ? ~entry : entry)
        return entry < 0
    }

    private func collect(_ state: Int, endingAt position: Int, in text: MatchText, into found: inout [Match]) {
        for pattern in outputList[Int(outputStart[state])..<Int(outputStart[state + 1])] {
            if let match = match(Int(pattern), endingAt: position, in: text) { found.append(match) }
        }
    }

    /// Pattern `index` found ending at kept position `position`, if it lies on word edges.
    private func match(_ index: Int, endingAt position: Int, in text: MatchText) -> Match? {
        let info = patterns[index]
        let normalised = text.normalised
        let start = position - info.length + 1
        guard text.isWordStart(start) else { return nil }
        var end = position
        var plural = false
        if !info.openEnd && !text.isWordEnd(position) {
            // "A100s": a model code's plural ends the word one letter later.
            guard info.plural, position + 1 < normalised.count, normalised[position + 1] == "s",
                  text.isWordEnd(position + 1) else { return nil }
            end = position + 1
            plural = true
        }
        // "ship*" in "shipments" covers the whole word, for evidence and overlaps.
        if info.openEnd { while !text.isWordEnd(end) { end += 1 } }
        return Match(pattern: index, start: start, end: end, plural: plural)
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
