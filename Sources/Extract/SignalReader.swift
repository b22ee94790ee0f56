import Core

/// Reads the signals of one field sentence by sentence, then reconciles the headline with
/// the body (the body wins: a headline's "launches" over a body's "plans to" is a plan).
/// A class, not a struct: its closures and helpers would otherwise copy the compiled
/// dictionary's many arrays with every call (a tenth of the extractor's time).
final class SignalReader {
    let compiled: CompiledDictionary
    let names: NameResolution
    let published: Day?

    init(compiled: CompiledDictionary, names: NameResolution, published: Day?) {
        self.compiled = compiled
        self.names = names
        self.published = published
    }

    /// How many words a negation reaches forward: "has not yet shipped", "not planning to ship".
    static let negationWords = 4
    /// What a name in another clause of the sentence costs, in code points of distance.
    static let otherClauseCost = 120
    /// How long before publication a stated month makes its event a recap.
    static let pastMonthDays = 45
    /// How far past publication a stated window must run for a ship not told as begun to be a
    /// plan ("ships this month", written on the 20th, is too close to call).
    static let aheadDays = 14

    private struct Candidate {
        var signal: Signal
        var position: Int
        var facts: [String]
    }

    /// What was seen while reading each kept signal (its reading features, see Confidence),
    /// by `SignalReader.key`.
    private(set) var facts: [String: [String]] = [:]

    /// A signal's place: field, sentence, and what it is about (its product, or its kind for
    /// an export-control signal), which reconciling the headline does not change.
    static func key(_ s: Signal) -> String {
        "\(s.evidence.field):\(s.evidence.start):" + (s.event.isTrade ? s.event.rawValue : (s.product ?? "-"))
    }

    func signals(in field: FieldReading) -> [Signal] {
        var result: [Signal] = []
        for sentence in field.sentences {
            let words = field.words.filter { sentence.range.contains($0.hit.start) }
            let events = words.compactMap { entry -> (FieldReading.Hit, EventKind, CompiledDictionary.EventClass)? in
                guard case .event(let kind, let eventClass) = entry.word else { return nil }
                if eventClass == .headlineOnly && field.name != "title" { return nil }
                return (entry.hit, kind, eventClass)
            }
            guard !events.isEmpty, !SignalReader.asks(field.match.scalars, sentence.range) else { continue }
            let cues = words.compactMap { entry -> (FieldReading.Hit, ChipDictionary.Cue)? in
                if case .cue(let cue) = entry.word { return (entry.hit, cue) } else { return nil }
            }
            let tokens = Token.tokens(field.match.scalars, sentence.range)
            // A heading or fragment that is only its event word ("Introduction", "公布。") claims nothing.
            if tokens.allSatisfy({ token in events.contains { $0.0.start <= token.start && token.end <= $0.0.end } }) { continue }
            let scope = Scope(tokens: tokens, sentence: sentence)
            let mentions = names.mentions(in: field.name, sentence.range)
            // The fiscal calendar only where a sentence speaks of fiscal periods.
            let fiscal = tokens.contains { $0.text == "fiscal" || $0.text.hasPrefix("fy") } ? fiscalYearEnd(mentions) : nil
            let windows = DateReader(published: published, fiscalYearEnd: fiscal).read(tokens, field.match.scalars)
            let quantities = QuantityReader.read(tokens)
            let evidence = Evidence(text: "", field: field.name, start: sentence.range.lowerBound, end: sentence.range.upperBound)
            var candidates: [Candidate] = []
            for (hit, kind, eventClass) in events {
                // "Samsung won a waiver" against "the tariff has exemptions for US plants": a
                // measure named as a topic is news only where its sentence acts on it now.
                if eventClass == .topic && field.name != "title" && !acts(on: hit, sentence, events, cues) { continue }
                guard case (var signal, let facts)? = read(hit, kind, eventClass, sentence: sentence, scope: scope, cues: cues, windows: windows,
                                                 mentions: mentions, evidence: evidence) else { continue }
                signal.quantities = quantities
                candidates.append(Candidate(signal: signal, position: hit.start, facts: facts))
            }
            // "suppliers paused production after customs blocked shipments": a halt caused by a
            // trade measure in the same sentence is that measure applied (labelling guide, decision 1).
            if candidates.contains(where: { $0.signal.event == .restrict }) {
                for index in candidates.indices where candidates[index].signal.event == .cancel
                    && candidates[index].facts.contains("scope:halt") {
                    var signal = candidates[index].signal
                    signal.event = .restrict
                    // An export-control signal names its products in `products` and has no window.
                    if let product = signal.product, !signal.products.contains(product) { signal.products.append(product) }
                    signal.product = nil
                    signal.window = nil
                    signal.windowText = nil
                    candidates[index].signal = signal
                }
            }
            // The sentence's text only when it is evidence for something.
            var merged = merge(candidates)
            if !merged.isEmpty {
                let text = field.text(sentence.range)
                let cjk = text.unicodeScalars.contains(where: MatchText.isCJK)
                let named = Set(mentions.flatMap(\.products)).count
                for index in merged.indices {
                    merged[index].signal.evidence.text = text
                    var seen = merged[index].facts
                    if cjk { seen.append("text:chinese") }
                    if named > 1 { seen.append("sentence:several-products") }
                    if candidates.count > 1 { seen.append("sentence:several-event-words") }
                    facts[SignalReader.key(merged[index].signal)] = seen
                }
            }
            result += merged.map(\.signal)
        }
        return result
    }

