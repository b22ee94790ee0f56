import Core

/// Whether a clause tells its event as done or as still ahead (issue 13, "tense and aspect").
/// A date alone cannot say: "began shipping in the fourth quarter" and "ships in the fourth
/// quarter", written in October, carry the same window; only the verb's form does.
extension Scope {
    /// Whether a ship word's clause tells the event as having happened or as under way
    /// ("began shipping in the fourth quarter", "is shipping this quarter", "has entered mass
    /// production this year", "已量产", "出货了", "正在量产"), not as a plan with a date still
    /// ahead ("ships by year-end", "年底出货", "於今年下半年量產").
    func tellsAsDone(_ start: Int, _ end: Int) -> Bool {
        guard let range = tokenRange(start, end) else { return true }
        let own = tokens[range]
        let previous = before(range, 8)
        let following = after(range, 6)
        // A past form in the phrase itself: "shipped", "delivered", "entered mass production".
        if own.contains(where: { Scope.doneForms.contains($0.text) || $0.text.count > 4 && $0.text.hasSuffix("ed") }) { return true }
        if previous.contains(where: { Scope.doneForms.contains($0.text) || Scope.doneMarkers.contains($0.text) })
            || following.prefix(4).contains(where: { Scope.doneMarkers.contains($0.text) }) { return true }
        // The progressive: "is shipping", "are ramping into full production", "is now in production".
        if let first = own.first, first.text.hasSuffix("ing") || first.text == "in",
           previous.prefix(2).contains(where: { ["is", "are", "'s"].contains($0.text) }) { return true }
        // Chinese marks the aspect with a particle or an adverb: 已, 了, 开始, 正在, 目前.
        if own.contains(where: \.isCJK) || previous.first?.isCJK == true {
            let around = Scope.chinese(Array(previous.reversed())[...]) + Scope.chinese(own) + Scope.chinese(following.prefix(3))
            if Scope.chineseDone.contains(where: around.includes) { return true }
            // "正量产" (in mass production): the adverb right before the word.
            if previous.first?.text == "正" { return true }
        }
        return false
    }

    /// Verb forms that tell an event as past or begun.
    static let doneForms: WordSet = ["began", "begun", "begins", "started", "starts", "commenced", "commences", "shipped",
                                     "entered", "enters", "moved", "moves", "reached", "hit", "went", "came", "was", "were",
                                     "has", "have", "had", "been"]
    /// Adverbs that place an event at or before the time of writing.
    static let doneMarkers: WordSet = ["now", "already", "currently", "today", "finally", "recently"]
    /// Chinese aspect marks: done (已, 了), begun (开始), under way (正在, 目前), achieved (实现).
    /// (Not 正式, "officially": "将正式出货" is a plan.)
    static let chineseDone = ["已", "了", "开始", "正在", "目前", "实现"]
}
