import Core

/// The features a signal's confidence is computed from: what it claims (kind, modality,
/// field) and how it was read (the facts SignalReader kept: a weak or headline-only word, a
/// product taken from the headline, a governing predicate, several products in the sentence,
/// Chinese text, ...), plus whether headline and body say the same. Names are stable: they
/// are the keys of `confidence_model` (feeds/confidence.yaml), trained on the tune split by
/// Tests/Evaluation/train-confidence.py.
enum SignalFeatures {
    /// What the whole item says about its signals.
    struct ItemContext {
        /// The item speaks of revenue, shares or results somewhere.
        var results: Bool
        /// Where the body's first sentence starts (the lede states the news).
        var ledeStart: Int?
        /// How many signals the item gave.
        var signals: Int
    }

    /// "item:same-kind:0" ... "item:same-kind:3" and "item:kinds:0" ... "item:kinds:3", written once.
    static let sameKind = (0...3).map { "item:same-kind:\($0)" }
    static let kinds = (0...3).map { "item:kinds:\($0)" }

    static func of(_ signal: Signal, facts: [String], all: [Signal], item: ItemContext) -> [String] {
        var features = ["kind:" + signal.event.rawValue, "modality:" + signal.modality.rawValue]
        features += facts
        if item.results { features.append("item:results-language") }
        if item.signals > 3 { features.append("item:many-signals") }
        if signal.evidence.field == "text", signal.evidence.start == item.ledeStart { features.append("position:lede") }
        if signal.evidence.field == "title" { features.append("field:title") }
        let other = signal.evidence.field == "title" ? "text" : "title"
        if all.contains(where: { $0.evidence.field == other && $0.event == signal.event
                                 && (signal.event.isTrade || $0.product == signal.product) && $0.modality.isEvent }) {
            features.append("item:headline-and-body-agree")
        }
        if !signal.event.isTrade, signal.product == nil { features.append("product:none") }
        // Corroboration and spread: a claim the item makes in several sentences is more often
        // right; an item giving many kinds of events at once is more often misread.
        // (Counted in place: filtering copied every signal, for every signal.)
        var sameKind = 0
        var kinds = Set<EventKind>()
        for told in all where told.modality != .recap {
            if told.event == signal.event { sameKind += 1 }
            kinds.insert(told.event)
        }
        features.append(SignalFeatures.sameKind[min(sameKind, 3)])
        features.append(SignalFeatures.kinds[min(kinds.count, 3)])
        return features
    }

    /// The confidence the extractor states: the model's probability when the dictionary ships
    /// one, otherwise the reading heuristic's value; two decimals.
    static func confidence(_ signal: Signal, features: [String], model: ConfidenceModel?) -> Double {
        guard let model else { return signal.confidence }
        return (model.probability(features) * 100).rounded() / 100
    }
}
