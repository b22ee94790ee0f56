import Core

/// What the words around an event word do to it: the predicate that governs it ("halt
/// shipments", "a hold on restrictions", "by deploying"), negation after it ("deliveries have
/// yet to begin"), what is announced and who announces it. Reads the tokens of the word's
/// own clause only, so a cue in another clause never reaches it.
struct Scope {
    enum Reading: Equatable {
        /// The word states its event.
        case keep
        /// The word is not a claim here (an object of another verb, a modifier, a comparison).
        case drop
        /// The governing predicate changes the event: "halt production" is a cancel.
        case kind(EventKind)
        /// A shipment of samples: sampling, announced as of when it is written.
        case sampling
        /// A recap: "the rules introduced by the previous administration".
        case recap
        /// Negated after the word: "shipments have yet to begin".
        case denied
        /// An infinitive of purpose or plan: "an agreement with OpenAI to deploy".
        case future
    }

    let tokens: [Token]
    /// Token index of each clause break: a token's clause is the number of breaks before it.
    let clauseOf: [Int]
    /// The first and last token of each clause, by clause number (a clause resumed after an
    /// aside spans it).
    let clauseFirst: [Int]
    let clauseLast: [Int]
    /// What holds for the whole sentence, read once however many event words it has.
    let sentence: SentenceFacts

    /// Facts of the whole sentence, each computed on first use (a class, so a `let` scope
    /// can fill it in): checks that scanned every token for each event word cost 2% of the
    /// extract benchmark (perf, 2026-12-07).
    final class SentenceFacts {
        private let tokens: [Token]
        init(_ tokens: [Token]) { self.tokens = tokens }
        /// The sentence's CJK characters run together.
        lazy var chinese: String = Scope.chinese(tokens[...])
        /// "charged with smuggling chips in violation of export controls", "走私...被起诉".
        lazy var tellsEnforcement: Bool = tokens.contains(where: { Scope.enforcing.contains($0.text) })
            || ["走私", "起诉", "逮捕", "判刑", "罚款"].contains(where: chinese.includes)
        /// See `Scope.statesVolume`.
        lazy var statesVolume: Bool = tokens.contains { Scope.volumeWords.contains($0.text) }
    }

    init(tokens: [Token], sentence: Sentence) {
        self.tokens = tokens
        self.sentence = SentenceFacts(tokens)
        clauseOf = tokens.map { sentence.clause(of: $0.start) }
        var first = [Int](repeating: -1, count: (clauseOf.max() ?? 0) + 1), last = first
        for (i, clause) in clauseOf.enumerated() {
            if first[clause] < 0 { first[clause] = i }
            last[clause] = i
        }
        clauseFirst = first
        clauseLast = last
    }

    /// The CJK characters of `tokens`, run together (Chinese has no words to count).
    static func chinese(_ tokens: ArraySlice<Token>) -> String {
        var han = ""
        for token in tokens where token.isCJK { han += token.text }
        return han
    }

    /// The CJK characters of a word's clause just before it (Chinese has no words to count).
    private func chinesePrefix(_ range: Range<Int>) -> String {
        var scalars: [Unicode.Scalar] = []
        var i = range.lowerBound - 1
        let clause = clauseOf[range.lowerBound]
        // A name in Latin letters between is passed over ("撤销拜登时期AI芯片出口限制"), as after it.
        while i >= 0, i >= range.lowerBound - 16, scalars.count < 12, clauseOf[i] == clause {
            if tokens[i].isCJK { scalars.insert(contentsOf: tokens[i].text.unicodeScalars, at: 0) }
            i -= 1
        }
        return String(scalars: scalars)
    }

    /// The CJK characters of a word's clause just after it (tokens hold them in simplified
    /// forms already); a name in Latin letters between is passed over ("交付HBM3E内存样品" -> "内存样品").
    func chineseSuffix(_ range: Range<Int>, _ count: Int = 6) -> String {
        var scalars: [Unicode.Scalar] = []
        var i = range.upperBound
        let clause = clauseOf[range.lowerBound]
        while i < tokens.count, i < range.upperBound + 12, scalars.count < count, clauseOf[i] == clause {
            if tokens[i].isCJK { scalars.append(contentsOf: tokens[i].text.unicodeScalars) }
            i += 1
        }
        return String(scalars: scalars)
    }

