import Foundation
import Core

/// A `ChipDictionary` turned into two automata: one for names (vendors, products,
/// agencies), one for event words and cues. A class: every field reading, the name resolution
/// and the signal reader hold it, and a struct of a dozen arrays was retained field by field
/// at each hand-over.
public final class CompiledDictionary: Sendable {
    enum Name {
        case vendor(Int)
        /// `contextual`: a bare model number that needs its vendor named in the item.
        case product(Int, contextual: Bool)
        case agency(Int)
        /// A vendor's brand word ("Snapdragon"): the vendor, and the start of a model name.
        case line(Int)
    }

    enum EventClass { case normal, headlineOnly, weak, topic }

    enum Word {
        case event(EventKind, EventClass)
        case cue(ChipDictionary.Cue)
        case ignore
        /// The first or second half of an `A ... B` phrase.
        case gapFirst(Int)
        case gapSecond(Int)
    }

    struct Gap {
        var kind: EventKind
        var eventClass: EventClass
    }

    let dictionary: ChipDictionary
    let names: PhraseMatcher
    let nameRefs: [Name]
    let words: PhraseMatcher
    let wordRefs: [Word]
    let gaps: [Gap]
    /// Product index by canonical name.
    let productIndex: [String: Int]
    /// Each product's vendor index, by product index: read for every name a field holds, where
    /// a lookup by the vendor's name hashed it and copied the product (perf, 2026-12-08).
    let productVendor: [Int?]
    /// Vendors with process nodes among their products (foundries): "28nm" after one of them
    /// is a node of theirs; after any other vendor it is how their chip is made, not a name.
    let nodeVendors: Set<String>

    /// How many words may separate the halves of an `A ... B` phrase.
    static let gapWords = 16

    public init(_ dictionary: ChipDictionary) {
        self.dictionary = dictionary
        var names = PhraseMatcher()
        var nameRefs: [Name] = []
        func addName(_ phrase: String, _ ref: Name) {
            let (scalars, openEnd) = CompiledDictionary.split(phrase)
            // A model code names its units in the plural too: "A100s", "TPUv4s", "910Bs".
            var plural = false
            if case .product = ref, let last = scalars.last, last.properties.numericType != nil || scalars.contains(where: { $0.properties.numericType != nil }) && last.isASCII && last.properties.isUppercase {
                plural = true
            }
            if names.add(scalars, openEnd: openEnd, plural: plural) != nil { nameRefs.append(ref) }
        }
        for (i, vendor) in dictionary.vendors.enumerated() {
            for alias in [vendor.name] + vendor.aliases { addName(alias, .vendor(i)) }
            for brand in vendor.lines { addName(brand, .line(i)) }
        }
        for (i, product) in dictionary.products.enumerated() {
            // A node named in one spelling is found in all ("3nm", "3-nanometre"), each once.
            var spelt: Set<String> = []
            for alias in [product.name] + product.aliases {
                for form in Forms.nodeSpellings(alias) where spelt.insert(form.lowercased()).inserted {
                    addName(form, .product(i, contextual: false))
                }
            }
            for alias in product.contextAliases {
                for form in Forms.nodeSpellings(alias) where spelt.insert(form.lowercased()).inserted {
                    addName(form, .product(i, contextual: true))
                }
            }
        }
        for (i, agency) in dictionary.agencies.enumerated() {
            for alias in [agency.name] + agency.aliases { addName(alias, .agency(i)) }
        }
        names.compile()

        var words = PhraseMatcher()
        var wordRefs: [Word] = []
        var gaps: [Gap] = []
        func addWord(_ phrase: String, _ ref: Word) {
            let (scalars, openEnd) = CompiledDictionary.split(phrase)
            if words.add(scalars, openEnd: openEnd) != nil { wordRefs.append(ref) }
        }
        func addEvent(_ phrase: String, _ kind: EventKind, _ eventClass: EventClass) {
            let halves = phrase.components(separatedBy: "...")
            if halves.count == 2 {
                gaps.append(Gap(kind: kind, eventClass: eventClass))
                for form in Forms.variants(of: halves[0].trimmingCharacters(in: .whitespaces)) { addWord(form, .gapFirst(gaps.count - 1)) }
                for form in Forms.variants(of: halves[1].trimmingCharacters(in: .whitespaces)) { addWord(form, .gapSecond(gaps.count - 1)) }
            } else {
                for form in Forms.variants(of: phrase) { addWord(form, .event(kind, eventClass)) }
            }
        }
        for kind in EventKind.allCases {
            guard let vocabulary = dictionary.events[kind] else { continue }
            for phrase in vocabulary.phrases { addEvent(phrase, kind, .normal) }
            for phrase in vocabulary.headlineOnly { addEvent(phrase, kind, .headlineOnly) }
            for phrase in vocabulary.weak { addEvent(phrase, kind, .weak) }
            for phrase in vocabulary.topic { addEvent(phrase, kind, .topic) }
        }
        for cue in ChipDictionary.Cue.allCases {
            for phrase in dictionary.cues[cue] ?? [] { addWord(phrase, .cue(cue)) }
        }
        for phrase in dictionary.ignore { for form in Forms.variants(of: phrase) { addWord(form, .ignore) } }
        words.compile()

        self.names = names
        self.nameRefs = nameRefs
        self.words = words
        self.wordRefs = wordRefs
        self.gaps = gaps
        var productIndex: [String: Int] = [:]
        for (i, product) in dictionary.products.enumerated() { productIndex[product.name] = i }
        self.productIndex = productIndex
        var vendorIndex: [String: Int] = [:]
        for (i, vendor) in dictionary.vendors.enumerated() { vendorIndex[vendor.name] = i }
        productVendor = dictionary.products.map { vendorIndex[$0.vendor] }
        nodeVendors = Set(dictionary.products.filter { product in
            (product.aliases + product.contextAliases + [product.name]).contains { $0.hasSuffix("nm") || $0.hasSuffix("nanometer") }
        }.map(\.vendor))
    }

    /// A phrase's normalised code points, and whether it ends in `*`.
    static func split(_ phrase: String) -> ([Unicode.Scalar], Bool) {
        let trimmed = phrase.trimmingCharacters(in: .whitespaces)
        let openEnd = trimmed.hasSuffix("*")
        return (MatchText.normalisePhrase(openEnd ? String(trimmed.dropLast()) : trimmed), openEnd)
    }
}
