import Core
import Foundation
import Testing

/// `Day` converts and shifts days by arithmetic; it must agree with the Gregorian calendar in
/// UTC (what it used before) on every date news can carry.
@Suite("Days")
struct DayTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test("a date's day, the day's midnight and a day moved on agree with the calendar, every fifth day of 1700-2300")
    func againstCalendar() {
        var date = Date(timeIntervalSince1970: -8_520_336_000 + 43_200)   // 1700-01-01, noon
        let end = Date(timeIntervalSince1970: 10_413_792_000)             // 2300-01-01
        var checked = 0
        while date < end {
            let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
            let day = Day(date)
            #expect((day.year, day.month, day.day) == (parts.year!, parts.month!, parts.day!), "\(date)")
            #expect(day.date == Self.calendar.startOfDay(for: date), "\(date)")
            let later = Self.calendar.date(byAdding: .day, value: 40, to: date)!
            #expect(day.adding(days: 40) == Day(year: Self.calendar.component(.year, from: later),
                                                 month: Self.calendar.component(.month, from: later),
                                                 day: Self.calendar.component(.day, from: later)), "\(date)")
            #expect(day.days(to: day.adding(days: -75)) == -75)
            date.addTimeInterval(5 * 86_400)
            checked += 1
        }
        #expect(checked > 40_000)
    }

    @Test("the last day of each month, leap years included")
    func lastDays() {
        #expect(Day.lastDay(year: 2024, month: 2) == Day(year: 2024, month: 2, day: 29))
        #expect(Day.lastDay(year: 1900, month: 2) == Day(year: 1900, month: 2, day: 28))
        #expect(Day.lastDay(year: 2000, month: 2) == Day(year: 2000, month: 2, day: 29))
        #expect(Day.lastDay(year: 2026, month: 12) == Day(year: 2026, month: 12, day: 31))
        #expect(Day.lastDay(year: 2026, month: 4) == Day(year: 2026, month: 4, day: 30))
        #expect(Day.valid(year: 2026, month: 2, day: 29) == nil)
        // Just before midnight is still the earlier day.
        #expect(Day(Date(timeIntervalSince1970: -1)) == Day(year: 1969, month: 12, day: 31))
    }
}
