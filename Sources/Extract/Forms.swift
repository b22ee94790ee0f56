/// English word forms generated from the dictionary's entries, so the dictionary keeps one
/// entry a meaning: "restrict" also matches "restricts", "restricted", "restricting";
/// "begin shipping" also "began shipping"; "licence requirement" also "licence requirements".
/// The first content word of a phrase gets its verb forms, the last its plural. Forms that
/// are not English words ("ons sale") never occur in text, so over-generating is harmless.
enum Forms {
    /// Words never inflected: function words and words that are already a form.
    static let fixed: WordSet = [
        "a", "an", "the", "in", "on", "of", "to", "for", "by", "with", "at", "from", "and", "or", "not", "no",
        "be", "is", "are", "was", "were", "been", "has", "have", "had", "will", "now", "new", "its", "their",
        "hands", "mass", "volume", "full", "general", "high", "into", "out", "off", "up", "down", "back", "as",
    ]

    static let irregular: [String: [String]] = [
        "begin": ["begins", "began", "begun", "beginning"],
        "put": ["puts", "putting"],
        "take": ["takes", "took", "taken", "taking"],
        "hit": ["hits", "hitting"],
        "set": ["sets", "setting"],
        "shut": ["shuts", "shutting"],
        "give": ["gives", "gave", "given", "giving"],
        "make": ["makes", "made", "making"],
        "go": ["goes", "went", "gone", "going"],
        "bring": ["brings", "brought", "bringing"],
        "win": ["wins", "won", "winning"],
        "get": ["gets", "got", "gotten", "getting"],
        "lift": ["lifts", "lifted", "lifting"],
        "hold": ["holds", "held", "holding"],
        "run": ["runs", "ran", "running"],
        "push": ["pushes", "pushed", "pushing"],
        "slip": ["slips", "slipped", "slipping"],
        "ship": ["ships", "shipped", "shipping"],
        "scrap": ["scraps", "scrapped", "scrapping"],
        "stop": ["stops", "stopped", "stopping"],
        "ban": ["bans", "banned", "banning"],
        "bar": ["bars", "barred", "barring"],
        "plan": ["plans", "planned", "planning"],
        "axe": ["axes", "axed", "axing"],
        "deny": ["denies", "denied", "denying"],
        "fall": ["falls", "fell", "fallen", "falling"],
        "nix": ["nixes", "nixed", "nixing"],
        "pull": ["pulls", "pulled", "pulling"],
        "wind": ["winds", "wound", "winding"],
    ]

    /// Every form of one phrase (itself first).
    static func variants(of phrase: String) -> [String] {
        var words = phrase.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty, words.allSatisfy({ $0.unicodeScalars.allSatisfy { $0.isASCII } }) else { return [phrase] }
        var result = [phrase]
        func add(_ candidate: [String]) {
            let joined = candidate.joined(separator: " ")
            if !result.contains(joined) { result.append(joined) }
        }
        if let head = words.firstIndex(where: inflectable) {
            for form in verbForms(words[head]) {
                var copy = words
                copy[head] = form
                add(copy)
            }
        }
        if words.count > 1, let last = words.indices.last, inflectable(words[last]) {
            let plural = self.plural(words[last])
            words[last] = plural
            add(words)
        }
        return result
    }

    private static func inflectable(_ word: String) -> Bool {
        word.count >= 3 && !fixed.contains(word.lowercased()) && !word.hasSuffix("*")
            && word.unicodeScalars.allSatisfy { ($0.value >= 0x61 && $0.value <= 0x7A) }
            && !word.hasSuffix("ed") && !word.hasSuffix("ing")
    }

    static func verbForms(_ word: String) -> [String] {
        if let forms = irregular[word] { return forms }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let chars = Array(word)
        let last = chars[chars.count - 1]
        if last == "e" {
            let stem = String(chars.dropLast())
            return [word + "s", word + "d", stem + "ing"]
        }
        if last == "y", chars.count > 1, !vowels.contains(chars[chars.count - 2]) {
            let stem = String(chars.dropLast())
            return [stem + "ies", stem + "ied", word + "ing"]
        }
        let sibilant = word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z") || word.hasSuffix("ch") || word.hasSuffix("sh")
        return [word + (sibilant ? "es" : "s"), word + "ed", word + "ing"]
    }

    static func plural(_ word: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let chars = Array(word)
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("ch") || word.hasSuffix("sh") { return word + "es" }
        if word.hasSuffix("y"), chars.count > 1, !vowels.contains(chars[chars.count - 2]) { return String(chars.dropLast()) + "ies" }
        return word + "s"
    }
}

extension Forms {
    /// The spellings of a process node the press uses for one size: "3nm", "3 nm", "3-nanometre",
    /// "3 nanometers". An alias that names a size in any of them stands for all (matching drops
    /// spaces and hyphens, so "3 nm" and "3-nm" are "3nm"); any other alias is itself alone.
    static func nodeSpellings(_ alias: String) -> [String] {
        let lowered = alias.lowercased()
        let size = lowered.prefix { $0.isNumber || $0 == "." }
        guard !size.isEmpty, size.first!.isNumber else { return [alias] }
        let unit = lowered.dropFirst(size.count).filter { $0 != " " && $0 != "-" }
        guard ["nm", "nanometer", "nanometers", "nanometre", "nanometres"].contains(unit) else { return [alias] }
        return ["nm", "nanometer", "nanometers", "nanometre", "nanometres"].map { size + " " + $0 }
    }
}
