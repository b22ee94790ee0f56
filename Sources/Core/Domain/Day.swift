import Foundation

/// A calendar day in UTC.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Dates and days by arithmetic on the proleptic Gregorian calendar (`CivilDate`), not through
    /// `Calendar`: the extractor converts and shifts days for every item, and the calendar's
    /// calls were 2% of the extract benchmark (perf, 2026-12-07). The two agree from 1583 on
    /// (before it, `Calendar`'s Gregorian calendar turns Julian; news has no such dates).
    public init(_ date: Date) {
        self.init(daysSince1970: Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    init(daysSince1970 days: Int64) {
        let civil = CivilDate.date(days: days)
        self.init(year: Int(civil.year), month: Int(civil.month), day: Int(civil.day))
    }

    /// Days from 1970-01-01 (a day past its month's end counts on into the next month).
    var daysSince1970: Int64 { CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day)) }

    /// Midnight UTC at the start of the day.
    public var date: Date { Date(timeIntervalSince1970: Double(daysSince1970) * 86_400) }

    public static func lastDay(year: Int, month: Int) -> Day {
        let next = month == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: month + 1, day: 1)
        return Day(daysSince1970: next.daysSince1970 - 1)
    }

    /// Nil when the parts do not name a real day (February 30).
    public static func valid(year: Int, month: Int, day: Int) -> Day? {
        guard (1...12).contains(month), day >= 1, day <= lastDay(year: year, month: month).day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public func adding(days: Int) -> Day { Day(daysSince1970: daysSince1970 + Int64(days)) }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: Day) -> Int { Int(other.daysSince1970 - daysSince1970) }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
