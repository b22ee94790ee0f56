import Core

/// A measure named as the setting of other news, not news of a measure (issue 13, "clause and
/// argument scope"): "despite US sanctions", "citing U.S. export restrictions", "在美国禁令制裁下",
/// "被列入实体清单后". Read from the tokens beside an export-control word, as `Scope.read` reads
/// the rest.
extension Scope {
    /// Whether the export-control word at `range` names a measure as the setting of other news.
    /// `prefix` is the CJK text of its clause just before it.
    func measureIsSetting(_ range: Range<Int>, previous: ArraySlice<Token>, next: [Token], prefix: String) -> Bool {
        // "despite US sanctions", "complies with the export restrictions", "因应美方出口限制":
        // a measure named as the setting of other news, not news of a measure.
        if previous.prefix(4).contains(where: { Scope.setting.contains($0.text) }) { return true }
        if next.prefix(4).contains(where: { Scope.measureEffects.contains($0.text) }) { return true }
        if Scope.chineseSetting.contains(where: prefix.includes) { return true }
        // "在美国禁令制裁下", "在出口管制之下": under a measure, the setting of other news.
        let under = chineseSuffix(range, 4)
        if prefix.includes("在"), under.includes("下"), !under.includes("下令"), !under.includes("下达") { return true }
        // "US-sanctioned Biren plans IPO": a measure as an attribute of a name.
        if tokens[range.upperBound - 1].text == "sanctioned", range.upperBound < tokens.count,
           clauseOf[range.upperBound] == clauseOf[range.lowerBound], !["by", "for", "over", "on", "in"].contains(tokens[range.upperBound].text),
           previous.first.map({ !["was", "were", "is", "are", "been", "be", "has", "have", "had"].contains($0.text) }) ?? true {
            return true
        }
        // "被美国政府禁止出口的RTX5090", "被列入实体清单后": a measure in a passive qualifying a
        // noun, or dating other news, is not news of a measure ("进口限制的执行力度" may be).
        // ("在出口管制实施前囤积": a measure's start as the time of other news, before or after.)
        if range.upperBound < tokens.count, clauseOf[range.upperBound] == clauseOf[range.lowerBound],
           tokens[range.upperBound].isCJK, tokens[range.upperBound].text == "后"
            || (tokens[range.upperBound].text == "的" && prefix.includes("被")) { return true }
        let after = chineseSuffix(range, 3)
        if range.upperBound < tokens.count, tokens[range.upperBound].isCJK,
           ["前后", "实施前", "实施后", "生效前", "生效后"].contains(where: after.hasPrefix)
            // "利用禁令前囤积的芯片": the time before a measure dates other news.
            || after.hasPrefix("前") && !["前景", "前往", "前所"].contains(where: after.hasPrefix) { return true }
        // "remain subject to a presumption of denial", "the country is subject to American
        // restrictions": a measure in force, unchanged ("will be subject to" is news).
        let before = previous.prefix(5).map(\.text)
        if let subject = before.firstIndex(of: "subject"), subject + 1 < before.count,
           before[subject + 1].hasPrefix("remain") || ["still", "is", "are"].contains(before[subject + 1]) { return true }
        return false
    }
}
