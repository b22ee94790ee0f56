import Core

/// What an event word acts on, where it is no chip's event: the object or setting of the word
/// decides, not the word (issue 13, "clause and argument scope"). Each check is read from the
/// tokens beside the word in its sentence, as `Scope.read` reads the rest.
extension Scope {
    /// Whether the word's object or setting makes its reading no chip event at all: a
    /// benchmark submission delivered, a bar to reach, a delay as the setting of other news, a
    /// model delayed, a deal or contest dropped, a relief that describes a chip.
    func actsOnNoChip(_ range: Range<Int>, kind: EventKind, previous: ArraySlice<Token>, next: [Token]) -> Bool {
        if kind == .ship, next.prefix(8).contains(where: { Scope.notShipped.contains($0.text) }) { return true }
        // "training and deploying AI models", "inference deployments", "the deployment of
        // next-gen AI": what is deployed is software or a workload, unless a chip is named with
        // it ("deploying AI chips", "inference deployments of the MI300X").
        if kind == .ship, tokens[range].contains(where: { $0.text.hasPrefix("deploy") }),
           !next.prefix(5).contains(where: { Scope.chipNouns.contains($0.text) || Scope.anaphors.contains($0.text) }),
           next.prefix(4).contains(where: { Scope.notChips.contains($0.text) || Scope.workloads.contains($0.text) })
            || previous.first.map({ Scope.workloads.contains($0.text) }) == true && !next.prefix(2).contains(where: { $0.text == "of" }) {
            return true
        }
        // "far below the 60% needed for mass production", "not good enough for a full production
        // run": a bar to reach, not a start.
        let bars = ["needed", "required", "enough", "necessary"]
        if kind == .ship, previous.count >= 2, bars.contains(previous[1].text),
           ["for", "to"].contains(previous[0].text) || (previous.count >= 3 && ["a", "the"].contains(previous[0].text)
                                                        && bars.contains(previous[2].text)) {
            return true
        }
        // "despite earlier product yield issues", "amid delays": a delay as the setting of other news.
        if kind == .slip, previous.prefix(3).contains(where: { ["despite", "amid", "amidst"].contains($0.text) }) { return true }
        // "DeepSeek had to delay the release of its newest model", "推迟发布其最新模型", "halted its
        // AI model development": a model delayed, halted or released is no chip's event.
        if (kind == .slip || kind == .cancel) && (next.prefix(6) + tokens[range]).contains(where: { Scope.notChips.contains($0.text) })
            || (kind == .slip || kind == .announce) && range.upperBound < tokens.count && tokens[range.upperBound].isCJK
                && Scope.chineseNotChips.contains(where: chineseSuffix(range, 8).includes) { return true }
        if kind == .cancel {
            // What is dropped is a deal, an order, a contest or a naming, not a product.
            if next.prefix(4).contains(where: { Scope.notCancelled.contains($0.text) }) { return true }
            if range.upperBound < tokens.count, tokens[range.upperBound].isCJK,
               Scope.chineseNotCancelled.contains(where: chineseSuffix(range, 4).hasPrefix) { return true }
        }
        // "give the green light to its planned purchase of Arm", "Biren's IPO gets green light": a
        // deal or listing cleared is no export relief.
        if kind == .relax, next.prefix(6).contains(where: { Scope.clearedNonExports.contains($0.text) }) {
            return true
        }
        if kind == .relax, range.upperBound < tokens.count, tokens[range.upperBound].isCJK,
           clauseOf[range.upperBound] == clauseOf[range.lowerBound] {
            // "早前獲美國批准對華出口的H20晶片", "新近獲批的處理器", "目前获准在中国销售的H20": a
            // relief in a clause qualifying a noun (its 的) describes the chip, news of no relief.
            let qualifying = chineseSuffix(range, 10)
            if qualifying.hasPrefix("的") { return true }
            if let mark = qualifying.firstIndex(of: "的"),
               ["出口", "销售", "进口", "出售", "采购", "使用"].contains(where: qualifying[..<mark].hasSuffix) { return true }
        }
        return false
    }
}
