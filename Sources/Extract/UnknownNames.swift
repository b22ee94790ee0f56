/// Chip names the dictionary does not know yet: a vendor it knows followed by a model
/// ("Kunlunxin P800", "Cambricon MLU690", "Rapidus 2nm", "Zhenwu M890" after "Alibaba's").
/// Such a name can carry a signal (marked `known: false`), and `chipwatch dictionary suggest`
/// lists them for a person to add; the dictionary stays the authority on names.
struct UnknownName {
    var field: String
    var start: Int
    var end: Int
    var name: String
    var vendor: String
}

enum UnknownNames {
    /// Brand words after a vendor that name a consumer device or the company, not a chip.
    static let notChips: WordSet = [
        "galaxy", "iphone", "ipad", "mate", "pura", "pixel", "nova", "redmi", "surface", "model", "cybertruck",
        "windows", "xbox", "playstation", "watch", "technologies", "technology", "inc", "corp", "group", "holdings",
        "electronics", "ceo", "cfo", "shares", "stock", "cloud", "labs", "ai", "fy", "q", "h",
        "v3", "r1", "r2", "v4", "gpt", "ec2",
    ]

    /// Words that may follow a model and belong to its name: "A17 Pro", "M5 Max", "8 Gen 1".
    /// Graphics cards carry theirs too: "RTX 4070 Ti Super", "RX 7900 XTX".
    static let suffixes: WordSet = ["Pro", "Max", "Ultra", "Plus", "Mini", "Lite", "Bionic", "Elite", "Gen", "Extreme",
                                    "Ti", "Super", "XT", "XTX"]

    private static func endsSentence(_ c: Unicode.Scalar) -> Bool {
        switch c { case "!", "?", ";", "。", "；", "！", "？", "\n": return true; default: return false }
    }

