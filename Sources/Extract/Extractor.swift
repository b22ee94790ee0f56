import Core
import Foundation

/// Turns one item's title and text into the vendors and products it mentions and the
/// signals it states. Pure: no store, no clock but the item's own date.
public struct Extractor: Sendable {
    let compiled: CompiledDictionary

    public init(dictionary: ChipDictionary) {
        compiled = CompiledDictionary(dictionary)
    }

    public init(compiled: CompiledDictionary) {
        self.compiled = compiled
    }

    /// How long ago a stated window must have ended for its event to count as a recap: news
    /// is about the last few months; "the launch of the 910C in Q1" written in September is history.
    static let recapDays = 90

    public func extract(title: String, text: String, published: Date?) -> ItemExtraction {
        extractWithFeatures(title: title, text: text, published: published).extraction
    }

    /// The extraction and, for each signal in order, the features its confidence came from
    /// (`chipwatch extract-text --features`, used to train the confidence model).
    public func extractWithFeatures(title: String, text: String, published: Date?) -> (extraction: ItemExtraction, features: [[String]]) {
        let read = read(title: title, text: text, published: published)
        return (read.extraction, read.features)
    }

    /// The extraction and the item's story keys (`StoryKey`), hashed from the fields the
    /// extractor has already normalised: what the extract stage records.
    public func extractWithStoryKeys(title: String, text: String, published: Date?)
        -> (extraction: ItemExtraction, simhash: UInt64, titleKey: String) {
        let read = read(title: title, text: text, published: published)
        return (read.extraction, StoryKey.simhash(read.fields.map(\.match)), StoryKey.titleKey(read.fields[0].match))
    }

    private func read(title: String, text: String, published: Date?)
        -> (extraction: ItemExtraction, features: [[String]], fields: [FieldReading]) {
        let fields = [FieldReading(name: "title", text: title, compiled: compiled),
                      FieldReading(name: "text", text: text, compiled: compiled)]
        let names = NameResolution(fields: fields, compiled: compiled)
        let day = published.map(Day.init)
        let reader = SignalReader(compiled: compiled, names: names, published: day)
        var perField: [[Signal]] = []
        for field in fields {
            perField.append(reader.signals(in: field))
        }
        // "Nvidia reports $44.1 billion in Q1 revenue": a company reporting its results is no
        // source marker over the body.
        var titleCues = fields[0].cueKinds
        if titleCues.contains(.results) { titleCues.remove(.reported) }
        var signals = reader.reconcile(title: perField[0], body: perField[1], titleCues: titleCues)
        SignalReader.attributeAcrossSentences(&signals, body: fields[1])
        // "suppliers paused production after customs blocked the chip": in an item that reports a
        // trade measure, a halt of production or supply is that measure applied, not a product's
        // end (labelling guide, decisions 1 and 35), wherever the item names the measure.
        if signals.contains(where: { $0.event == .restrict && $0.modality.isEvent }) {
            signals.removeAll { $0.event == .cancel && (reader.facts[SignalReader.key($0)] ?? []).contains("scope:halt") }
        }
        let facts = signals.map { reader.facts[SignalReader.key($0)] ?? [] }
        var features: [[String]] = []
        let item = SignalFeatures.ItemContext(results: fields[0].cueKinds.contains(.results) || fields[1].cueKinds.contains(.results),
                                              ledeStart: fields[1].sentences.first?.range.lowerBound, signals: signals.count)
        for index in signals.indices {
            names.upgradeFamily(&signals[index])
            features.append(SignalFeatures.of(signals[index], facts: facts[index], all: signals, item: item))
        }
        for index in signals.indices {
            signals[index].confidence = SignalFeatures.confidence(signals[index], features: features[index],
                                                                  model: compiled.dictionary.confidenceModel)
        }
        return (ItemExtraction(vendors: names.vendorNames, products: names.productNames, signals: signals,
                               unknownProducts: names.unknownNames), features, fields)
    }
}

