import Core
import Foundation
import Testing

/// `Timestamp.parse` reads a bare date by arithmetic; it must give what the ISO 8601 format
/// style gives, and leave every other text to it.
@Suite("Timestamps")
struct TimestampTests {
    static func slow(_ text: String) -> Date? {
        try? Date(text + "T00:00:00Z", strategy: Date.ISO8601FormatStyle())
    }

    @Test("a bare date is midnight UTC, as the format style reads it, every ninth day of 1800-2200")
    func bareDates() {
        var day = Date(timeIntervalSince1970: -5_364_662_400)   // 1800-01-01
        let end = Date(timeIntervalSince1970: 7_258_118_400)    // 2200-01-01
        var checked = 0
        while day < end {
            let text = day.formatted(Date.ISO8601FormatStyle().year().month().day())
            #expect(Timestamp.parse(text) == Self.slow(text), "\(text)")
            #expect(Timestamp.parse(text) == day, "\(text)")
            day.addTimeInterval(9 * 86_400)
            checked += 1
        }
        #expect(checked > 16_000)
        for leap in ["2024-02-29", "2000-02-29", "1900-02-28", "2026-12-31"] {
            #expect(Timestamp.parse(leap) == Self.slow(leap), "\(leap)")
        }
    }

    @Test("other texts go to the format style as before")
    func others() {
        for text in ["2026-02-30", "1900-02-29", "2026-13-01", "2026-3-20", " 2026-03-20", "2026-03-20T08:00:00Z", "2026-03-20T08:00:00.5Z",
                     "20260320", "2026-03", "x"] {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let expected = (try? Date(trimmed, strategy: Date.ISO8601FormatStyle()))
                ?? (try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                ?? (trimmed.count == 10 ? Self.slow(trimmed) : nil)
            #expect(Timestamp.parse(text) == expected, "\(text)")
        }
    }
}
