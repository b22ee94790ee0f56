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
}
