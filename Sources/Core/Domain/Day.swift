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

    public init(_ date: Date) {
        let parts = Day.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Midnight UTC at the start of the day.
    public var date: Date {
        Day.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    public static func lastDay(year: Int, month: Int) -> Day {
        let next = month == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: month + 1, day: 1)
        return Day(next.date.addingTimeInterval(-86_400))
    }

    /// Nil when the parts do not name a real day (February 30).
    public static func valid(year: Int, month: Int, day: Int) -> Day? {
        guard (1...12).contains(month), day >= 1, day <= lastDay(year: year, month: month).day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public func adding(days: Int) -> Day { Day(date.addingTimeInterval(Double(days) * 86_400)) }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: Day) -> Int { Int((other.date.timeIntervalSince(date) / 86_400).rounded()) }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