    static func find(in field: FieldReading, compiled: CompiledDictionary) -> [UnknownName] {
        let s = field.match.scalars
        let known = field.names.filter { $0.refs.contains { if case .product = $0 { return true } else { return false } } }
        /// Whether a known name stands for another vendor's product only by context: "28nm" after
        /// "TSMC" is TSMC's node, not SMIC's "28nm" (a bare node that needs SMIC named).
        func onlyOthersContextual(_ refs: [CompiledDictionary.Name], vendor: String) -> Bool {
            refs.allSatisfy { ref in
                guard case .product(let p, let contextual) = ref else { return true }
                return contextual && compiled.dictionary.products[p].vendor != vendor
            }
        }
        var found: [UnknownName] = []
        /// The word starting at or after `i` (spaces skipped), as a code-point range.
        func word(from start: Int) -> (Int, Int)? {
            var i = start
            while i < s.count, s[i] == " " { i += 1 }
            var j = i
            while j < s.count, CharacterClass.isLetterOrDigit(s[j]) || ((s[j] == "-" || s[j] == "+" || s[j] == ".") && j + 1 < s.count
                                                                         && CharacterClass.isLetterOrDigit(s[j + 1]))
                    // "FT-2000/4": a slash between digits belongs to the model.
                    || (s[j] == "/" && j > i && j + 1 < s.count && CharacterClass.isDigit(s[j - 1]) && CharacterClass.isDigit(s[j + 1])) { j += 1 }
            // Chinese runs on without spaces: "龙芯3C6000将于" ends the model where the script changes.
            if i < j, s[i].isASCII, let other = s[i..<j].firstIndex(where: { !$0.isASCII }) {
                j = other
                while j > i, !CharacterClass.isLetterOrDigit(s[j - 1]) { j -= 1 }
            }
            // "P550-based", "M890-powered": the model without the word hyphened to it.
            if let hyphen = s[i..<j].lastIndex(of: "-"), hyphen + 1 < j, s[(hyphen + 1)..<j].allSatisfy(CharacterClass.isLower) { j = hyphen }
            return j > i ? (i, j) : nil
        }
        func text(_ w: (Int, Int)) -> String { String(scalars: s[w.0..<w.1]) }
        /// Whether word `w` is `literal` (compared in place: the scan below reads many words a name).
        func spells(_ w: (Int, Int), _ literal: String) -> Bool { s[w.0..<w.1].elementsEqual(literal.unicodeScalars) }
        /// The word that ends at or before `end` (spaces skipped).
        func word(backFrom end: Int) -> (Int, Int)? {
            var j = end
            while j > 0, s[j - 1] == " " { j -= 1 }
            var i = j
            while i > 0, CharacterClass.isLetterOrDigit(s[i - 1]) { i -= 1 }
            return i < j ? (i, j) : nil
        }
        let vendorStarts = Set(field.names.filter { !$0.refs.isEmpty }.map(\.hit.start))
        /// "Marvell has begun shipping its Teralynx 10 switch chips", "Samsung unveiled its Mach-1
        /// AI chip": a model after "its", the vendor before it in the sentence (no other name
        /// between), a chip noun after it. Its span, or nil.
        func possessive(after start: Int) -> (Int, Int)? {
            var i = start
            var owner = false
            for _ in 0..<24 {
                // Past punctuation too: "Kioxia Corp., the memory maker, ..."
                var k = i
                while k < s.count, !CharacterClass.isLetterOrDigit(s[k]) { k += 1 }
                guard let w = word(from: k) else { return nil }
                // The sentence ends: ". " outside an abbreviation of a company form ("Co.", "Inc.").
                let gap = s[i..<w.0]
                if gap.contains(where: UnknownNames.endsSentence) { return nil }
                if gap.contains("."), !["Co", "Inc", "Corp", "Ltd"].contains(text(word(backFrom: i) ?? (i, i))) { return nil }
                if w.0 != start, vendorStarts.contains(w.0) { return nil }
                i = w.1
                if spells(w, "its") { owner = true; break }
            }
            guard owner else { return nil }
            // Descriptive words ("latest", "next-generation"), then up to two brand words, then the model.
            var described = 0
            while described < 3, let w = word(from: i), let first = s[w.0...].first, CharacterClass.isLower(first) { i = w.1; described += 1 }
            var begin: Int? = nil
            var brands = 0
            var model: (Int, Int)? = nil
            while let w = word(from: i) {
                // A name the dictionary knows (a vendor, a brand line) is read where it stands.
                if vendorStarts.contains(w.0) { return nil }
                let candidate = text(w)
                if isModel(candidate) || brands > 0 && isLineModel(candidate) { model = w; break }
                guard brands < 2, let first = candidate.unicodeScalars.first, CharacterClass.isUpper(first),
                      candidate.unicodeScalars.allSatisfy(CharacterClass.isLetter), !notChips.contains(candidate.lowercased()) else { return nil }
                begin = begin ?? w.0
                brands += 1
                i = w.1
            }
            guard var last = model else { return nil }
            while let w = word(from: last.1), suffixes.contains(text(w)) { last = w }
            // A chip noun within three words: "Mach-1 AI chip", "P200 AI networking chip".
            var j = last.1
            var chip = false
            for _ in 0..<3 {
                guard let w = word(from: j) else { break }
                if Scope.chipNouns.contains(text(w).lowercased()) { chip = true; break }
                j = w.1
            }
            let span = (begin ?? model!.0, last.1)
            guard chip, !known.contains(where: { $0.hit.start < span.1 && span.0 < $0.hit.end }) else { return nil }
            return span
        }
        for (hit, refs) in field.names {
            guard !refs.contains(where: { if case .product = $0 { return true } else { return false } }) else { continue }
            let line = refs.lazy.compactMap { ref -> Int? in if case .line(let v) = ref { return v } else { return nil } }.first
            guard let vendor = line ?? refs.lazy.compactMap({ ref -> Int? in if case .vendor(let v) = ref { return v } else { return nil } }).first
            else { continue }
            var i = hit.end
            // "Alibaba's Zhenwu M890"
            if line == nil, i + 1 < s.count, s[i] == "'" || s[i] == "’", s[i + 1] == "s" || s[i + 1] == "S" { i += 2 }
            if line == nil, let named = possessive(after: hit.end) {
                found.append(UnknownName(field: field.name, start: named.0, end: named.1,
                                         name: compiled.dictionary.vendors[vendor].name + " " + text(named), vendor: compiled.dictionary.vendors[vendor].name))
            }
            var words: [(Int, Int)] = []
            var model: (Int, Int)? = nil
            if line != nil {
                // A brand is a proper name: "core 5" in running text is not Intel's Core.
                guard CharacterClass.isUpper(s[hit.start]) else { continue }
                // A brand is followed by its model at once: "Snapdragon 888", "Core i9", "Snapdragon X Elite".
                if let w = word(from: i), isLineModel(text(w)) { model = w; words.append(w) }
            } else {
                for _ in 0..<2 {
                    guard let w = word(from: i) else { break }
                    words.append(w)
                    let candidate = text(w)
                    if isModel(candidate) { model = w; break }
                    // Only a capitalised brand word of letters may stand before the model, and not in a
                    // headline, where every word is capitalised ("DeepSeek Delays R2").
                    guard words.count == 1, field.name != "title", let first = candidate.unicodeScalars.first, CharacterClass.isUpper(first),
                          candidate.unicodeScalars.allSatisfy(CharacterClass.isLetter), !notChips.contains(candidate.lowercased()) else { break }
                    i = w.1
                }
            }
            guard var last = model else { continue }
            // What follows the model and is part of its name: "Pro", "Max", "Gen 1".
            var afterGen = false
            while let w = word(from: last.1) {
                let candidate = text(w)
                if suffixes.contains(candidate) || (afterGen && candidate.count <= 2 && candidate.unicodeScalars.allSatisfy(CharacterClass.isDigit)) {
                    afterGen = candidate == "Gen"
                    last = w
                } else { break }
            }
            // A lone letter is a model only with a suffix after it ("X Elite").
            if let m = model, m.1 - m.0 == 1, CharacterClass.isLetter(s[m.0]), last.1 == m.1 { continue }
            var start = line == nil ? words[0].0 : hit.start
            // A line that ends with a shorter line of the same vendor is named by the shorter one,
            // as the dictionary's own names are: "GeForce RTX 5070" is "Nvidia RTX 5070".
            if let line {
                let brand = text((hit.start, hit.end))
                if let shorter = compiled.dictionary.vendors[line].lines.filter({ brand.hasSuffix(" " + $0) })
                    .max(by: { $0.unicodeScalars.count < $1.unicodeScalars.count }) {
                    start = hit.end - shorter.unicodeScalars.count
                }
            }
            let end = last.1
            let vendorName = compiled.dictionary.vendors[vendor].name
            let node = model.map { text($0).lowercased().hasSuffix("nm") } ?? false
            if node && !compiled.nodeVendors.contains(vendorName) { continue }
            if known.contains(where: { $0.hit.start < end && start < $0.hit.end && !(node && onlyOthersContextual($0.refs, vendor: vendorName)) }) { continue }
            found.append(UnknownName(field: field.name, start: start, end: end, name: vendorName + " " + text((start, end)), vendor: vendorName))
        }
        return found
    }