    /// Whether a topic noun's sentence acts on it: a `measure` cue ("won", "获得") or another
    /// event word ("granted ... licences", "announced") in its clause or before it.
    private func acts(on hit: FieldReading.Hit, _ sentence: Sentence,
                      _ events: [(FieldReading.Hit, EventKind, CompiledDictionary.EventClass)],
                      _ cues: [(FieldReading.Hit, ChipDictionary.Cue)]) -> Bool {
        let clause = sentence.clause(of: hit.start)
        func near(_ other: FieldReading.Hit) -> Bool { other.start < hit.start || sentence.clause(of: other.start) == clause }
        return cues.contains { $0.1 == .measure && near($0.0) }
            || events.contains { $0.2 != .topic && $0.0.start != hit.start && near($0.0) }
    }

    /// Words that date an announcement to the day it was written.
    static let today: WordSet = ["today", "tonight"]
    /// Prepositions that open a sentence on an adverbial rather than on its subject.
    static let adverbialOpenings: WordSet = ["after", "following", "before", "unlike", "like", "compared", "despite"]
    /// Words that may open an apposition before its name.
    static let determiners: WordSet = ["the", "a", "an", "its", "their", "his", "her"]
    /// Verbs of reported speech: a "would" after them is the "will" of what was said.
    static let reporting: WordSet = ["said", "says", "announced", "stated"]
    /// Words that date an event to a day just before publication: the weekday (Calendar's
    /// numbering, Sunday 1), or 0 for yesterday.
    static let recentDays: [String: Int] = ["yesterday": 0, "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4,
                                            "thursday": 5, "friday": 6, "saturday": 7]

    /// A question claims nothing: "Will Nvidia launch the B100 this year?", a headline's
    /// "华为推出芯片备胎计划?", an analyst's question on an earnings call.
    static func asks(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var end = range.upperBound - 1
        while end > range.lowerBound, ["\"", "'", "”", "’", "」", ")", "）", " "].contains(scalars[end]) { end -= 1 }
        return end >= range.lowerBound && (scalars[end] == "?" || scalars[end] == "？")
    }

