import Core
import Testing

/// Windows as the roadmap, signals and alerts write them: each text reads back as itself,
/// with the first and last day it covers.
@Suite("Date windows")
struct DateWindowTests {
    @Test("windows read, with their first and last day", arguments: [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-Q1", "2026-01-01", "2026-03-31"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2028-02", "2028-02-01", "2028-02-29"),
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2026-03-15", "2026-03-15", "2026-03-15"),
        ("2026-03-01..2026-04-15", "2026-03-01", "2026-04-15"),
    ])
    func windows(_ text: String, _ start: String, _ end: String) throws {
        let window = try #require(DateWindow(text))
        #expect(window.description == text)
        #expect(window.start.description == start)
        #expect(window.end.description == end)
    }

    @Test("what is not a window is refused", arguments: [
        "", "26", "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-02-30", "1899", "2026-04-15..2026-03-01",
        "2026-Q1..2026-Q2", "Q1 2026", "2026-3",
    ])
    func refused(_ text: String) {
        #expect(DateWindow(text) == nil)
    }

    @Test("a quarter containing a day", arguments: [("2026-01-01", "2026-Q1"), ("2026-06-30", "2026-Q2"), ("2026-12-31", "2026-Q4")])
    func quarterContaining(_ day: String, _ quarter: String) throws {
        let window = try #require(DateWindow(day))
        #expect(DateWindow.quarter(containing: window.start).description == quarter)
    }

    @Test("days: adding and counting across months, years and leap days", arguments: [
        ("2026-02-27", 2, "2026-03-01"),
        ("2028-02-28", 1, "2028-02-29"),
        ("2026-12-31", 1, "2027-01-01"),
        ("2026-03-31", 30, "2026-04-30"),
        ("2026-01-10", -10, "2025-12-31"),
    ])
    func days(_ from: String, _ count: Int, _ to: String) throws {
        let start = try #require(DateWindow(from)).start
        #expect(start.adding(days: count).description == to)
        #expect(start.days(to: start.adding(days: count)) == count)
    }

    @Test("containment is inclusive at both ends")
    func containment() throws {
        let q1 = try #require(DateWindow("2026-Q1"))
        #expect(q1.contains(Day(year: 2026, month: 1, day: 1)))
        #expect(q1.contains(Day(year: 2026, month: 3, day: 31)))
        #expect(!q1.contains(Day(year: 2026, month: 4, day: 1)))
        #expect(!q1.contains(Day(year: 2025, month: 12, day: 31)))
    }
}
