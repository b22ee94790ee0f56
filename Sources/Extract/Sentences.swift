/// A sentence of a field, as a range of code points, with the places its clauses break
/// (commas, semicolons, colons, brackets, dashes): recap words such as "following the"
/// reach only to the end of their clause.
struct Sentence {
    var range: Range<Int>
    /// Where each clause after the first starts, and its number. A bracketed aside is a clause
    /// of its own, and the words after its closing bracket go on with the clause it
    /// interrupted: in "shipped its first HBM3 (High Bandwidth Memory 3) samples", "samples"
    /// is in the clause of "shipped".
    var clauseBreaks: [(at: Int, clause: Int)]

    /// Which clause a code point belongs to (0, 1, ...).
    func clause(of position: Int) -> Int {
        var current = 0
        for point in clauseBreaks where point.at < position { current = point.clause }
        return current
    }
}

enum Sentences {
    /// Words after which a full stop does not end a sentence.
    static let abbreviations: WordSet = [
        "mr", "mrs", "ms", "dr", "prof", "inc", "corp", "co", "ltd", "jr", "sr", "st", "no", "vs", "etc",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gen", "gov", "sen", "rep", "dept", "approx", "est", "fig", "al",
    ]

    /// The shortest line read as hard-wrapped text, in code points (fixed-width wire copy runs
    /// to 30 or more; a heading or byline is shorter).
    static let wrappedLineLength = 20

    static func split(_ s: [Unicode.Scalar]) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var breaks: [Int] = []
        func close(_ end: Int) {
            var a = start, b = end
            while a < b, CharacterClass.isSpace(s[a]) { a += 1 }
            while b > a, CharacterClass.isSpace(s[b - 1]) { b -= 1 }
            if a < b { sentences.append(Sentence(range: a..<b, clauseBreaks: clauses(breaks.filter { $0 >= a && $0 < b }, s))) }
            start = end
            breaks = []
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\n", "\r":
                // "\r\n" is one break, decided at its "\n".
                let pairsWithNext = c == "\r" && i + 1 < s.count && s[i + 1] == "\n"
                if !pairsWithNext, !wrapsLine(s, at: i) { close(i + 1) }
            case "。", "！", "？", "…":
                close(i + 1)
            case "!", "?":
                if i + 1 == s.count || CharacterClass.isSpace(s[i + 1]) || isQuote(s[i + 1]) { close(i + 1) }
            case ".":
                if i + 2 < s.count, s[i + 1] == ".", s[i + 2] == "." {   // an ellipsis joins excerpts
                    close(i)
                    i += 3
                    start = i
                    continue
                }
                if endsSentence(s, at: i) {
                    var end = i + 1
                    if end < s.count, isQuote(s[end]) { end += 1 }
                    close(end)
                }
            case ",", ";", ":", "(", ")", "—", "–", "，", "；", "：", "、", "（", "）":
                // "50,000 chips", "10:30", "a 2–3 year delay": a separator inside a number or a
                // range of numbers breaks nothing.
                let inNumber = (c == "," || c == ":" || c == "–") && i > 0 && i + 1 < s.count
                    && CharacterClass.isDigit(s[i - 1]) && CharacterClass.isDigit(s[i + 1])
                if !inNumber { breaks.append(i) }
            case "-":
                if i > 0, i + 1 < s.count, s[i - 1] == " ", s[i + 1] == " " { breaks.append(i) }
            default: break
            }
            i += 1
        }
        close(s.count)
        return sentences
    }

    /// Numbers the clauses the breaks open: a new number at each break, except that a closing
    /// bracket returns to the clause its opening bracket interrupted.
    private static func clauses(_ breaks: [Int], _ s: [Unicode.Scalar]) -> [(at: Int, clause: Int)] {
        var result: [(at: Int, clause: Int)] = []
        var current = 0, count = 0
        var open: [Int] = []
        for point in breaks {
            switch s[point] {
            case "(", "（":
                open.append(current)
                count += 1
                current = count
            // (A closing bracket with none open, "1) first, 2) second", is a plain break.)
            case ")", "）":
                if let outer = open.popLast() { current = outer } else { count += 1; current = count }
            default:
                count += 1
                current = count
            }
            result.append((at: point, clause: current))
        }
        return result
    }

    /// A single line break inside a sentence of hard-wrapped text ("消息最快將於下周\n公布。",
    /// "the company said it\nwould"): the line before ends in a word, a digit or a comma and the
    /// next begins with a lowercase word or a CJK character, with no blank line between. Such a
    /// break is a space, not a sentence's end: a wire service's fixed-width lines cut a claim
    /// from its verb (a fragment "公布。" took the item's product as an announce).
    private static func wrapsLine(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var before = i - 1
        while before >= 0, s[before] == " " || s[before] == "\t" || s[before] == "\r" { before -= 1 }
        var after = i + 1
        while after < s.count, s[after] == " " || s[after] == "\t" || s[after] == "\r" { after += 1 }
        guard before >= 0, after < s.count, s[before] != "\n", s[after] != "\n" else { return false }
        // A short line is a heading or a byline ("國際中心/許珮絨報導"), not a wrapped one.
        var lineStart = before
        while lineStart > 0, s[lineStart - 1] != "\n" { lineStart -= 1 }
        guard before - lineStart >= Sentences.wrappedLineLength else { return false }
        let last = s[before], next = s[after]
        let lineGoesOn = CharacterClass.isLetter(last) || CharacterClass.isDigit(last) || MatchText.isCJK(last)
            || last == "," || last == "，" || last == "、"
        guard lineGoesOn else { return false }
        // In Chinese a line may end in a name ("昇腾910C"); in English the next line starts lowercase.
        if MatchText.isCJK(next) || "，。、；：".unicodeScalars.contains(next) { return last != "," }
        return CharacterClass.isLower(next) && !MatchText.isCJK(last)
    }

    private static func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "'" || c == "”" || c == "’" }

    /// A full stop ends a sentence when a space and a capital, digit, quote or CJK character
    /// follow, and the word before it is not an abbreviation ("U.S.", "Corp.").
    private static func endsSentence(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        if j < s.count, isQuote(s[j]) { j += 1 }
        if j >= s.count { return true }
        guard CharacterClass.isSpace(s[j]) else { return false }
        while j < s.count, CharacterClass.isSpace(s[j]) { j += 1 }
        guard j < s.count else { return true }
        let next = s[j]
        guard CharacterClass.isUpper(next) || CharacterClass.isDigit(next) || isQuote(next) || next == "“"
                || MatchText.isCJK(next) else { return false }
        var k = i
        while k > 0, CharacterClass.isLetter(s[k - 1]) { k -= 1 }
        if k > 0, s[k - 1] == "." { return false }            // e.g., U.S.
        let word = Token.lowercased(s, k..<i)
        if word.count == 1 { return false }                  // initials: U.S., J. Smith
        return !abbreviations.contains(word)
    }
}

