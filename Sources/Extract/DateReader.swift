import Core

/// A date window stated in a sentence, with where it was read.
struct StatedWindow {
    var window: DateWindow
    var start: Int
    var end: Int
    var text: String
    /// A month or day that ended before the item was published ("introduced in July",
    /// written in September): the date of something that happened, never a promise.
    var past = false
    /// For a past month or day, the last day of it: "in July" ended July 31, although the window
    /// it gives is its quarter.
    var lastDay: Day? = nil
}

/// Reads the date windows a sentence states ("Q1 2026", "second half of next year",
/// "mid-2026", "February or March", "2026年第一季度"), resolving relative ones against
/// the item's date. Fiscal quarters map to calendar quarters through the fiscal calendar of
/// the vendor the sentence names (`fiscal_year_end` in dictionary.yaml), and are skipped
/// without one.
struct DateReader {
    var published: Day?
    /// The month the fiscal year of the sentence's vendor ends in, if it is not December.
    var fiscalYearEnd: Int? = nil

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let ordinals: [String: Int] = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                                          "fourth": 4, "4th": 4, "last": 4, "final": 4]
    static let prepositions: WordSet = ["in", "by", "for", "until", "till", "to", "from", "through", "during",
                                        "since", "before", "after", "around", "of", "planned", "as", "between",
                                        "and", "or", "early", "late", "mid", "end", "start", "beginning"]
    static let halves: WordSet = ["first", "1st", "second", "2nd", "latter", "back"]
    /// Seasons as the labelling guide places them: 1 first half, 2 second half, 3 the year, 4 Q4.
    static let seasons: [String: Int] = ["spring": 1, "summer": 3, "fall": 2, "autumn": 2, "holiday": 4]
    static let approximate: WordSet = ["early", "late", "mid", "later"]
    static let chineseDigits: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4]

    func read(_ t: [Token], _ s: [Unicode.Scalar]) -> [StatedWindow] {
        var found: [StatedWindow] = []
        var lastYear: Int? = nil
        var i = 0
        while i < t.count {
            // Most words start no date: tested here, the large `match` is not entered for them.
            if let (window, next) = mayStart(t[i].text) ? match(t, at: i, lastYear: lastYear) : nil {
                let text = String(scalars: s[t[i].start..<t[next - 1].end])
                var stated = StatedWindow(window: window, start: t[i].start, end: t[next - 1].end, text: text)
                if let published, let month = monthOf(t, i..<next, window), month < published {
                    stated.past = true
                    stated.lastDay = month
                }
                found.append(stated)
                lastYear = window.start.year
                i = next
            } else {
                if let y = year4(t[i]) { lastYear = y }
                i += 1
            }
        }
        return found
    }

    /// (Lengths in bytes: a year, a quarter or "'26" is ASCII, and counting characters runs the
    /// grapheme rules on every word.)
    private func year4(_ token: Token) -> Int? {
        guard token.text.utf8.count == 4, let y = Int(token.text), (1990...2100).contains(y) else { return nil }
        return y
    }

    private func word(_ t: [Token], _ i: Int) -> String { i >= 0 && i < t.count ? t[i].text : "" }

    /// A year expression at `i`: "2026", "'26", "next year", "this year", "the year".
    private func yearExpression(_ t: [Token], at i: Int, lastYear: Int?) -> (Int, Int)? {
        if i < t.count, let y = year4(t[i]) { return (y, i + 1) }
        if i < t.count, t[i].text.utf8.count == 2, let yy = Int(t[i].text), t[i].separator == "'" || t[i].separator == "’" {
            return (2000 + yy, i + 1)
        }
        let w = word(t, i), w1 = word(t, i + 1)
        guard let pub = published?.year else {
            if (w == "the" || w == "this") && w1 == "year", let lastYear { return (lastYear, i + 2) }
            return nil
        }
        switch (w, w1) {
        case ("next", "year"): return (pub + 1, i + 2)
        case ("this", "year"): return (pub, i + 2)
        case ("last", "year"): return (pub - 1, i + 2)
        case ("the", "year"): return (lastYear ?? pub, i + 2)
        default: return nil
        }
    }

    /// Words that can begin a date expression; anything else is skipped at once.
    static let starters = WordSet(Array(months.keys) + Array(ordinals.keys) + [
        "q1", "q2", "q3", "q4", "h1", "h2", "latter", "back", "early", "late", "mid", "later", "end", "year", "next", "this",
        "明", "今", "同", "去", "前", "上", "下", "第", "未", "本", "这", "這", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "年", "fiscal", "coming", "few", "last", "spring", "summer", "fall",
        "autumn", "holiday",
    ])

    private func mayStart(_ w: String) -> Bool {
        guard let head = w.unicodeScalars.first else { return false }
        return CharacterClass.isDigit(head) || DateReader.starters.contains(w)
    }

    private func match(_ t: [Token], at i: Int, lastYear: Int?) -> (DateWindow, Int)? {
        let w = t[i].text
        let previous = word(t, i - 1)
        if previous == "fiscal" || previous.hasPrefix("fy") { return nil }
        // fiscal Q1 2026, fiscal first quarter of 2026
        if w == "fiscal" {
            let n = word(t, i + 1)
            if n.utf8.count == 2, n.hasPrefix("q"), let q = Int(n.dropFirst()), (1...4).contains(q) {
                return fiscalQuarter(q, t, yearAt: i + 2, bare: true)
            }
            if let q = DateReader.ordinals[n], word(t, i + 2) == "quarter" {
                return fiscalQuarter(q, t, yearAt: word(t, i + 3) == "of" ? i + 4 : i + 3, bare: true)
            }
            return nil
        }
        // Q1 2026, Q1'26, Q4 (of the current year)
        if w.utf8.count == 2, w.hasPrefix("q"), let q = Int(w.dropFirst()), (1...4).contains(q) {
            if word(t, i + 1) == "fiscal" || word(t, i + 1).hasPrefix("fy") { return fiscalQuarter(q, t, yearAt: i + 1) }
            if let (y, next) = yearExpression(t, at: i + 1, lastYear: lastYear) { return (.quarter(y, q), next) }
            if let y = lastYear ?? published?.year { return (.quarter(y, q), i + 1) }
        }
        // 1Q26, 2H26
        if w.utf8.count == 4, let first = Int(w.prefix(1)), let yy = Int(w.suffix(2)) {
            let letter = w.dropFirst().prefix(1)
            if letter == "q", (1...4).contains(first) { return (.quarter(2000 + yy, first), i + 1) }
            if letter == "h", (1...2).contains(first) { return (.half(2000 + yy, first), i + 1) }
        }
        // H2 2026
        if w == "h1" || w == "h2", let (y, next) = yearExpression(t, at: i + 1, lastYear: lastYear) {
            return (.half(y, w == "h1" ? 1 : 2), next)
        }
        // first quarter of 2026, fourth-quarter, last quarter of next year
        if let q = DateReader.ordinals[w], word(t, i + 1) == "quarter" {
            var j = i + 2
            if word(t, j) == "of" { j += 1 }
            if word(t, j) == "fiscal" || word(t, j).hasPrefix("fy") { return fiscalQuarter(q, t, yearAt: j) }
            if let (y, next) = yearExpression(t, at: j, lastYear: lastYear) { return (.quarter(y, q), next) }
            if let y = lastYear ?? published?.year { return (.quarter(y, q), i + 2) }
        }
        // first half of 2026, second half of the year, latter half
        if DateReader.halves.contains(w), word(t, i + 1) == "half" {
            let h = (w == "first" || w == "1st") ? 1 : 2
            var j = i + 2
            if word(t, j) == "of" { j += 1 }
            if let (y, next) = yearExpression(t, at: j, lastYear: lastYear) { return (.half(y, h), next) }
            if let y = lastYear ?? published?.year { return (.half(y, h), i + 2) }
        }
        // early / late / mid / end of 2026; early next year; year-end; by the end of the year
        if DateReader.approximate.contains(w) {
            var j = i + 1
            if word(t, j) == "in" { j += 1 }
            // mid-February, early March, late October: the quarter of that month
            if let m = DateReader.months[word(t, j)], word(t, j) != "may" {
                if let (y, next) = yearExpression(t, at: j + 1, lastYear: lastYear), year4(t[j + 1]) != nil {
                    return (.quarter(containing: Day(year: y, month: m, day: 1)), next)
                }
                if let y = nearestYear(month: m) { return (.quarter(containing: Day(year: y, month: m, day: 1)), j + 1) }
            }
            if let (y, next) = yearExpression(t, at: j, lastYear: lastYear) {
                switch w {
                case "early": return (.half(y, 1), next)
                case "late": return (.half(y, 2), next)
                default: return (.year(y), next)
                }
            }
        }
        if w == "end", word(t, i + 1) == "of", let (y, next) = yearExpression(t, at: i + 2, lastYear: lastYear) {
            return (.quarter(y, 4), next)
        }
        if w == "end", let (y, next) = yearExpression(t, at: i + 1, lastYear: lastYear), t[i + 1].separator == "-" {
            return (.quarter(y, 4), next)
        }
        if w == "year", word(t, i + 1) == "end", let y = published?.year { return (.quarter(y, 4), i + 2) }
        // this or next quarter, this or next month, last, this or next week
        if let pub = published, w == "next" || w == "this" || w == "last" {
            let step = w == "next" ? 1 : (w == "last" ? -1 : 0)
            if word(t, i + 1) == "quarter", step >= 0 {
                let shifted = Day(year: pub.year, month: pub.month, day: 1).adding(days: 92 * step)
                return (.quarter(containing: shifted), i + 2)
            }
            if word(t, i + 1) == "month", step >= 0 { return (.quarter(containing: DateReader.month(pub, step)), i + 2) }
            if word(t, i + 1) == "week" { return (.day(pub.adding(days: 7 * step)), i + 2) }
        }
        if let y = yearExpression(t, at: i, lastYear: lastYear), w == "next" || w == "this" {
            return (.year(y.0), y.1)
        }
        // in the coming weeks: the quarter three weeks on (months are too vague to place)
        if ["coming", "next", "few"].contains(w), ["weeks", "days"].contains(word(t, i + 1)), let pub = published {
            return (.quarter(containing: pub.adding(days: word(t, i + 1) == "weeks" ? 21 : 7)), i + 2)
        }
        // last October, next March, this June: the nearest such month before, after or in the year
        if let pub = published, ["last", "next", "this"].contains(w), let m = DateReader.months[word(t, i + 1)], word(t, i + 1) != "may" {
            var year = pub.year
            if w == "last", m >= pub.month { year -= 1 }
            if w == "next", m <= pub.month { year += 1 }
            return (.quarter(containing: Day(year: year, month: m, day: 1)), i + 2)
        }
        // seasons: spring -> H1, fall/autumn -> H2, summer -> the year, the holidays -> Q4
        if let season = DateReader.seasons[w] ?? (["this", "next", "last"].contains(w) ? DateReader.seasons[word(t, i + 1)] : nil) {
            var j = ["this", "next", "last"].contains(w) ? i + 2 : i + 1
            var year = published?.year
            if w == "next" { year = year.map { $0 + 1 } }
            if w == "last" { year = year.map { $0 - 1 } }
            if word(t, j) == "of" { j += 1 }
            if let (y, next) = yearExpression(t, at: j, lastYear: lastYear), !["this", "next", "last"].contains(w) || year4(t[j]) != nil {
                year = y; j = next
            } else if !["this", "next", "last"].contains(w) {
                return nil   // a bare "spring" states no year
            }
            guard let year else { return nil }
            switch season {
            case 1: return (.half(year, 1), j)
            case 2: return (.half(year, 2), j)
            case 4: return (.quarter(year, 4), j)
            default: return (.year(year), j)
            }
        }
        // March of this year, March this year
        if let m = DateReader.months[w] {
            var j = i + 1
            if word(t, j) == "of" { j += 1 }
            if ["this", "next", "last"].contains(word(t, j)), let (y, next) = yearExpression(t, at: j, lastYear: lastYear) {
                return (.quarter(containing: Day(year: y, month: m, day: 1)), next)
            }
        }
        // May 20, 2026; February or March; in March 2026
        if let m = DateReader.months[w] {
            if let dayNumber = Int(word(t, i + 1)), (1...31).contains(dayNumber), t[i + 1].text.count <= 2 {
                if let (y, next) = yearExpression(t, at: i + 2, lastYear: lastYear), year4(t[i + 2]) != nil,
                   let day = Day.valid(year: y, month: m, day: dayNumber) {
                    return (.day(day), next)
                }
                if let y = nearestYear(month: m), let day = Day.valid(year: y, month: m, day: dayNumber) {
                    return (.day(day), i + 2)
                }
            }
            if let next = t.indices.contains(i + 1) ? year4(t[i + 1]) : nil { return (.quarter(containing: Day(year: next, month: m, day: 1)), i + 2) }
            // "may" is a verb far more often than a month: the month needs a preposition.
            if DateReader.prepositions.contains(previous), let y = nearestYear(month: m) {
                return (.quarter(containing: Day(year: y, month: m, day: 1)), i + 1)
            }
        }
        // in 2027, by 2026, mid-2026 (after "mid" handled above), 2025 timeline
        if let y = year4(t[i]), DateReader.prepositions.contains(previous) { return (.year(y), i + 1) }
        // 2026年第一季度, 2026年上半年, 2026年底, 明年, 一季度
        return chinese(t, at: i, lastYear: lastYear)
    }

    /// A fiscal quarter ("Q1 fiscal 2026", "first quarter of fiscal 2026", "Q2 FY26") as the
    /// calendar quarter holding its middle month; nil without the vendor's fiscal calendar.
    private func fiscalQuarter(_ q: Int, _ t: [Token], yearAt j: Int, bare: Bool = false) -> (DateWindow, Int)? {
        guard let end = fiscalYearEnd else { return nil }
        var k = j
        var year: Int? = nil
        let w = word(t, k)
        if bare, k < t.count, let y = year4(t[k]) { year = y; k += 1 }
        else if w.hasPrefix("fy"), let n = Int(w.dropFirst(2)) { year = n < 100 ? 2000 + n : n; k += 1 }
        else if w == "fiscal" {
            k += 1
            if word(t, k) == "year" { k += 1 }
            if let y = (k < t.count ? year4(t[k]) : nil) { year = y; k += 1 }
        }
        guard let fiscal = year else { return nil }
        // Fiscal year N ends in month `end` of year N; its first month follows that of N-1.
        let middle = (fiscal - 1) * 12 + end + 3 * (q - 1) + 1
        return (.quarter(containing: Day(year: middle / 12, month: middle % 12 + 1, day: 1)), k)
    }

    /// The first day of the month `step` months from the one `day` is in.
    static func month(_ day: Day, _ step: Int) -> Day {
        let index = day.year * 12 + day.month - 1 + step
        return Day(year: index / 12, month: index % 12 + 1, day: 1)
    }

    /// The last day of the month a window was read from, when it was read from a month or a day.
    private func monthOf(_ t: [Token], _ range: Range<Int>, _ window: DateWindow) -> Day? {
        if window.granularity == .day { return window.end }
        guard window.granularity == .quarter,
              let m = range.lazy.compactMap({ DateReader.months[t[$0].text] ?? DateReader.chineseMonth(t, at: $0)?.0 }).first
        else { return nil }
        let year = window.start.year
        return Day.lastDay(year: year, month: m)
    }

    /// The year that puts a month nearest the item's date ("until February", written in
    /// November, means next February).
    private func nearestYear(month: Int) -> Int? {
        guard let pub = published else { return nil }
        let candidates = [pub.year - 1, pub.year, pub.year + 1]
        return candidates.min { a, b in
            abs(pub.days(to: Day(year: a, month: month, day: 15))) < abs(pub.days(to: Day(year: b, month: month, day: 15)))
        }
    }

    private func chinese(_ t: [Token], at i: Int, lastYear: Int?) -> (DateWindow, Int)? {
        // Every form below has a character at `i` or just after it ("2026年", "10月", "明年").
        guard t[i].isCJK || (i + 1 < t.count && t[i + 1].isCJK) else { return nil }
        var j = i
        var year: Int? = nil
        if let y = year4(t[j]), word(t, j + 1) == "年" { year = y; j += 2 }
        else if word(t, j) == "明", word(t, j + 1) == "年", let pub = published { year = pub.year + 1; j += 2 }
        else if word(t, j) == "今", word(t, j + 1) == "年", let pub = published { year = pub.year; j += 2 }
        else if word(t, j) == "同", word(t, j + 1) == "年", let lastYear { year = lastYear; j += 2 }   // 同年: the year just named
        else if word(t, j) == "去", word(t, j + 1) == "年", let pub = published { year = pub.year - 1; j += 2 }   // 去年: last year
        else if word(t, j) == "前", word(t, j + 1) == "年", let pub = published { year = pub.year - 2; j += 2 }   // 前年
        let resolved = year ?? published?.year
        guard let resolvedYear = resolved else { return nil }
        // 未来几周 / 未来数周 (in the coming weeks): the quarter three weeks on
        if year == nil, word(t, i) == "未", word(t, i + 1) == "来", ["几", "数"].contains(word(t, i + 2)), word(t, i + 3) == "周",
           let pub = published {
            return (.quarter(containing: pub.adding(days: 21)), i + 4)
        }
        if year == nil, let (window, next) = relativeChinese(t, at: i) { return (window, next) }
        var k = j
        if word(t, k) == "第" { k += 1 }
        // 第一季度, and Taiwan's 第4季
        if let q = DateReader.chineseDigits[word(t, k)], word(t, k + 1) == "季" {
            return (.quarter(resolvedYear, q), word(t, k + 2) == "度" ? k + 3 : k + 2)
        }
        if (word(t, j) == "上" || word(t, j) == "下"), word(t, j + 1) == "半", word(t, j + 2) == "年" {
            return (.half(resolvedYear, word(t, j) == "上" ? 1 : 2), j + 3)
        }
        if year != nil {
            switch word(t, j) {
            case "底", "末": return (.quarter(resolvedYear, 4), j + 1)
            case "初": return (.half(resolvedYear, 1), j + 1)
            case "中": return (.year(resolvedYear), j + 1)
            default: break
            }
        }
        // 年底 / 年末 (year-end), 年初 (early in the year), 年中 (mid-year), with or without the
        // year before them ("今年年底", "2025年年初"); the guide places them as "end of", "early", "mid".
        if word(t, j) == "年", year == nil || j > i {
            switch word(t, j + 1) {
            case "底", "末": return (.quarter(resolvedYear, 4), j + 2)
            case "初": return (.half(resolvedYear, 1), j + 2)
            case "中": return (.year(resolvedYear), j + 2)
            default: break
            }
        }
        // 10月, 十月, 2024年10月, 3月15日: a month is its quarter, a day the day; with no year
        // stated, the year that puts the month nearest the item's date.
        if let (month, next) = DateReader.chineseMonth(t, at: j), let monthYear = year ?? nearestYear(month: month) {
            if let (dayNumber, after) = DateReader.chineseDayOfMonth(t, at: next),
               let day = Day.valid(year: monthYear, month: month, day: dayNumber) {
                return (.day(day), after)
            }
            return (.quarter(containing: Day(year: monthYear, month: month, day: 1)), next)
        }
        if let year { return (.year(year), j) }
        return nil
    }

    /// 本月, 下个月, 本周, 下週, 上周: the month of or after publication, or the week before, of or
    /// after it (a week as its day: its quarter is the one holding most of it, decision 43);
    /// and 20日 with no month, a day of the month of publication, or of the month before when
    /// that day is still ahead. 上个月 stays unread, like "last month": a month that ended is
    /// no promise, and what happened in it is judged by the words around it.
    private func relativeChinese(_ t: [Token], at i: Int) -> (DateWindow, Int)? {
        guard let pub = published else { return nil }
        if let step = DateReader.chineseSteps[word(t, i)] {
            var k = i + 1
            if ["个", "個"].contains(word(t, k)) { k += 1 }
            if word(t, k) == "月", step >= 0, k == i + 1 || word(t, i) != "本" { return (.quarter(containing: DateReader.month(pub, step)), k + 1) }
            if ["周", "週", "星"].contains(word(t, k)) {
                let end = word(t, k) == "星" ? (word(t, k + 1) == "期" ? k + 2 : k) : k + 1
                if end > k { return (.day(pub.adding(days: 7 * step)), end) }
            }
        }
        // A day of the month alone ("20日举行"), not a span ("30日内") nor after a month (read above).
        if word(t, i - 1) != "月", let (n, after) = DateReader.chineseDayOfMonth(t, at: i), word(t, i + 1) == "日",
           !["内", "內", "以", "后", "後", "前", "元", "圓", "圆"].contains(word(t, after)) {
            let month = n <= pub.day ? DateReader.month(pub, 0) : DateReader.month(pub, -1)
            if let day = Day.valid(year: month.year, month: month.month, day: n) { return (.day(day), after) }
        }
        return nil
    }

    /// 本/这 (this), 下 (next), 上 (last) before 月 or 周.
    static let chineseSteps: [String: Int] = ["本": 0, "这": 0, "這": 0, "下": 1, "上": -1]

    static let chineseNumbers: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// A month written "10月" or "十月" ("十二月", "2月") at `k`: the month and the index after "月".
    static func chineseMonth(_ t: [Token], at k: Int) -> (Int, Int)? {
        guard k < t.count else { return nil }
        if let n = Int(t[k].text), (1...12).contains(n), k + 1 < t.count, t[k + 1].text == "月" { return (n, k + 2) }
        var value = 0, j = k
        while j < t.count, let digit = chineseNumbers[t[j].text], j - k < 2 {
            value = digit == 10 ? (value == 0 ? 10 : value * 10) : value + digit
            j += 1
        }
        guard j > k, (1...12).contains(value), j < t.count, t[j].text == "月" else { return nil }
        return (value, j + 1)
    }

    /// "15日" or "15号" after a month.
    static func chineseDayOfMonth(_ t: [Token], at k: Int) -> (Int, Int)? {
        guard k + 1 < t.count, let n = Int(t[k].text), (1...31).contains(n), t[k + 1].text == "日" || t[k + 1].text == "号" else { return nil }
        return (n, k + 2)
    }
}