    private func read(_ hit: FieldReading.Hit, _ originalKind: EventKind, _ eventClass: CompiledDictionary.EventClass,
                      sentence: Sentence, scope: Scope, cues: [(FieldReading.Hit, ChipDictionary.Cue)], windows: [StatedWindow],
                      mentions: [NameResolution.Mention], evidence: Evidence) -> (Signal, [String])? {
        var kind = originalKind
        let clause = sentence.clause(of: hit.start)
        func has(_ cue: ChipDictionary.Cue, _ test: (FieldReading.Hit) -> Bool = { _ in true }) -> Bool {
            cues.contains { $0.1 == cue && test($0.0) }
        }
        // "according to Intel", "according to the Commerce Department": the actor's own word.
        func ownWord(_ cue: FieldReading.Hit) -> Bool {
            guard let range = scope.tokenRange(cue.start, cue.end), scope.tokens[range.lowerBound].text == "according" else { return false }
            return mentions.contains { $0.start >= cue.end && $0.start <= cue.end + 5 && (!$0.vendors.isEmpty || !$0.agencies.isEmpty) }
        }
        let government = scope.governmentBefore(hit.start, hit.end)
            || mentions.contains { !$0.agencies.isEmpty && $0.end <= hit.start && sentence.clause(of: $0.start) == clause
                && $0.agencies.contains { compiled.dictionary.agencies[$0].kind == .regulator } }
        var scopedRecap = false, scopedDenial = false, sampling = false
        var facts: [String] = []
        switch scope.read(start: hit.start, end: hit.end, kind: kind, governmentInClause: government) {
        case .keep: break
        case .drop: return nil
        case .kind(let changed):
            kind = changed
            facts.append("scope:governed")
            if scope.retells(start: hit.start, end: hit.end) { scopedRecap = true }
        case .sampling: kind = .announce; sampling = true; facts.append("scope:sampling")
        case .recap: scopedRecap = true
        case .denied: scopedDenial = true
        case .future: facts.append("scope:infinitive")
        }
        if kind == .cancel, scope.halts(start: hit.start, end: hit.end) { facts.append("scope:halt") }
        // "announced on Thursday that its revenue reached a record": the reported clause names no
        // product, so the announcement is of something else (results, funding, a cut); the clause's
        // own event words read it ("announced that" itself is ignored).
        if kind == .announce, let that = scope.reportedClause(after: hit.start, hit.end),
           !mentions.contains(where: { $0.start > that && !$0.products.isEmpty }) { return nil }
        switch eventClass {
        case .weak: facts.append("word:weak")
        case .headlineOnly: facts.append("word:headline-only")
        case .topic: facts.append("word:topic")
        case .normal: break
        }
        let negated = scopedDenial || has(.negation) { $0.lastWord < hit.firstWord && hit.firstWord - $0.lastWord <= SignalReader.negationWords
                                                        && sentence.clause(of: $0.start) == clause }
            // inside an "A ... B" phrase: "deliveries of the 950DT have yet to begin"
            || has(.negation) { $0.start > hit.start && $0.end < hit.end }
        // "If Samsung can't improve yields, it might have to cancel the Exynos 2500": a chip event
        // a modal hangs on a condition is a hypothesis (a government's is a measure weighed).
        if !kind.isTrade, let first = scope.tokens.first, Scope.conditions.contains(first.text),
           sentence.clause(of: first.start) != clause, scope.modalVerb(before: hit.start, inClause: clause)
            || scope.tokens.contains(where: { $0.start < hit.start && sentence.clause(of: $0.start) == clause && $0.text == "would" }) {
            return nil
        }
        // "Samsung's 3nm nodes are suffering from very low yields", "从良率问题中恢复": yield trouble
        // is a slip only where the sentence says what it holds back (shipments affected, a delay).
        if kind == .slip, let range = scope.tokenRange(hit.start, hit.end),
           scope.tokens[range].contains(where: { $0.text.hasPrefix("yield") }) || Scope.chinese(scope.tokens[range]).includes("良率"),
           !scope.tokens.contains(where: { token in Scope.yieldConsequences.contains { token.text.hasPrefix($0) } }),
           !["延", "推迟", "影响", "出货", "交货", "供货", "短缺"].contains(where: scope.sentence.chinese.includes) {
            return nil
        }
        // "predicts a Rmb1bn shortfall": money short in a results sentence, not a product short.
        if kind == .slip, has(.results), let range = scope.tokenRange(hit.start, hit.end),
           range.contains(where: { scope.tokens[$0].text.hasPrefix("shortfall") }) { return nil }
        // "research indicates that over 900 tons of H100s were shipped", "shipments rose to 1.2
        // million units, analysts said": a market count of a product already selling, not its start.
        // "has already shipped tens of thousands of its chips", "已经出货数万片": a running total.
        if kind == .ship, scope.statesVolume, has(.results) || has(.reported) || scope.tokens.contains(where: { Scope.counting.contains($0.text) })
            || scope.tokens.contains(where: { $0.text == "already" }) || scope.sentence.chinese.includes("已经"),
           !scope.tokens.contains(where: { Scope.beginning.contains($0.text) || $0.text == "first" }) { return nil }
        // "on track" disputes a slip in its own clause: "3nm, 2nm on track, Arizona fab delayed
        // to 2025" reports the fab's delay beside the nodes' schedule.
        let denied = has(.denial) || (kind == .slip && has(.counter) { sentence.clause(of: $0.start) == clause })
        // "announced a few weeks back", "unveiled two years ago": an "ago" dates its clause from
        // either side.
        func ago(_ cue: FieldReading.Hit) -> Bool {
            guard let range = scope.tokenRange(cue.start, cue.end) else { return false }
            return ["ago", "back"].contains(scope.tokens[range.upperBound - 1].text) && sentence.clause(of: cue.start) == clause
        }
        // "had previously been set for mid-2025 but has now been pushed back": what follows "but"
        // or "now" after the recap cue is the news.
        // ("公司早前公布新一代GPU,现已完成流片": 现已, 如今, 但 turn to the news the same way.)
        func turns(after cue: FieldReading.Hit) -> Bool {
            let between = scope.tokens.filter { $0.start >= cue.end && $0.end <= hit.start }
            return between.contains { $0.text == "but" || $0.text == "now" }
                || ["但", "现已", "如今", "现在"].contains(where: Scope.chinese(between[...]).includes)
        }
        // "launched several generations over the years", "多年来推出": a span of the past dates its
        // clause from after the word too.
        func span(_ cue: FieldReading.Hit) -> Bool {
            guard cue.start > hit.start, sentence.clause(of: cue.start) == clause,
                  let range = scope.tokenRange(cue.start, cue.end) else { return false }
            let words = scope.tokens[range]
            return ["for", "over", "in"].contains(words.first?.text ?? "") && words.contains { ["years", "decades"].contains($0.text) }
                || Scope.chinese(words).includes("年来")
        }
        let recapCue = scopedRecap || has(.recap) { $0.start <= hit.start && (sentence.clause(of: $0.start) == clause
                                                                                || scope.opensWithRecap($0.start)) && !turns(after: $0)
                                                    || ago($0) || span($0) }
        // A chip event in the future is a plan; a government's "will" reports its decision.
        // (Not a relief's own object: "withdrew the proposed rule" is done, whatever the rule was.)
        func plans(_ cue: FieldReading.Hit) -> Bool {
            (cue.start < hit.start || sentence.clause(of: cue.start) == clause) && !(kind == .relax && cue.start >= hit.start && cue.end <= hit.end)
        }
        var planned = facts.contains("scope:infinitive") || has(.planned, plans)
            || (!kind.isTrade && has(.future) { $0.start < hit.start || sentence.clause(of: $0.start) == clause })
        var window = chooseWindow(windows, for: hit, kind: kind)
        // "was supposed to herald a return to leadership": an expectation with no date is no
        // schedule that moved ("was supposed to launch in 2024" is).
        if kind == .slip, window == nil, let range = scope.tokenRange(hit.start, hit.end),
           range.contains(where: { scope.tokens[$0].text == "supposed" }) { return nil }
        // "has already faced delays", "hit by delays in its 7nm chips", "its delays since
        // inception": delays as a product's history, with no date of their own, are its
        // background, not news that a schedule moved.
        if kind == .slip, window == nil, evidence.field != "title", scope.historyOfDelays(hit.start, hit.end) { return nil }
        var dateRecap = false
        if let past = window, past.past, let published, kind == .announce || kind == .ship || kind.isTrade {
            // "introduced in July": the date of what happened, not a promise; old news is a recap.
            // The date must be the word's own: in "approved the first licences since controls were
            // introduced on August 1", August 1 dates the controls, not the approval.
            if (past.lastDay ?? past.window.end) < published.adding(days: -SignalReader.pastMonthDays),
               !scope.subordinateBetween(hit.end, past.start) {
                dateRecap = true
            }
            // An unveiling keeps the day it happened ("unveiled on March 20"): the milestone's
            // quarter (labelling guide, decision 37); a day is never taken for a promise, so it
            // raises no date conflict. Any other past date is dropped.
            if kind != .ship && !(kind == .announce && past.window.granularity == .day) { window = nil }
        }
        // "announced today", "unveils tonight", 今天, 昨日: the day of publication or the one before
        // (decision 37).
        if window == nil, kind == .announce, let published {
            let chinese = scope.tokens.contains { $0.text == "今" || $0.text == "昨" } ? scope.sentence.chinese : ""
            if scope.tokens.contains(where: { sentence.clause(of: $0.start) == clause && SignalReader.today.contains($0.text) })
                || ["今天", "今日"].contains(where: chinese.includes) {
                window = StatedWindow(window: .day(published), start: hit.start, end: hit.end, text: "today")
            } else if ["昨天", "昨日"].contains(where: chinese.includes) {
                window = StatedWindow(window: .day(published.adding(days: -1)), start: hit.start, end: hit.end, text: "yesterday")
            }
        }
        // "unveiled on Monday", "announced yesterday": the day itself, the last such day up to
        // publication; its quarter is the milestone's (decision 37), and a day is never a promise.
        if window == nil, kind == .announce, let published,
           let word = scope.tokens.first(where: { sentence.clause(of: $0.start) == clause && SignalReader.recentDays[$0.text] != nil }),
           let weekday = SignalReader.recentDays[word.text] {
            let back = weekday == 0 ? 1 : (Day.calendar.component(.weekday, from: published.date) - weekday + 7) % 7
            window = StatedWindow(window: .day(published.adding(days: -back)), start: hit.start, end: hit.end, text: word.text)
        }
        if let window, let published {
            // A plan whose window closed long ago ("in 2018 Li announced Baidu would launch
            // Kunlun", written in 2021) is history too: a plan is news only while it is ahead.
            if window.window.end < published.adding(days: -Extractor.recapDays) { dateRecap = true }
            // "enters mass production in Q2 2024", written in January 2024, is a plan.
            if kind == .ship, published < window.window.start { planned = true }
            // "ships by year-end", "於今年下半年量產", written in October: a stated window still
            // running that the clause does not tell as begun or done is a plan too.
            // (The window must be the clause's own: "全面生产Vera Rubin" beside "今年要非常努力" is
            // a state now, whatever else this year holds.)
            if kind == .ship, !window.past, window.window.end > published.adding(days: SignalReader.aheadDays),
               sentence.clause(of: window.start) == clause, !scope.tellsAsDone(hit.start, hit.end) { planned = true }
        }
        var modality: Modality
        // An export control that is considered, drafted or proposed is planned whoever reports
        // it (labelling guide, decision 44); a chip event keeps its source's word first.
        // "would be added to the Entity List": a measure in the conditional is one under consideration,
        // but not "the ministry said it would impose controls", the "will" of reported speech.
        // So is one an official "may", "could" or "might" take ("he may allow Nvidia to sell").
        func conditional(_ cue: FieldReading.Hit) -> Bool {
            guard let range = scope.tokenRange(cue.start, cue.end), scope.tokens[range.lowerBound].text == "would" else { return false }
            return !scope.tokens[..<range.lowerBound].contains { SignalReader.reporting.contains($0.text) }
        }
        let measurePlanned = kind.isTrade && (has(.planned, plans)
            || has(.future) { $0.start < hit.start && sentence.clause(of: $0.start) == clause && conditional($0) }
            || scope.modalVerb(before: hit.start, inClause: clause))
        if negated || denied { modality = .denied }
        else if recapCue || dateRecap { modality = .recap }
        else if measurePlanned { modality = .planned }
        else if has(.rumour, { !scope.modal($0.start, $0.end) || $0.start < hit.start && sentence.clause(of: $0.start) == clause }) {
            // A modal ("could", "might") hedges the event it governs, not one whose clause it
            // follows: "a major announcement was made that could reshape the market".
            modality = .rumour
        }
        else if has(.reported, { !scope.addressed($0.start) && !scope.byline($0.start, $0.end) && !ownWord($0) }) { modality = .reported }
        else if planned { modality = .planned }
        else { modality = .confirmed }
        // A delay is news when it is announced, even of a later date: "will be delayed" is a slip.
        if kind == .slip && modality == .planned { modality = .confirmed }
        if kind == .ship && planned && modality != .denied && modality != .recap {
            // "expects to ship 14 million more", "shipments are expected to reach 1.5 million units":
            // a volume forecast, not a milestone (labelling guide, decisions 14 and 31).
            if scope.statesVolume { return nil }
            kind = .announce
        }
        // An announcement's modality says who vouches for it: a vendor's stated plan is confirmed.
        if kind == .announce && modality == .planned { modality = .confirmed }

        var confidence = 0.9
        if eventClass == .weak { confidence *= 0.75 }
        if eventClass == .headlineOnly { confidence *= 0.9 }
        let dictionary = compiled.dictionary
        // The name in the word's own clause first: "Huawei's 910C, a rival to Nvidia's H20, shipped".
        // "disclosed plans for its successor, the Ascend 950": a name set beside the word's
        // clause, right after its break, renames what the clause speaks of and belongs to it.
        func appositive(_ m: NameResolution.Mention) -> Bool {
            guard m.start >= hit.end, let comma = sentence.clauseBreaks.first(where: { $0.at >= hit.end }), comma.at < m.start,
                  !sentence.clauseBreaks.contains(where: { $0.at > comma.at && $0.at < m.start }) else { return false }
            return scope.tokens.allSatisfy { $0.start <= comma.at || $0.start >= m.start || SignalReader.determiners.contains($0.text) }
        }
        func cost(_ m: NameResolution.Mention) -> Int {
            distance(m.start, m.end, hit) + (sentence.clause(of: m.start) == clause || appositive(m) ? 0 : SignalReader.otherClauseCost)
        }
        var nearest = mentions.filter { !$0.products.isEmpty }.min { cost($0) < cost($1) }
        // No name in the word's clause: the sentence's subject (its first name, before the word)
        // over a name in an aside ("Huawei's 910C, a rival to Nvidia's H100, entered production").
        // A sentence that opens on an adverbial ("After the Ascend 910C, Xu disclosed ...") has
        // its subject after it.
        if let chosen = nearest, sentence.clause(of: chosen.start) != clause, !appositive(chosen),
           let subject = mentions.first(where: { !$0.products.isEmpty }), subject.start < hit.start,
           sentence.clause(of: subject.start) == 0, !SignalReader.adverbialOpenings.contains(scope.tokens.first?.text ?? "") {
            nearest = subject
        }
        // "launched a service based on the Kunlun P800": what is announced is the service.
        if kind == .announce, let chosen = nearest, chosen.start >= hit.end, scope.namesPartOf(from: hit.end, to: chosen.start) {
            return nil
        }
        var product: Int? = nearest.map { names.resolved($0.products[0]) }
        // "XPeng abandoned plans for Nvidia's Thor", "TSMC stopped making Kirin chips": another
        // company dropping a chip is no cancel of it; a cancel is its maker's (labelling guide,
        // decisions 84 and 107).
        if kind == .cancel, let chosen = product, let maker = compiled.productVendor[chosen],
           let subject = mentions.first(where: { $0.end <= hit.start && sentence.clause(of: $0.start) == clause
                                                 && $0.products.isEmpty && !$0.vendors.isEmpty }),
           !subject.vendors.contains(maker) {
            return nil
        }
        // A model the dictionary does not know, named with its vendor in this sentence.
        var unknown: UnknownName? = nil
        if !kind.isTrade && product == nil {
            unknown = names.unknown.filter { $0.field == evidence.field && sentence.range.contains($0.start) }
                .min { distance($0.start, $0.end, hit) < distance($1.start, $1.end, hit) }
            if unknown != nil { confidence *= 0.85; facts.append("product:unknown") }
        }
        var site: Int? = nil
        var nameless: Int? = nil
        // A fab's dated start of production ("the Shanghai fab will enter volume production in
        // 2025", labelling guide, decision 71) is its vendor's plan with no product: the vendor
        // named in the sentence, else the item's.
        let siteStart = kind == .announce && window != nil && !dateRecap && scope.startsProduction(hit.start, hit.end)
        if !kind.isTrade && product == nil && unknown == nil, kind == .slip || kind == .cancel || siteStart, scope.namesSite(hit.start, hit.end),
           !government, !scope.endsPermission(hit.start, hit.end),
           let vendor = mentions.lazy.compactMap(\.vendors.first).first
            ?? (siteStart ? names.vendorIndices.first : nil) {
            // A fab or plant delayed or abandoned is its vendor's slip or cancel with no product.
            site = vendor
            facts.append("product:site")
        } else if !kind.isTrade && product == nil && unknown == nil {
            // A ship claim must name its product or point back to it ("the chip", "it"); a slip
            // or plan may point back to the headline's.
            // A site's launch or opening is not the focal product's ("delays Taylor fab launch").
            guard !scope.namesSite(hit.start, hit.end) else { return nil }
            // "Samsung begins mass production of 8th-gen V-NAND": a vendor, as the subject of its
            // clause, ships a chip the dictionary has no name for, as the item's headline (in the
            // body, even the lede, such sentences raised more false ships than they found).
            let vendorSubject = mentions.first { !$0.vendors.isEmpty && $0.start < hit.start && sentence.clause(of: $0.start) == clause }
            // So does the vendor's own announcement in the body: "Micron today announced volume
            // shipment of 1-alpha DRAM", "SK hynix announced it has begun mass production of ...".
            let announcer = mentions.first { !$0.vendors.isEmpty && $0.start < hit.start }
            let announcedStart = announcer.map { scope.announcesBetween($0.end, hit.start) } ?? false
            let namelessShip = kind == .ship && (vendorSubject != nil && evidence.field == "title" || announcedStart)
                && (scope.startsProduction(hit.start, hit.end) || announcedStart && scope.startsVolume(hit.start, hit.end))
                && scope.namesChip(hit.start, hit.end) && !has(.results) && !scope.statesVolume
                && !scope.governmentBefore(hit.start, hit.end)
            // "Renesas has suspended development of its next SiC chips": a vendor, the subject of
            // the clause, ending a chip the dictionary has no name for, the chip noun next to the word.
            let namelessCancel = kind == .cancel && vendorSubject != nil && scope.namesChip(hit.start, hit.end)
                && !has(.results) && !scope.governmentBefore(hit.start, hit.end)
            // "Microsoft's AI chip launch pushed to 2026", as a headline: the vendor's chip slips.
            let namelessSlip = kind == .slip && evidence.field == "title" && vendorSubject != nil
                && scope.namesChip(hit.start, hit.end) && !has(.results) && !scope.governmentBefore(hit.start, hit.end)
            if namelessShip || namelessCancel || namelessSlip, let subject = vendorSubject ?? announcer {
                nameless = subject.vendors.first
                confidence *= 0.7
                facts.append("product:nameless")
            } else if originalKind == .ship && !sampling && !scope.refersBack {
                return nil
            } else if let fallback = names.fallbackProduct {
                product = fallback
                confidence *= 0.8
                facts.append("product:focal")
            } else if kind == .announce, scope.namesChip(hit.start, hit.end), !has(.results),
                      !scope.governmentBefore(hit.start, hit.end) {
                // A chip the dictionary has no name for ("its 232-layer NAND", "该芯片"): the claim
                // stands without a product (it moves no milestone); dropping it lost most events
                // of news about products the dictionary lacks (labelled rounds 5 and 6). Only plans
                // and launches: unnamed ships, slips and cancels were wrong too often on tune
                // ("delivered a verdict", "shut down a smuggling network"); nor in results news,
                // nor a government's ("introduced the Chip Security Act").
                nameless = mentions.lazy.compactMap(\.vendors.first).first
                confidence *= 0.7
                facts.append("product:nameless")
            } else {
                return nil
            }
        } else if let nearest, !kind.isTrade {
            if sentence.clause(of: nearest.start) != clause { facts.append("product:other-clause") }
        }
        var vendors: [String] = []
        var products: [String] = []
        var lists: [String] = []
        var regulators: [String] = []
        if kind.isTrade {
            for mention in mentions {
                for p in mention.products {
                    let name = dictionary.products[names.resolved(p)].name
                    if !products.contains(name) { products.append(name) }
                    let vendor = dictionary.products[p].vendor
                    if !vendors.contains(vendor) { vendors.append(vendor) }
                }
                for v in mention.vendors where !vendors.contains(dictionary.vendors[v].name) { vendors.append(dictionary.vendors[v].name) }
                for a in mention.agencies {
                    let agency = dictionary.agencies[a]
                    if agency.kind == .regulator { if !regulators.contains(agency.name) { regulators.append(agency.name) } }
                    else if !lists.contains(agency.name) { lists.append(agency.name) }
                }
            }
        } else if let product {
            vendors = [dictionary.products[product].vendor]
        } else if let unknown {
            vendors = [unknown.vendor]
        } else if let site {
            vendors = [dictionary.vendors[site].name]
        } else if let nameless {
            vendors = [dictionary.vendors[nameless].name]
        }
        // Export-control signals carry no milestone window (labelling guide 0.2 rule 7).
        var stated = kind.isTrade ? nil : window
        if stated == nil, kind == .ship || sampling, modality == .confirmed || modality == .reported || modality == .rumour, let published {
            // "now generally available": the quarter it was written in.
            stated = StatedWindow(window: .quarter(containing: published), start: hit.start, end: hit.end, text: "as of publication")
        }
        if kind.isTrade && lists.isEmpty && regulators.isEmpty { facts.append("trade:no-list-or-regulator") }
        if let stated { facts.append(stated.text == "as of publication" ? "window:publication" : "window:stated") }
        let signal = Signal(vendors: vendors, product: product.map { dictionary.products[$0].name } ?? unknown?.name, event: kind,
                            modality: modality, window: stated?.window, windowText: stated?.text, quantities: [],
                            evidence: evidence, confidence: (confidence * 100).rounded() / 100,
                            lists: lists, regulators: regulators, products: products, known: unknown == nil)
        return (signal, facts)
    }

