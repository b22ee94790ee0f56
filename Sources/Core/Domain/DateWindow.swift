import Foundation

/// A promised or stated period: a year, half, quarter, month, day or an explicit range,
/// written `2027`, `2026-H2`, `2026-Q1`, `2026-03`, `2026-03-20` or `2026-01-15..2026-03-31`.
public struct DateWindow: Sendable, Hashable, CustomStringConvertible {
    public enum Granularity: Int, Sendable { case day, month, quarter, half, year, range }

    public let granularity: Granularity
    public let start: Day
    /// The last day inside the window.
    public let end: Day

    public static func year(_ y: Int) -> DateWindow {
        DateWindow(granularity: .year, start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31))
    }

    public static func half(_ y: Int, _ h: Int) -> DateWindow {
        let first = h == 1 ? 1 : 7
        return DateWindow(granularity: .half, start: Day(year: y, month: first, day: 1),
                          end: Day.lastDay(year: y, month: first + 5))
    }

    public static func quarter(_ y: Int, _ q: Int) -> DateWindow {
        let first = (q - 1) * 3 + 1
        return DateWindow(granularity: .quarter, start: Day(year: y, month: first, day: 1),
                          end: Day.lastDay(year: y, month: first + 2))
    }

    public static func month(_ y: Int, _ m: Int) -> DateWindow {
        DateWindow(granularity: .month, start: Day(year: y, month: m, day: 1), end: Day.lastDay(year: y, month: m))
    }

    public static func day(_ d: Day) -> DateWindow { DateWindow(granularity: .day, start: d, end: d) }

    /// Nil when `end` is before `start`.
    public static func range(_ start: Day, _ end: Day) -> DateWindow? {
        end < start ? nil : DateWindow(granularity: .range, start: start, end: end)
    }

    /// The quarter a day falls in.
    public static func quarter(containing d: Day) -> DateWindow { quarter(d.year, (d.month - 1) / 3 + 1) }

    /// Reads the written forms above; nil for anything else.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let dots = text.range(of: "..") {
            guard let a = DateWindow(String(text[..<dots.lowerBound])), a.granularity == .day,
                  let b = DateWindow(String(text[dots.upperBound...])), b.granularity == .day,
                  let window = DateWindow.range(a.start, b.start) else { return nil }
            self = window
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...2200).contains(year) else { return nil }
        switch parts.count {
        case 1: self = .year(year)
        case 2:
            let second = parts[1].uppercased()
            if second.count == 2, second.hasPrefix("Q"), let q = Int(second.dropFirst()), (1...4).contains(q) {
                self = .quarter(year, q)
            } else if second.count == 2, second.hasPrefix("H"), let h = Int(second.dropFirst()), (1...2).contains(h) {
                self = .half(year, h)
            } else if second.count == 2, let m = Int(second), (1...12).contains(m) {
                self = .month(year, m)
            } else {
                return nil
            }
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, let m = Int(parts[1]), let d = Int(parts[2]),
                  let day = Day.valid(year: year, month: m, day: d) else { return nil }
            self = .day(day)
        default: return nil
        }
    }

    private init(granularity: Granularity, start: Day, end: Day) {
        self.granularity = granularity
        self.start = start
        self.end = end
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public var description: String {
        switch granularity {
        case .year: return String(format: "%04d", start.year)
        case .half: return String(format: "%04d-H%d", start.year, start.month == 1 ? 1 : 2)
        case .quarter: return String(format: "%04d-Q%d", start.year, (start.month - 1) / 3 + 1)
        case .month: return String(format: "%04d-%02d", start.year, start.month)
        case .day: return start.description
        case .range: return "\(start)..\(end)"
        }
    }
}

/// A window travels as its text ("2026-Q1"), in JSON as everywhere else.
extension DateWindow: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let window = DateWindow(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date window: \(text)")
        }
        self = window
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
