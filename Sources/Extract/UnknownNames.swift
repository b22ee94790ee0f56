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
    static let notChips: Set<String> = [
        "galaxy", "iphone", "ipad", "mate", "pura", "pixel", "nova", "redmi", "surface", "model", "cybertruck",
        "windows", "xbox", "playstation", "watch", "technologies", "technology", "inc", "corp", "group", "holdings",
        "electronics", "ceo", "cfo", "shares", "stock", "cloud", "labs", "ai", "fy", "q", "h",
        "v3", "r1", "r2", "v4", "gpt",
    ]

    static func find(in field: FieldReading, compiled: CompiledDictionary) -> [UnknownName] {
        let s = field.match.scalars
        let known = field.names.filter { $0.refs.contains { if case .product = $0 { return true } else { return false } } }
        var found: [UnknownName] = []
        for (hit, refs) in field.names {
            guard let vendor = refs.lazy.compactMap({ ref -> Int? in if case .vendor(let v) = ref { return v } else { return nil } }).first,
                  !refs.contains(where: { if case .product = $0 { return true } else { return false } }) else { continue }
            var i = hit.end
            // "Alibaba's Zhenwu M890"
            if i + 1 < s.count, s[i] == "'" || s[i] == "’", s[i + 1] == "s" || s[i + 1] == "S" { i += 2 }
            var words: [(Int, Int)] = []
            for _ in 0..<2 {
                while i < s.count, s[i] == " " { i += 1 }
                var j = i
                while j < s.count, CharacterClass.isLetterOrDigit(s[j]) || ((s[j] == "-" || s[j] == "+" || s[j] == ".") && j + 1 < s.count
                                                                             && CharacterClass.isLetterOrDigit(s[j + 1])) { j += 1 }
                guard j > i else { break }
                words.append((i, j))
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if isModel(word) { break }
                // Only a capitalised brand word of letters may stand before the model, and not in a
                // headline, where every word is capitalised ("DeepSeek Delays R2").
                guard words.count == 1, field.name != "title", let first = word.unicodeScalars.first, CharacterClass.isUpper(first),
                      word.unicodeScalars.allSatisfy(CharacterClass.isLetter), !notChips.contains(word.lowercased()) else { words = []; break }
                i = j
            }
            guard let last = words.last, isModel(String(String.UnicodeScalarView(s[last.0..<last.1]))) else { continue }
            let start = words[0].0, end = last.1
            if known.contains(where: { $0.hit.start < end && start < $0.hit.end }) { continue }
            let text = String(String.UnicodeScalarView(s[start..<end]))
            let vendorName = compiled.dictionary.vendors[vendor].name
            found.append(UnknownName(field: field.name, start: start, end: end, name: vendorName + " " + text, vendor: vendorName))
        }
        return found
    }

    /// A model designation: letters and digits with at least one digit, not a year, a
    /// quarter, an amount or a count.
    static func isModel(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard (2...12).contains(scalars.count), scalars.contains(where: CharacterClass.isDigit) else { return false }
        if scalars.allSatisfy(CharacterClass.isDigit) { return false }
        let lower = word.lowercased()
        // "Mate60", "Galaxy S24": a device, not a chip.
        if notChips.contains(lower) || notChips.contains(where: { $0.count >= 3 && lower.hasPrefix($0) }) { return false }
        if let first = scalars.first, CharacterClass.isDigit(first) {
            // "2nm" and "3nm" are process names; "20B", "5x", "40%" are amounts.
            return lower.hasSuffix("nm")
        }
        if lower.count == 2, ["q", "h"].contains(lower.first.map(String.init) ?? "") { return false }
        if lower.hasPrefix("fy") || lower.hasPrefix("q1") || lower.hasPrefix("q2") || lower.hasPrefix("q3") || lower.hasPrefix("q4") { return false }
        return CharacterClass.isUpper(scalars[0])
    }
}
