import Foundation

/// The one way chipwatch writes and reads instants: RFC 3339 in UTC.
public enum Timestamp {
    /// `2026-03-20T08:00:00Z`.
    public static func format(_ date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(formatter)
    }

    /// Reads `2026-03-20T08:00:00Z`, with fractional seconds or an offset, or a bare date
    /// `2026-03-20` (midnight UTC). Nil when it is neither.
    public static func parse(_ text: String) -> Date? {
        if let date = bareDate(text) { return date }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        if trimmed.count == 10,
           let date = try? Date(trimmed + "T00:00:00Z", strategy: Date.ISO8601FormatStyle()) {
            return date
        }
        return nil
    }

    /// `2026-03-20` as midnight UTC, read without a format style (extract-text reads one per
    /// line: three format-style attempts were a twentieth of its time). Nil when the text is
    /// not exactly that shape or names no such day.
    static func bareDate(_ text: String) -> Date? {
        var utf8 = text.utf8.makeIterator()
        var fields = [0, 0, 0]
        for (index, width) in [4, 2, 2].enumerated() {
            for _ in 0..<width {
                guard let byte = utf8.next(), (48...57).contains(byte) else { return nil }
                fields[index] = fields[index] * 10 + Int(byte - 48)
            }
            let next = utf8.next()
            guard index < 2 ? next == UInt8(ascii: "-") : next == nil else { return nil }
        }
        let (year, month, day) = (fields[0], fields[1], fields[2])
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard year >= 1, (1...12).contains(month), (1...lengths[month - 1]).contains(day) else { return nil }
        let days = CivilDate.days(year: Int64(year), month: Int64(month), day: Int64(day))
        return Date(timeIntervalSince1970: Double(days) * 86_400)
    }
}