    /// A model after a brand word: a model designation, or a number ("Exynos 2100",
    /// "Snapdragon 8"), a lower-case series and number ("Core i9"), or one capital ("X Elite").
    static func isLineModel(_ word: String) -> Bool {
        if isModel(word) { return true }
        let scalars = Array(word.unicodeScalars)
        // A number, but not a year ("Core 2025 plans").
        if (1...5).contains(scalars.count), scalars.allSatisfy(CharacterClass.isDigit) {
            return !(scalars.count == 4 && (1990...2039).contains(Int(word) ?? 0))
        }
        if scalars.count == 1, CharacterClass.isUpper(scalars[0]) { return true }
        return (2...4).contains(scalars.count) && CharacterClass.isLetter(scalars[0]) && scalars.dropFirst().allSatisfy(CharacterClass.isDigit)
    }

    /// A model designation: letters and digits with at least one digit, not a year, a
    /// quarter, an amount or a count.
    static func isModel(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        // Model designations are written in Latin letters and digits ("R1+聯" is not one).
        guard (2...12).contains(scalars.count), scalars.contains(where: CharacterClass.isDigit), scalars.allSatisfy(\.isASCII) else { return false }
        if scalars.allSatisfy(CharacterClass.isDigit) { return false }
        let lower = word.lowercased()
        // "Mate60", "Galaxy S24": a device, not a chip.
        if notChips.contains(lower) || notChips.words.contains(where: { $0.count >= 3 && lower.hasPrefix($0) }) { return false }
        if let first = scalars.first, CharacterClass.isDigit(first) {
            // "2nm" and "3nm" are process names; "20B", "5x", "40%" are amounts.
            if lower.hasSuffix("nm") { return true }
            // "3A6000", "7G100": digits, letters, digits. Not a half or quarter ("2H2025", "3Q24"),
            // a multiple ("2x100") or a resolution ("4K60").
            let letters = String(scalars: scalars.filter(CharacterClass.isLetter)).lowercased()
            guard scalars.count >= 4, let last = scalars.last, CharacterClass.isDigit(last), !letters.isEmpty,
                  !["h", "q", "x", "k", "p", "fy"].contains(letters) else { return false }
            return scalars.allSatisfy(CharacterClass.isLetterOrDigit)
        }
        if lower.count == 2, ["q", "h"].contains(lower.first.map(String.init) ?? "") { return false }
        if lower.hasPrefix("fy") || lower.hasPrefix("q1") || lower.hasPrefix("q2") || lower.hasPrefix("q3") || lower.hasPrefix("q4") { return false }
        return CharacterClass.isUpper(scalars[0])
    }
}
