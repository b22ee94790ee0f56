import Core

/// The item read as a whole, once each field's sentences are read: the headline reconciled
/// with the body, and attribution carried from one sentence to the others.
extension SignalReader {
    /// The headline says what the body says: a headline event the body only recaps or
    /// denies is a recap or denial too; a headline ship the body calls a plan is a plan;
    /// and a headline marked "report" or "rumour" makes the body's claims reported.
    func reconcile(title: [Signal], body: [Signal], titleCues: Set<ChipDictionary.Cue>) -> [Signal] {
        var adjusted: [Signal] = []
        for var signal in title {
            let same = body.lazy.filter { $0.event == signal.event && (signal.event.isTrade || $0.product == signal.product) }
            if let first = same.first, !same.contains(where: { $0.modality.isEvent }) {
                signal.modality = first.modality
            }
            if signal.event == .ship, signal.modality.isEvent {
                let forProduct = body.lazy.filter { $0.product == signal.product && $0.modality.isEvent }
                if !forProduct.contains(where: { $0.event == .ship }),
                   let plan = forProduct.first(where: { $0.event == .announce }) {
                    signal.event = .announce
                    signal.modality = plan.modality
                    signal.window = signal.window ?? plan.window
                }
            }
            // A headline "announces" over a body that reports shipping is the shipping.
            if signal.event == .announce,
               body.contains(where: { $0.event == .ship && $0.product == signal.product && $0.modality.isEvent }) { continue }
            // The same claim in headline and body is one claim: keep the body's, with its details.
            // A headline's unnamed chip ("delays its AI chip") is the one the body names.
            if body.contains(where: { $0.event == signal.event && ($0.product == signal.product || signal.product == nil && !signal.event.isTrade)
                                      && $0.modality.isEvent == signal.modality.isEvent }) { continue }
            adjusted.append(signal)
        }
        // A headline that refutes rumours ("Intel Refutes Delay Rumors") does not make its body a rumour.
        let refuted = titleCues.contains(.denial)
        let marker: Modality? = titleCues.contains(.rumour) && !refuted ? .rumour : titleCues.contains(.reported) && !refuted ? .reported : nil
        var all = adjusted + body
        // A report the company denies stays a reported event, disputed: every report or rumour of
        // that event in the item carries the denial (labelling guide, domain.md 0.2 rule 4).
        let disputed = Set(all.lazy.filter { $0.modality == .denied && $0.event == .slip || $0.modality == .denied && $0.event == .cancel }
            .map { "\($0.event.rawValue):\($0.product ?? "")" })
        for index in all.indices where all[index].modality == .reported || all[index].modality == .rumour {
            if disputed.contains("\(all[index].event.rawValue):\(all[index].product ?? "")") { all[index].modality = .denied }
        }
        // Attribution in another sentence: a claim the item reports through sources in one
        // sentence and states plainly in another is still the sources' claim.
        var attributed: [String: Modality] = [:]
        for signal in all where signal.modality == .reported || signal.modality == .rumour {
            let group = "\(signal.event.rawValue):\(signal.event.isTrade ? "" : signal.product ?? "")"
            if attributed[group] != .rumour { attributed[group] = signal.modality }
        }
        for index in all.indices where all[index].modality == .confirmed {
            let group = "\(all[index].event.rawValue):\(all[index].event.isTrade ? "" : all[index].product ?? "")"
            if let modality = attributed[group] { all[index].modality = modality }
        }
        // A headline's hedge ("could be scrapped, sources say") hedges the reports under it.
        if let marker {
            for index in all.indices where all[index].modality == .confirmed || (marker == .rumour && all[index].modality == .reported) {
                all[index].modality = marker
            }
        }
        return all
    }

    /// Verbs that name a sentence's speaker.
    static let speaking: WordSet = ["said", "says", "told", "announced", "announces", "unveiled", "unveils", "confirmed",
                                    "confirms", "stated", "states", "wrote", "revealed", "reveals", "disclosed", "introduced",
                                    "launched", "showcased", "presented", "declared", "表示", "宣布", "发布", "公布", "称"]

    /// Who speaks without being named.
    static let unnamed: WordSet = ["they", "people", "sources", "source", "insiders", "insider", "person", "persons",
                                   "analysts", "analyst", "reports", "report", "media", "matter"]

    /// A body that names its sources in a sentence of their own ("..., the people said.",
    /// "according to people familiar with the matter") makes the item's plain claims theirs:
    /// confirmed becomes reported (or rumour), except where a sentence gives the actor's own words.
    static func attributeAcrossSentences(_ signals: inout [Signal], body: FieldReading) {
        guard signals.contains(where: { $0.modality == .confirmed }) else { return }
        let claimed = Set(signals.filter { $0.evidence.field == "text" }.map(\.evidence.start))
        var source: Modality? = nil
        var own = Set<Int>()
        for (hit, word) in body.words {
            guard case .cue(let cue) = word, cue == .reported || cue == .rumour || cue == .own,
                  let sentence = body.sentences.first(where: { $0.range.contains(hit.start) }) else { continue }
            if cue == .own { own.insert(sentence.range.lowerBound); continue }
            guard source != .rumour, !claimed.contains(sentence.range.lowerBound) else { continue }
            // Only named sourcing counts: "people familiar", "sources said", "insiders", 知情人士.
            let words = body.text(hit.start..<hit.end).lowercased()
            if ["familiar", "source", "insider", "知情", "消息人士", "reportedly"].contains(where: { words.contains($0) }) {
                source = cue == .rumour ? .rumour : .reported
            }
        }
        guard let source else { return }
        // A sentence that names who speaks ("TSMC announced", "Pichai unveiled", "Su said") gives
        // its own source; the item's sourcing elsewhere does not replace it.
        for sentence in body.sentences where !own.contains(sentence.range.lowerBound) && claimed.contains(sentence.range.lowerBound) {
            let words = Token.tokens(body.match.scalars, sentence.range).map(\.text)
            // "they said", "people familiar said" name no speaker: the sources speak.
            let named = words.indices.contains { i in
                SignalReader.speaking.contains(words[i]) && !words[max(0, i - 2)..<i].contains(where: { SignalReader.unnamed.contains($0) })
            }
            if named { own.insert(sentence.range.lowerBound) }
        }
        for index in signals.indices where signals[index].modality == .confirmed && !own.contains(signals[index].evidence.start) {
            signals[index].modality = source
        }
    }
}