    func tokenRange(_ start: Int, _ end: Int) -> Range<Int>? {
        guard let first = tokens.firstIndex(where: { $0.end > start }) else { return nil }
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].start < end { last += 1 }
        return first..<(last + 1)
    }

    /// Nouns a ship word can modify that make it a plan: "mass production timing".
    static let scheduleNouns: WordSet = ["timing", "timeline", "timelines", "schedule", "schedules", "plan", "plans",
                                         "target", "targets", "roadmap", "window", "date", "dates"]

    /// Sites a schedule can be about that are not products (labelling guide, decision 47).
    static let sites: WordSet = ["fab", "fabs", "megafab", "megafabs", "factory", "factories", "plant", "plants",
                                 "facility", "facilities", "厂"]
    static let permissions: WordSet = ["status", "authorization", "authorisation", "licence", "license", "licences",
                                       "licenses", "permit", "permits", "exemption", "waiver"]

    /// "further delaying plans to open two chip fabrication facilities": the event is a site's.
    func namesSite(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        let clause = clauseOf[range.lowerBound]
        return tokens.indices.contains { clauseOf[$0] == clause && Scope.sites.contains(tokens[$0].text) }
    }

    /// Whether what a word ends is a permission, not a site or product: "终止...南京厂的VEU资格",
    /// "revoked the fab's validated end-user status".
    func endsPermission(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        let following = after(range, 24)
        return following.contains { Scope.permissions.contains($0.text) }
            || ["资格", "授权", "许可"].contains(where: Scope.chinese(following[...]).includes)
    }

    /// The tokens of the clause before and after a word, nearest first before.
    /// (A bracketed aside inside the clause is stepped over: its clause is another, and the
    /// clause goes on after it.)
    func before(_ range: Range<Int>, _ limit: Int) -> [Token] {
        var out: [Token] = []
        var i = range.lowerBound - 1
        let clause = clauseOf[range.lowerBound]
        while i >= 0, out.count < limit, clauseOf[i] == clause || isAside(i, within: clause) {
            if clauseOf[i] == clause { out.append(tokens[i]) }
            i -= 1
        }
        return out
    }

    func after(_ range: Range<Int>, _ limit: Int) -> [Token] {
        var out: [Token] = []
        var i = range.upperBound
        let clause = clauseOf[range.upperBound - 1]
        while i < tokens.count, out.count < limit, clauseOf[i] == clause || isAside(i, within: clause) {
            if clauseOf[i] == clause { out.append(tokens[i]) }
            i += 1
        }
        return out
    }

    /// Token `i` is in an aside that `clause` resumes after: a later token is in `clause` again
    /// and an earlier one too (clause numbers are only reused after a closing bracket).
    private func isAside(_ i: Int, within clause: Int) -> Bool {
        guard clauseOf[i] > clause, clause < clauseFirst.count else { return false }
        return clauseFirst[clause] < i && i < clauseLast[clause]
    }

    /// The word is a halt or pause ("paused production", "halted shipments", "暂停出货"): an
    /// event that may be a trade measure applied rather than a product's end.
    func halts(start: Int, end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        func halting(_ token: Token) -> Bool {
            Scope.halting.contains(token.text) || token.text.hasPrefix("pause")
        }
        if range.contains(where: { halting(tokens[$0]) }) || before(range, 3).contains(where: halting) { return true }
        // Chinese is read a character a token: 暂停 / 停产 / 停止 in the word or just before it.
        guard tokens[range].contains(where: \.isCJK) || (range.lowerBound > 0 && tokens[range.lowerBound - 1].isCJK) else { return false }
        let han = chinesePrefix(range) + Scope.chinese(tokens[range])
        return ["暂停", "暫停", "停产", "停產", "停止"].contains(where: han.includes)
    }

    /// Words that make a chip the part of something else: "a service based on the P800",
    /// "phones powered by the Kirin 9010", "搭载麒麟芯片".
    static let vehicle: WordSet = ["based", "powered", "uses", "using", "built", "running", "runs",
                                   "equipped", "featuring", "carrying", "carries", "trained"]

    static let chineseVehicle = ["搭载", "搭載", "基于", "基於", "采用", "採用", "配备", "配備"]

    /// Between an event word and the name after it, a word that makes the name a part of what
    /// the event is about: "announced ERNIE Bot, which uses the Kunlun 2" announces ERNIE Bot.
    func namesPartOf(from start: Int, to end: Int) -> Bool {
        guard let first = tokens.firstIndex(where: { $0.start >= start }) else { return false }
        var last = first
        while last < tokens.count, tokens[last].end <= end { last += 1 }
        let between = tokens[first..<last]
        if between.contains(where: { Scope.vehicle.contains($0.text) }) { return true }
        // Chinese is read a character a token: look for the words in the characters joined.
        guard between.contains(where: \.isCJK) else { return false }
        let han = Scope.chinese(between)
        return Scope.chineseVehicle.contains(where: han.includes)
    }

    /// Participles that tell what was done to a measure before: "the curbs imposed last year".
    static let imposing: WordSet = ["imposed", "introduced", "announced", "issued", "enacted", "adopted", "unveiled",
                                    "implemented", "tightened", "expanded"]

    /// Words that open a subordinate clause: what follows them has its own verb and date.
    static let subordinators: WordSet = ["since", "after", "before", "when", "because", "while", "until", "once"]

    /// A subordinate clause opens between two places of the sentence: in "approved licences
    /// since controls were introduced on August 1", August 1 dates the controls.
    func subordinateBetween(_ a: Int, _ b: Int) -> Bool {
        let (from, to) = a < b ? (a, b) : (b, a)
        return tokens.contains { $0.start >= from && $0.end <= to && Scope.subordinators.contains($0.text) }
    }

    /// The word retells what came before the news: a past perfect ("had barred shipments"),
    /// a time long past ("a year ago"), a demonstrative ("these delays"), a background clause
    /// ("after the U.S. lifted the ban") or a relative clause ("a measure which added 11 firms").
    /// Checked also where a governing predicate changed the word's kind ("had barred shipments"
    /// is a restriction, and an old one).
    func retells(start: Int, end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        return retells(range, wider: before(range, 6), next: after(range, 8))
    }

    /// (`wider` and `next` are the six tokens before and eight after, as `read` has them.)
    private func retells(_ range: Range<Int>, wider: [Token], next: [Token]) -> Bool {
        let last = tokens[range.upperBound - 1].text
        let previous = wider.prefix(4)
        // "had barred shipments", "had been slated for 2026": the past perfect tells what came
        // before the news, unless it is reported speech ("said it had begun shipping").
        if previous.prefix(3).contains(where: { $0.text == "had" }) || (previous.count >= 2 && previous[0].text == "been" && previous[1].text == "had"),
           !tokens[..<range.lowerBound].contains(where: { Scope.reporting.contains($0.text) }) {
            return true
        }
        // "launched its Goya processor a year ago", "introduced six years ago": a time long past
        // (months or more, not "two days ago", which is the news) is a recap.
        // (`previous` runs nearest first, so the unit follows "ago" there and precedes it in `next`.)
        let unitOfAgo = previous.firstIndex { $0.text == "ago" }.flatMap { $0 + 1 < previous.count ? previous[$0 + 1].text : nil }
            ?? next.firstIndex { $0.text == "ago" }.flatMap { $0 > 0 ? next[$0 - 1].text : nil }
        if let unit = unitOfAgo, ["year", "years", "decade", "decades", "months"].contains(unit) { return true }
        // "these delays", "such restrictions": a demonstrative points back to what was told before.
        if let p = previous.first, ["these", "those", "such"].contains(p.text) { return true }
        // "after the U.S. lifted the ban", "after US President Donald Trump imposed a ban": the
        // clause is the background of the news.
        if wider.contains(where: { $0.text == "after" || $0.text == "following" }) { return true }
        // "a measure which added 11 firms to the list": a relative clause retells an earlier event.
        if let p = previous.first, p.text == "which" || (p.text == "that" && last.hasSuffix("ed")), last.hasSuffix("ed") {
            return true
        }
        // "rules which were introduced in 2023".
        if last.hasSuffix("ed"), previous.count >= 2, ["was", "were"].contains(previous[0].text),
           ["that", "which"].contains(previous[1].text) {
            return true
        }
        return false
    }

    /// The word is described by what was done to it before: "an export ban that was imposed over
    /// a row", "the curbs imposed last year". Checked after the governing verbs, which make
    /// their own news of the measure ("will exempt chips from an export ban that was imposed").
    /// (`next`: the clause's tokens after the word, as `read` has them.)
    private func described(_ next: [Token]) -> Bool {
        let following = next.prefix(3).map(\.text)
        if following.count >= 3, ["that", "which"].contains(following[0]), ["was", "were", "had"].contains(following[1]),
           following[2].hasSuffix("ed") {
            return true
        }
        if let n = following.first, Scope.imposing.contains(n), following.count >= 2,
           ["in", "last", "by", "on", "earlier", "over", "under", "during"].contains(following[1]) {
            return true
        }
        return false
    }

    func read(start: Int, end: Int, kind: EventKind, governmentInClause: Bool) -> Reading {
        guard let range = tokenRange(start, end) else { return .keep }
        let head = tokens[range.lowerBound].text
        let last = tokens[range.upperBound - 1].text
        let wider = before(range, 6)
        let previous = wider.prefix(4)
        let next = after(range, 8)
        // The CJK characters before the word, read once and only where a Chinese check asks.
        lazy var prefix = chinesePrefix(range)

        // "is not a ban", "was no delay": the word is what something is said not to be.
        if previous.count >= 2, ["a", "an"].contains(previous[0].text), ["not", "no"].contains(previous[1].text) {
            return .drop
        }
        if kind == .ship || kind == .announce {
            // "在Mate70系列发布之前", "量产以来", "发布前夕": the word dates other news.
            if range.upperBound < tokens.count, tokens[range.upperBound].isCJK, clauseOf[range.upperBound] == clauseOf[range.lowerBound],
               ["之前", "之后", "前夕", "以来", "后的", "前的"].contains(where: chineseSuffix(range, 3).hasPrefix) { return .drop }
            // "halt shipments", "suspend production", "stop deliveries", "停止出货": the claim is the halt.
            if previous.prefix(3).contains(where: { Scope.halting.contains($0.text) })
                || (range.lowerBound > 0 && tokens[range.lowerBound - 1].isCJK
                    && ["停止", "暂停", "暫停", "停发", "停發"].contains(where: prefix.suffix(6).includes)) {
                // A government halting shipments is a restriction; a vendor halting production a cancel.
                if governmentInClause { return .kind(.restrict) }
                if range.contains(where: { tokens[$0].text.hasPrefix("produc") || tokens[$0].text == "manufacturing" }) { return .kind(.cancel) }
                return .drop
            }
            // "by deploying", "for shipping": a circumstance of another claim.
            if let p = previous.first, Scope.circumstance.contains(p.text), head.hasSuffix("ing") { return .drop }
            // "the model, launched on Jan. 10", "a laptop that Huawei debuted", "launched a new model":
            // what is launched or deployed is software or a device, not a chip.
            // (A model "now running on" chips is the chips deployed: this is for announcements.)
            if kind == .announce, previous.prefix(3).contains(where: { Scope.notChips.contains($0.text) })
                || next.prefix(3).contains(where: { Scope.notChips.contains($0.text) })
                || next.prefix(5).contains(where: { Scope.notChipObjects.contains($0.text) })
                    // (unless a chip is launched with it: "car oriented SoCs", "a G7 SUV with its AI chip")
                    && !next.prefix(8).contains(where: { Scope.chipNouns.contains($0.text) }) { return .drop }
        }
        if actsOnNoChip(range, kind: kind, previous: previous, next: next) { return .drop }
        if kind == .ship, let p = previous.first, Scope.resuming.contains(p.text), governmentInClause {
            return .kind(.relax)
        }
        if kind == .ship {
            // "shipped samples", "samples were delivered": sampling is a pre-production milestone.
            let near = previous.prefix(2).map(\.text) + next.prefix(5).map(\.text)
            if near.contains(where: { $0 == "samples" || $0 == "sample" || $0 == "sampling" }) { return .sampling }
            if previous.prefix(2).contains(where: { Scope.preProduction.contains($0.text) }) { return .sampling }
            // "交付HBM3E内存样品": samples in Chinese; "出货量", "交付量": a volume, not a start.
            let following = chineseSuffix(range)
            if !following.isEmpty {
                if following.includes("样品") { return .sampling }
                if following.hasPrefix("量"), range.upperBound < tokens.count, tokens[range.upperBound].isCJK { return .drop }
                // "供货比例", "出货成绩", "出货占比": a share or a showing, a statistic of a product selling.
                if ["比例", "占比", "份额", "成绩", "表现", "比重"].contains(where: following.hasPrefix) { return .drop }
                // "出货时间点", "量产时程": a schedule spoken of, not a start; what it says of the
                // schedule is another word's claim ("时程顺势调整" states no date). ("量产计划", a
                // plan, is read by the plan cue.)
                if ["时间", "时程", "时点", "日程", "节奏", "进展", "进度"].contains(where: following.hasPrefix) { return .drop }
                // "出货放量", "出货高峰", "出货明显拉高", "出货成长": volume of a product already selling.
                if ["放量", "高峰", "拉高", "成长", "增长", "动能", "规模", "明显"].contains(where: following.hasPrefix) { return .drop }
            }
            // "failing checks, preventing mass production": the start is held back.
            // ("the new controls prevented the shipment": the measure's effect, not a schedule.)
            if previous.prefix(3).contains(where: { Scope.hindering.contains($0.text) }) {
                return governmentInClause || wider.contains(where: { Scope.ruleObjects.contains($0.text) }) ? .drop : .kind(.slip)
            }
            // "outlined mass production timing", "the shipment schedule": a plan's date, not a start.
            if let n = next.first, Scope.scheduleNouns.contains(n.text) { return .kind(.announce) }
            // "unveils Panther Lake processors for high-volume production", "progress toward mass
            // production": production as a purpose or a goal, not a start.
            // ("on track for volume production next year", "preparing for mass production": a plan.)
            if let i = previous.prefix(2).firstIndex(where: { ["for", "toward", "towards"].contains($0.text) }),
               i == 0 || ["high", "mass", "volume", "full", "commercial", "the"].contains(previous[0].text) {
                return previous.dropFirst(i + 1).prefix(2).contains(where: { Scope.planningFor.contains($0.text) }) ? .future : .drop
            }
            // "available to preorder today", "open for reservations": orders taken for a later delivery.
            if next.prefix(3).contains(where: { Scope.ordering.contains($0.text) }) { return .kind(.announce) }
            // "the 2025 shipment forecast", "forecasts for ... shipments", "shipped annually".
            // A product name of several words may stand between ("forecasts for Arm-based GB200 NVL72 cabinet shipments").
            if (before(range, 9) + next.prefix(4)).contains(where: { Scope.forecasting.contains($0.text) }) { return .drop }
            // "the most advanced technology in mass production": a description, not news.
            if head == "in", let p = previous.first, !Scope.statusVerbs.contains(p.text) { return .drop }
            if previous.first?.text == "in", previous.count > 1, !Scope.statusVerbs.contains(previous[1].text) { return .drop }
            // "shipments were higher than expected", "deliveries rose 20%": volumes, not a milestone.
            if next.prefix(10).contains(where: { Scope.volumeChange.contains($0.text) }) { return .drop }
            // "to deploy", "to ship": a purpose or a plan, unless begun ("began to ship").
            if let p = previous.first, p.text == "to", previous.count < 2 || !Scope.beginning.contains(previous[1].text) {
                return .future
            }
            // "to launch mass production", "to start shipping", unless begun ("began to ...").
            if previous.count >= 2, Scope.opening.contains(previous[0].text), previous[1].text == "to",
               previous.count < 3 || !Scope.beginning.contains(previous[2].text) {
                return .future
            }
        }
        if kind == .relax {
            // "revoked the waivers", "ended the exemption": the relief is taken away.
            if wider.contains(where: { Scope.revoking.contains($0.text) }) { return .kind(.restrict) }
            // "needed to obtain a licence", "must receive permission": a requirement, not a grant.
            if previous.prefix(3).contains(where: { Scope.obliging.contains($0.text) }) { return .kind(.restrict) }
        }
        if retells(range, wider: wider, next: next) { return .recap }
        // "是否获批仍悬而未决", "日本是否会进一步放宽": a measure asked about is no claim.
        if kind.isTrade, range.lowerBound > 0, tokens[range.lowerBound - 1].isCJK || tokens[range].contains(where: \.isCJK),
           prefix.includes("是否") { return .drop }
        // "charged with smuggling chips in violation of export controls", "走私...被起诉": the
        // enforcement of a measure in force is no news of the measure (labelling guide, decisions 2, 191).
        if kind.isTrade, sentence.tellsEnforcement {
            return .drop
        }
        if kind == .restrict {
            // "a hold on restrictions", "a pause of the rule": the claim is the relief.
            if previous.prefix(3).contains(where: { Scope.holds.contains($0.text) }) { return .kind(.relax) }
            // "case-by-case instead of a presumption of denial": the measure being replaced.
            if previous.prefix(2).contains(where: { ["instead", "replacing", "replaces", "replaced", "than"].contains($0.text) }) {
                return .drop
            }
            // "lifted restrictions", "suspended its unreliable entity list", "放宽...出口管制".
            // ("exempt some Nexperia chips from an export ban": the object may stand between.)
            // A white list is a list of trusted partners: taking a country off it is the measure.
            let trustedList = tokens[range].contains { $0.text == "white" }
            if !trustedList, previous.prefix(4).contains(where: { Scope.relieving.contains($0.text) })
                || wider.contains(where: { $0.text.hasPrefix("exempt") }) { return .kind(.relax) }
            if Scope.chineseRelief.contains(where: prefix.includes) {
                return .kind(.relax)
            }
            // "华为目前仍列在实体清单上", "依然受到管制": a measure still in force is its state, not news.
            if ["仍列", "仍在", "仍然", "依然", "仍受"].contains(where: prefix.includes) { return .drop }
            // "对华为的禁令正在加速松绑": the measure is the subject of its easing.
            if range.upperBound < tokens.count, tokens[range.upperBound].isCJK,
               ["松绑", "放宽", "解除"].contains(where: chineseSuffix(range, 6).includes) {
                return .kind(.relax)
            }
        }
        // "if Nvidia is allowed to sell", "if both chips get delayed", "deciding whether ASML should
        // be allowed", "如果輝達獲准", "若获批": an event in a condition is a hypothesis, not news.
        // ("is considering whether to allow" is a measure weighed: planned, read by its cue.)
        if let i = wider.firstIndex(where: { Scope.conditions.contains($0.text) }),
           !(i + 1 < wider.count && Scope.weighing.contains(wider[i + 1].text)) { return .drop }
        if ["如果", "假如", "倘若", "若获", "若能", "若是"].contains(where: prefix.includes) { return .drop }
        if kind.isTrade, measureIsSetting(range, previous: previous, next: next, prefix: prefix) { return .drop }
        // "the rules introduced by ...": a participle after a noun, not the clause's verb.
        if last.hasSuffix("ed"), let n = next.first, n.text == "by", let p = previous.first,
           !Scope.auxiliaries.contains(p.text), kind == .announce || kind.isTrade {
            return .recap
        }
        // "deliveries of the Ascend 950DT have yet to begin", "shipments were not affected".
        if kind == .ship || kind == .slip || kind == .cancel {
            // (Tried only where a pattern's first word stands: every pattern at every offset
            // was 1% of the extract benchmark.)
            for offset in 0..<min(7, next.count) where Scope.negationStarts.contains(next[offset].text) {
                for pattern in Scope.afterNegation where offset + pattern.count <= next.count
                    && next[offset..<(offset + pattern.count)].elementsEqual(pattern, by: { $0.text == $1 }) {
                    return .denied
                }
            }
        }
        if kind == .ship, next.prefix(8).prefix(while: { !Scope.objectEnds.contains($0.text) })
            .contains(where: { Scope.deliveredNonProducts.contains($0.text) }) {
            return .drop
        }
        if kind == .ship, tokens[range.lowerBound].text.hasPrefix("deliver"),
           let result = next.prefix(4).firstIndex(where: { Scope.deliveredResults.contains($0.text) }),
           !next[next.startIndex..<result].contains(where: { Scope.timeBefore.contains($0.text) }) {
            return .drop
        }
        if kind == .ship {
            // "export licences for H200 shipments to China": shipments a permission is for.
            if previous.prefix(3).contains(where: { Scope.shipmentPermissions.contains($0.text) }) { return .drop }
            // "量产时程调整", "出货时间表": a schedule of production, not its start.
            let after = chineseSuffix(range, 3)
            if tokens[range.upperBound - 1].isCJK, ["时程", "日程", "进度"].contains(where: after.hasPrefix) {
                return .drop
            }
        }
        // "Net income slipped 3 percent", "shares slipped": a figure that fell, not a schedule.
        if kind == .slip, tokens[range.lowerBound].text.hasPrefix("slip"),
           previous.prefix(3).contains(where: { Scope.figures.contains($0.text) }) { return .drop }
        // "a structure that increases density while minimizing delays", "to avoid delays".
        if kind == .slip, previous.prefix(2).contains(where: { Scope.mitigating.contains($0.text) }) { return .drop }
        if kind == .slip || kind == .cancel {
            // "postponed its GTC keynote", "cancelled the streamed keynote": a moved or cancelled
            // occasion is not a product's schedule (labelling guide, decision 42).
            for token in next.prefix(8) {
                // "delayed the launch of its next AI model", "scrapped a planned app release".
                if Scope.notChips.contains(token.text) { return .drop }
                if Scope.occasions.contains(token.text) { return .drop }
                // "abandon proposals for tracking", "scrapped the deal": not a product.
                if kind == .cancel, Scope.cancelledNonProducts.contains(token.text) { return .drop }
                if Scope.objectEnds.contains(token.text) { break }
            }
            // "canceling orders", "取消现有订单": a buyer's order, not the product (labelling guide 0.2).
            if kind == .cancel {
                // ("a 50,000-chip order": the number and its unit stand between.)
                if next.prefix(6).contains(where: { $0.text == "orders" || $0.text == "order" }) {
                    return governmentInClause ? .kind(.restrict) : .drop
                }
                let following = Scope.chinese(next.prefix(6))
                if following.prefix(6).includes("订单") || following.prefix(6).includes("訂單") { return .drop }
                // 终止上市: a listing ended, not a product.
                if following.prefix(4).includes("上市") { return .drop }
            }
        }
        if kind == .announce {
            // Who announces: a government's announcement is a rule or a relief, never a product.
            if governmentInClause {
                for token in next.prefix(6) {
                    if Scope.reliefObjects.contains(token.text) { return .kind(.relax) }
                    if Scope.ruleObjects.contains(token.text) { return .kind(.restrict) }
                }
                return .drop
            }
            // 公布报告, 发布《...》, 发布指南: a report, a document or guidance is not a chip.
            let following = Scope.chinese(next.prefix(4))
            if Scope.chineseNonProducts.contains(where: { following.hasPrefix($0) || following.dropFirst().hasPrefix($0) }) { return .drop }
            // 上市 is also a company's listing: "沐曦股份在上市过程中", "提交上市申请", "科创板上市".
            if Scope.chinese(tokens[range]).includes("上市") {
                let before = prefix, after = chineseSuffix(range, 4)
                if Scope.listingBefore.contains(where: before.includes) || Scope.listingAfter.contains(where: after.hasPrefix) { return .drop }
            }
            // 发布重大资产重组预案, 发布第2季财报, 提交上市申请: corporate filings, not a chip.
            if Scope.chineseFilings.contains(where: String(Scope.chinese(next.prefix(8)).prefix(10)).includes) { return .drop }
            // "demand is coming from many places": where something comes from, not a launch.
            if tokens[range.lowerBound].text == "coming", next.first?.text == "from" { return .drop }
            if Scope.chineseGovernments.contains(where: prefix.includes) { return .drop }
            // What is announced: a deal, results or a policy is not a chip milestone.
            for token in next.prefix(6) {
                if Scope.nonProductObjects.contains(token.text) { return .drop }
                if token.text == "that" || token.text == "plans" || token.text == "plan" { break }
            }
        }
        if described(next) { return .recap }
        return .keep
    }

    /// Whether the cue word at `start` is who is spoken to, not who speaks: "told analysts",
    /// "on a call with analysts" report the speaker's own words.
    func addressed(_ start: Int) -> Bool {
        guard let index = tokens.firstIndex(where: { $0.start == start }), index > 0 else { return false }
        // "接受路透社採訪時說", "告诉彭博": the newsroom interviews the speaker, who is the source.
        if tokens[index].isCJK {
            let range = index..<(index + 1)
            let prefix = chinesePrefix(range), suffix = chineseSuffix(range, 8)
            return ["接受", "告诉", "告訴"].contains(where: prefix.hasSuffix)
                && (prefix.hasSuffix("告诉") || prefix.hasSuffix("告訴") || ["采访", "采訪", "专访", "專訪"].contains(where: suffix.includes))
        }
        guard tokens[index].text.hasPrefix("analyst") else { return false }
        var previous = index - 1
        // "told the analysts", "with Wall Street analysts"
        while previous > 0, ["the", "wall", "street", "industry", "financial"].contains(tokens[previous].text) { previous -= 1 }
        return ["told", "tells", "tell", "to", "with", "for", "briefed", "briefing"].contains(tokens[previous].text)
    }

    /// Whether a report word is a byline ("〔記者林菁樺／台北報導〕", "【记者…报道】"): the newsroom
    /// signing its own story, not a source it cites.
    func byline(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end), tokens[range].contains(where: \.isCJK) else { return false }
        let before = chinesePrefix(range)
        // (Tokens are folded to simplified forms where ChineseForms knows them: 記 is; 編譯 is not.)
        return ["记者", "编译", "編譯"].contains(where: before.includes)
    }

    /// Whether the sentence counts units or money ("14 million more", "1.5 million units",
    /// "several billion dollars", "50万件"): what a volume forecast talks in.
    var statesVolume: Bool { sentence.statesVolume }
    static let volumeWords: WordSet = ["million", "billion", "units", "cabinets", "wafers", "万", "亿", "件", "颗"]

    /// Nouns that point back to the item's product: "the chip", "the first systems".
    static let anaphors: WordSet = ["chip", "chips", "processor", "processors", "gpu", "gpus", "accelerator", "accelerators",
                                    "system", "systems", "product", "products", "card", "cards", "npu", "npus", "module",
                                    "modules", "platform", "superpod", "cluster", "part", "parts", "silicon", "units",
                                    "semiconductors", "process", "node", "nodes", "wafers", "processors", "line", "lines",
                                    "series", "family", "supercomputer", "supercomputers", "clusters", "machine"]

    /// Whether the word's clause speaks of a chip ("the new chip", "its 232-layer NAND", "该芯片"):
    /// a claim there is about a chip even when the dictionary has no name for it.
    func namesChip(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        let clause = clauseOf[range.lowerBound]
        // What is launched is next to the word: "unveiled its first AI chip", "its first chip will
        // launch", not "memory-chip maker Micron said it resumed shipments"; Chinese keeps the
        // clause whole ("新一代处理器将于明年发布").
        let near = before(range, 4) + tokens[range] + after(range, 8)
        return near.contains { Scope.chipNouns.contains($0.text) }
            || (tokens[range].contains(where: \.isCJK)
                && Scope.chineseChipNouns.contains(where: Scope.chinese(tokens[clauseFirst[clause]...clauseLast[clause]]).includes))
    }

    /// Whether the word starts production or shipping ("began mass production", "has started
    /// shipping", "投产"), not a state or a count of shipments ("shipment delays", "tripled shipments").
    func startsProduction(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        let own = tokens[range]
        // "delayed mass production of chips at its Taylor fab": the object of a slip, not a start.
        let stopping = ["delay", "postpon", "push", "halt", "suspend", "stop", "paus", "cancel", "scrap"]
        if before(range, 4).contains(where: { token in stopping.contains { token.text.hasPrefix($0) } }) { return false }
        if own.contains(where: { $0.text.hasPrefix("produc") || $0.text.hasPrefix("mass-produc") }) { return true }
        // "starts shipping", "began deliveries": the start is in the phrase itself.
        if own.contains(where: { Scope.beginning.contains($0.text) && !$0.text.hasPrefix("continu") }),
           own.contains(where: { $0.text.hasPrefix("ship") || $0.text.hasPrefix("deliver") }) { return true }
        if own.contains(where: \.isCJK) { return ["投产", "量产"].contains(where: Scope.chinese(own).includes) }
        return before(range, 3).contains { Scope.beginning.contains($0.text) && $0.text != "continue" && !$0.text.hasPrefix("continu") }
    }

    /// Where an announcement verb's reported clause begins: "announced on Thursday that ...",
    /// "revealed in a blog post that ..." (the start of "that"); nil when the verb has an object.
    func reportedClause(after start: Int, _ end: Int) -> Int? {
        guard let range = tokenRange(start, end) else { return nil }
        let next = after(range, 6)
        guard let that = next.firstIndex(where: { $0.text == "that" }),
              next[..<that].allSatisfy({ Scope.reportingAsides.contains($0.text) || SignalReader.recentDays[$0.text] != nil })
        else { return nil }
        return next[that].start
    }

    /// Whether an announcement verb stands between a name and a word: "Micron today announced
    /// volume shipment", "百度宣布...实现量产".
    /// Not when a purpose or object clause comes between: "announced an investment, with funds
    /// to be used for mass production".
    func announcesBetween(_ start: Int, _ end: Int) -> Bool {
        let between = tokens.filter { $0.start >= start && $0.end <= end }
        guard let verb = between.indices.first(where: { i in
            between[i].text.hasPrefix("announc") || between[i].text == "宣" && i + 1 < between.count && between[i + 1].text == "布"
        }) else { return false }
        return !between[verb...].contains { ["to", "for", "with", "plans", "plan", "will"].contains($0.text) }
    }

    /// Whether a shipping word names volume or first customer deliveries ("volume shipment",
    /// "mass shipments", "customer shipments"), not any shipment.
    func startsVolume(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        return (tokens[range] + before(range, 1)).contains { ["volume", "mass", "customer"].contains($0.text) }
    }

    /// Whether "delays" is a plural noun of history ("faced delays", "its notorious delays",
    /// "hit by delays"), not a verb ("Intel delays its 7nm") nor news of more ("further delays").
    func historyOfDelays(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end), range.count == 1, tokens[range.lowerBound].text == "delays",
              let previous = before(range, 1).first else { return false }
        return Scope.historyWords.contains(previous.text)
    }
    static let historyWords: WordSet = [
        "the", "its", "their", "his", "her", "of", "by", "to", "in", "from", "with", "multiple", "repeated", "several",
        "many", "recent", "earlier", "previous", "past", "notorious", "numerous", "been", "faced", "face", "faces",
        "facing", "suffered", "experienced", "years", "these", "those", "such", "product",
    ]

    /// Whether a modal verb ("may", "could", "might") stands before `start` in `clause`: "may"
    /// as a verb, not the month ("in May", "May 15").
    func modalVerb(before start: Int, inClause clause: Int) -> Bool {
        tokens.indices.contains { i in
            let t = tokens[i]
            guard t.end <= start, clauseOf[i] == clause, ["may", "could", "might"].contains(t.text) else { return false }
            if t.text != "may" { return true }
            let previous = i > 0 ? tokens[i - 1].text : ""
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            return !["in", "of", "since", "by", "until", "from", "early", "late", "mid", "end", "and", "to", "through"].contains(previous)
                && !(next.map { $0.text.unicodeScalars.allSatisfy(CharacterClass.isDigit) } ?? false)
                // "applications may now be reviewed case-by-case": a permission the rule gives.
                && next?.text != "now"
        }
    }

    /// Whether a cue is a modal verb ("could", "might", "may be"), which hedges only what it governs.
    func modal(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        return ["could", "might", "may"].contains(tokens[range.lowerBound].text)
    }

    /// Whether the sentence points back to a product named elsewhere ("it", "the chip").
    var refersBack: Bool {
        for (i, token) in tokens.enumerated() {
            if token.text == "it" || token.text == "它" || token.text == "该" { return true }
            // "the company has delivered": the company of the item's product.
            if token.text == "company" || token.text == "firm", i > 0, tokens[i - 1].text == "the" { return true }
            guard Scope.anaphors.contains(token.text), i > 0 else { continue }
            var j = i - 1
            // "the chip", "the new chip", "the first 950-based systems", "these chips", "over 10 systems"
            while j >= 0, i - j <= 3 {
                let word = tokens[j].text
                if ["the", "this", "these", "its", "their", "that", "those", "over", "more", "both", "all"].contains(word) { return true }
                if let first = word.unicodeScalars.first, CharacterClass.isDigit(first) { return true }
                j -= 1
            }
        }
        return false
    }

    /// Whether a time adverbial that opens the sentence ("Earlier this year, ...", "Last
    /// October, ...") places every claim of the sentence in the past. A clause that dates the
    /// main one after an earlier event ("Following the launch of the 910C, Xu disclosed plans
    /// for ...", "Days after the ban, ...") places only itself: what follows is the news.
    func opensWithRecap(_ cueStart: Int) -> Bool {
        guard let index = tokens.prefix(3).firstIndex(where: { $0.start == cueStart }) else { return false }
        return !Scope.afterEvent.contains(tokens[index].text)
    }

    /// First words of recap cues that place a clause after an earlier event.
    static let afterEvent: WordSet = ["following", "after", "days", "weeks", "months"]

    /// Whether the clause of a word names a government actor before the word (its subject).
    func governmentBefore(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return false }
        return before(range, 12).contains { Scope.governmentWords.contains($0.text) }
            || (range.lowerBound > 0 && tokens[range.lowerBound - 1].isCJK
                && Scope.chineseGovernments.contains(where: chinesePrefix(range).includes))
    }
}