/// A word of a sentence for reading dates and quantities: lower-cased, with the character
/// that separated it from the previous word.
struct Token {
    var text: String
    var start: Int
    var end: Int
    /// The last non-space character between the previous token and this one ("" if none).
    var separator: Unicode.Scalar?

    var number: Double? { text.first?.isNumber == true ? Double(text) : nil }
    /// One CJK character (tokens hold one each). Read from the first two code points, not a
    /// count of all of them.
    var isCJK: Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return false }
        return MatchText.isCJK(first)
    }

    static func tokens(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        var i = range.lowerBound
        var separator: Unicode.Scalar? = nil
        while i < range.upperBound {
            let c = s[i]
            if MatchText.isCJK(c) {
                // Traditional characters read as simplified ones: 第4季 and 未來幾週 like 第4季 and 未来几周.
                tokens.append(Token(text: String(ChineseForms.fold(c)), start: i, end: i + 1, separator: separator))
                separator = nil
                i += 1
                continue
            }
            if CharacterClass.isLetterOrDigit(c) {
                var j = i + 1
                while j < range.upperBound {
                    let d = s[j]
                    if MatchText.isCJK(d) { break }
                    if CharacterClass.isLetterOrDigit(d) { j += 1; continue }
                    // 1.56 stays one number; N+3 one name.
                    if d == ".", j + 1 < range.upperBound, CharacterClass.isDigit(s[j - 1]),
                       CharacterClass.isDigit(s[j + 1]) { j += 1; continue }
                    if d == "+" { j += 1; continue }
                    break
                }
                let text = lowercased(s, i..<j)
                tokens.append(Token(text: text, start: i, end: j, separator: separator))
                separator = nil
                i = j
                continue
            }
            if !CharacterClass.isSpace(c) { separator = c }
            i += 1
        }
        return tokens
    }

    /// Lower-cased text of a word; ASCII words (nearly all) without Unicode case mapping.
    static func lowercased(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        guard s[range].allSatisfy({ $0.value < 128 }) else { return String(scalars: s[range]).lowercased() }
        // Written straight into the string's storage (no byte array first).
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, k) in range.enumerated() {
                let v = s[k].value
                buffer[offset] = UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v)
            }
            return range.count
        }
    }
}