    /// The fiscal calendar that applies to a sentence: its first vendor with one, else the item's.
    private func fiscalYearEnd(_ mentions: [NameResolution.Mention]) -> Int? {
        let dictionary = compiled.dictionary
        var vendors: [Int] = []
        for mention in mentions {
            vendors += mention.vendors
            vendors += mention.products.compactMap { compiled.productVendor[$0] }
        }
        vendors += names.vendorIndices
        return vendors.lazy.compactMap { dictionary.vendors[$0].fiscalYearEnd }.first
    }

    private func distance(_ start: Int, _ end: Int, _ hit: FieldReading.Hit) -> Int {
        // Ties go to the name after the word: "unveiled its next chip, the Ascend 920".
        if start >= hit.end { return (start - hit.end) * 2 }
        if end <= hit.start { return (hit.start - end) * 2 + 1 }
        return 0
    }

    /// The window a word speaks of: the nearest in its sentence; for a slip, the latest
    /// (the new date: "from Q4 to the first quarter of 2025").
    private func chooseWindow(_ windows: [StatedWindow], for hit: FieldReading.Hit, kind: EventKind) -> StatedWindow? {
        if kind == .slip {
            return windows.max { a, b in a.window.end < b.window.end }
        }
        // "On October 14, Oracle announced plans to deploy the MI450 from Q3 2026": an
        // announcement's milestone is the date it promises; the day it was made is the
        // milestone only when it promises none (labelling guide 0.2 rule 7, decision 37).
        let promised = kind == .announce ? windows.filter { !$0.past } : []
        return (promised.isEmpty ? windows : promised).min { distance($0.start, $0.end, hit) < distance($1.start, $1.end, hit) }
    }

    /// One signal per product (the strongest claim) and per export-control kind in a sentence.
    /// An announcement in a sentence that reports an export-control move is the vehicle of
    /// that move ("Huang announced the US has approved H20 licences"), not a product announce.
    private func merge(_ candidates: [Candidate]) -> [Candidate] {
        var candidates = candidates
        if candidates.contains(where: { $0.signal.event.isTrade && $0.signal.modality.isEvent }) {
            candidates.removeAll { $0.signal.event == .announce }
        }
        // A sentence has a few candidates: a list searched in order, not a dictionary.
        var chosen: [(key: String, candidate: Candidate)] = []
        for candidate in candidates {
            let signal = candidate.signal
            let key = signal.event.isTrade ? "trade:\(signal.event.rawValue)" : "product:\(signal.product ?? "")"
            guard let index = chosen.firstIndex(where: { $0.key == key }) else {
                chosen.append((key, candidate))
                continue
            }
            let current = chosen[index].candidate
            let a = (signal.modality.isEvent ? 1 : 0, signal.event.strength)
            let b = (current.signal.modality.isEvent ? 1 : 0, current.signal.event.strength)
            if a > b { chosen[index].candidate = candidate }
        }
        return chosen.map(\.candidate)
    }
}
