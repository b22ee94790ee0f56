import Foundation
import XML

/// Reads the dates feeds write: RFC 822 and its common violations (two-digit years, named
/// and numeric zones, missing seconds, extra weekday text, full month names), ISO 8601 /
/// RFC 3339 (with or without time, zone or fraction), and a few other habits. Nil when
/// nothing sensible can be read; the caller keeps the text.
public enum FeedDateParser {
    public static func parse(_ raw: String) -> Date? {
        let text = TextBytes.trim(raw)
        guard !text.isEmpty else { return nil }
        let first = text.unicodeScalars.first!
        if first.properties.numericType != nil, let date = iso8601(Array(text.utf8)) { return date }
        return rfc822(text)
    }

    // MARK: ISO 8601

    private static func iso8601(_ b: [UInt8]) -> Date? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func skip(_ c: UInt8) -> Bool {
            if i < b.count && b[i] == c { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        let dashed = skip(45)
        var month = 1, day = 1
        if i < b.count, let m = digits(2) {
            month = m
            if dashed { _ = skip(45) }
            if let d = digits(2) { day = d }
        }
        var hour = 0, minute = 0, second = 0.0, offset = 0
        if i < b.count && (b[i] == 84 || b[i] == 116 || b[i] == 32) {  // T, t or space
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            _ = skip(58)
            if let m = digits(2) { minute = m }
            if skip(58) || (i < b.count && b[i] >= 48 && b[i] <= 57) {
                if let s = digits(2) { second = Double(s) }
                if i < b.count && (b[i] == 46 || b[i] == 44) {  // fraction
                    i += 1
                    var scale = 0.1
                    while i < b.count, b[i] >= 48 && b[i] <= 57 { second += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
                }
            }
            while i < b.count && b[i] == 32 { i += 1 }
            if i < b.count {
                if b[i] == 90 || b[i] == 122 { i += 1 }                 // Z
                else if b[i] == 43 || b[i] == 45 {                      // + or -
                    let sign = b[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = skip(58)
                    let om = digits(2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                } else if let zone = namedZone(TextBytes.trim(String(decoding: b[i...], as: UTF8.self))) {
                    offset = zone
                    i = b.count
                }
            }
        }
        while i < b.count && b[i] == 32 { i += 1 }
        guard i == b.count else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    // MARK: RFC 822 and friends

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    private static func rfc822(_ text: String) -> Date? {
        // Tokens: words, numbers, times (with ':') and signed zones; commas, dots and dashes split.
        var tokens: [String] = []
        var current = ""
        for ch in text {
            if ch == "," || ch == " " || ch == "\t" || (ch == "-" && !current.isEmpty && !current.contains(Character(":")))
                || ch == "/" {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if ch == "-" { current = "" }
            } else if (ch == "+" || ch == "-") && current.isEmpty {
                current = String(ch)
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0.0, offset = 0
        var sawTime = false
        for token in tokens {
            let lower = token.lowercased().filter { $0 != "." }
            if token.contains(Character(":")) && !sawTime {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                hour = h
                minute = m
                if parts.count > 2 { second = Double(parts[2]) ?? 0 }
                sawTime = true
            } else if let m = months[String(lower.prefix(3))], lower.count >= 3, month == nil, Int(lower) == nil {
                month = m
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), sawTime, token.count >= 3 {
                let sign = token.hasPrefix("-") ? -1 : 1
                let digits = token.dropFirst().replacingOccurrences(of: ":", with: "")
                guard let value = Int(digits) else { continue }
                offset = digits.count <= 2 ? sign * value * 3600 : sign * ((value / 100) * 3600 + (value % 100) * 60)
            } else if let number = Int(token) {
                if day == nil && number >= 1 && number <= 31 && token.count <= 2 { day = number }
                else if year == nil { year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number }
            } else if sawTime, let zone = namedZone(token) {
                offset = zone
            }
        }
        guard let day, let month, let year else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private static func namedZone(_ token: String) -> Int? {
        let zones: [String: Int] = [
            "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
            "pst": -8, "pdt": -7, "a": -1, "m": -12, "n": 1, "y": 12, "bst": 1, "cet": 1, "cest": 2, "jst": 9,
            "hkt": 8, "ist": 5, "eet": 2, "eest": 3, "akst": -9, "akdt": -8, "hst": -10,
        ]
        let lower = token.lowercased()
        if let hours = zones[lower] { return lower == "ist" ? 19800 : hours * 3600 }
        // "GMT+8", "UTC-05:00"
        for prefix in ["gmt", "utc"] where lower.hasPrefix(prefix) && lower.count > prefix.count {
            let rest = lower.dropFirst(prefix.count)
            let sign = rest.hasPrefix("-") ? -1 : 1
            let digits = rest.dropFirst().replacingOccurrences(of: ":", with: "")
            guard let value = Int(digits) else { return nil }
            return digits.count <= 2 ? sign * value * 3600 : sign * ((value / 100) * 3600 + (value % 100) * 60)
        }
        return nil
    }

    /// A UTC instant from civil fields, checked for range.
    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
              second >= 0, second < 61, year >= 1, year <= 9999 else { return nil }
        // Days from civil (Howard Hinnant's algorithm), no calendar object needed.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 - offset) + second
        return Date(timeIntervalSince1970: seconds)
    }
}