/// One field (title or text) matched against the dictionary. A class: it is handed to every
/// reader of the field, and copying its arrays at each hand-over cost more than reading them.
final class FieldReading {
    struct Hit {
        var start: Int
        var end: Int
        var firstWord: Int
        var lastWord: Int
    }

    let name: String
    let match: MatchText
    let sentences: [Sentence]
    /// Names: every candidate reading of each chosen span (one alias may name several products).
    let names: [(hit: Hit, refs: [CompiledDictionary.Name])]
    /// Event words and cues in text order, with `A ... B` phrases joined.
    let words: [(hit: Hit, word: CompiledDictionary.Word)]

    init(name: String, text: String, compiled: CompiledDictionary) {
        self.name = name
        let match = MatchText(text)
        self.match = match
        let sentences = Sentences.split(match.scalars)
        self.sentences = sentences
        func hit(_ m: PhraseMatcher.Match) -> Hit {
            let range = match.originalRange(m.start, m.end)
            return Hit(start: range.lowerBound, end: range.upperBound, firstWord: Int(match.word[m.start]),
                       lastWord: Int(match.word[m.end]))
        }
        let (nameMatches, wordMatches) = PhraseMatcher.allMatches(compiled.names, compiled.words, in: match)
        var names: [(Hit, [CompiledDictionary.Name])] = []
        for chosen in PhraseMatcher.leftmostLongest(nameMatches) {
            // Names spelt out to this end ("Kirin 9000S") before a plural reading ("Kirin 9000" + s).
            let same = nameMatches.filter { $0.start == chosen.start && $0.end == chosen.end }
            let spelt = same.filter { !$0.plural }
            let refs = (spelt.isEmpty ? same : spelt).map { compiled.nameRefs[$0.pattern] }
            names.append((hit(chosen), refs))
        }
        self.names = names

        // Event words and cues are chosen separately, so "which launched" is both a recap
        // cue and a launch; within each, the longest phrase wins ("resume shipping" over "shipping").
        var eventWords: [PhraseMatcher.Match] = []
        var cueWords: [PhraseMatcher.Match] = []
        var firsts: [PhraseMatcher.Match] = []
        var seconds: [PhraseMatcher.Match] = []
        for m in wordMatches {
            switch compiled.wordRefs[m.pattern] {
            case .gapFirst: firsts.append(m)
            case .gapSecond: seconds.append(m)
            case .cue: cueWords.append(m)
            case .event, .ignore: eventWords.append(m)
            }
        }
        var words: [(Hit, CompiledDictionary.Word)] = (PhraseMatcher.leftmostLongest(eventWords) + PhraseMatcher.leftmostLongest(cueWords))
            .map { (hit($0), compiled.wordRefs[$0.pattern]) }
        for first in firsts {
            guard case .gapFirst(let gap) = compiled.wordRefs[first.pattern] else { continue }
            let a = hit(first)
            let sentence = sentences.first { $0.range.contains(a.start) }
            let second = seconds.first { candidate in
                guard case .gapSecond(let other) = compiled.wordRefs[candidate.pattern], other == gap else { return false }
                let b = hit(candidate)
                return b.start >= a.end && b.firstWord - a.lastWord <= CompiledDictionary.gapWords
                    && sentence?.range.contains(b.start) == true
            }
            guard let second else { continue }
            let b = hit(second)
            let joined = Hit(start: a.start, end: b.end, firstWord: a.firstWord, lastWord: b.lastWord)
            words.append((joined, .event(compiled.gaps[gap].kind, compiled.gaps[gap].eventClass)))
        }
        self.words = words.sorted { $0.0.start < $1.0.start }
    }

    /// Which cue kinds appear anywhere in the field (a headline's "- report"); read once.
    private(set) lazy var cueKinds: Set<ChipDictionary.Cue> =
        Set(words.compactMap { if case .cue(let cue) = $0.word { return cue } else { return nil } })

    /// The original text of a code-point range.
    func text(_ range: Range<Int>) -> String { String(scalars: match.scalars[range]) }
}
