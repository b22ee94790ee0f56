import Foundation
import XML

/// Reads the dates feeds write: RFC 822 and its common violations (two-digit years, named
/// and numeric zones, missing seconds, extra weekday text, full month names), ISO 8601 /
/// RFC 3339 (with or without time, zone or fraction), and a few other habits. Nil when
/// nothing sensible can be read; the caller keeps the text.
public enum FeedDateParser {
    public static func parse(_ raw: String) -> Date? {
        var raw = raw
        return raw.withUTF8 { bytes in
            var start = 0, end = bytes.count
            while start < end && TextBytes.isSpace(bytes[start]) { start += 1 }
            while end > start && TextBytes.isSpace(bytes[end - 1]) { end -= 1 }
            guard start < end else { return nil }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if text[0] >= 0x30 && text[0] <= 0x39, let date = iso8601(text) { return date }
            return rfc822(text)
        }
    }

    // MARK: ISO 8601

    private static func iso8601(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
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
                } else if let zone = namedZone(UnsafeBufferPointer(rebasing: b[i...])) {
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

    /// Month numbers by the first three letters, lower case, packed little-endian.
    private static let months: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (k, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let b = Array(name.utf8)
            table[UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16] = k + 1
        }
        return table
    }()

    private static func rfc822(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        // Tokens: words, numbers, times (with ':') and signed zones; commas, spaces, tabs and
        // slashes split, and so does a dash after something that is not a time.
        var tokens: [Range<Int>] = []
        tokens.reserveCapacity(8)
        var start = 0, i = 0
        var tokenHasColon = false
        while i < text.count {
            let c = text[i]
            if c == 0x2C || c == 0x20 || c == 0x09 || c == 0x2F || (c == 0x2D && i > start && !tokenHasColon) {
                if i > start { tokens.append(start..<i) }
                start = i + 1
                tokenHasColon = false
            } else if c == 0x3A {
                tokenHasColon = true
            }
            i += 1
        }
        if i > start { tokens.append(start..<i) }

        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0.0, offset = 0
        var sawTime = false
        for token in tokens {
            let bytes = UnsafeBufferPointer(rebasing: text[token])
            let first = bytes[0]
            if !sawTime, bytes.contains(0x3A) {
                guard let time = clock(bytes) else { return nil }
                (hour, minute, second) = time
                sawTime = true
            } else if month == nil, let m = monthNumber(bytes) {
                month = m
            } else if first == 0x2B || first == 0x2D, sawTime, bytes.count >= 3 {
                guard let zone = signedZone(bytes) else { continue }
                offset = zone
            } else if let number = integer(bytes) {
                if day == nil && number >= 1 && number <= 31 && bytes.count <= 2 { day = number }
                else if year == nil { year = bytes.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number }
            } else if sawTime, let zone = namedZone(bytes) {
                offset = zone
            }
        }
        guard let day, let month, let year else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// A whole number of at most nine digits, with an optional sign.
    private static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, sign = 1
        if b[0] == 0x2B || b[0] == 0x2D {
            sign = b[0] == 0x2D ? -1 : 1
            i = 1
        }
        guard i < b.count, b.count - i <= 9 else { return nil }
        var value = 0
        while i < b.count {
            guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
            i += 1
        }
        return sign * value
    }

    /// `09:00`, `09:00:00` or `09:00:00.5`.
    private static func clock(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Double)? {
        let parts = b.split(separator: 0x3A, omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty,
              let h = integer(UnsafeBufferPointer(rebasing: parts[0])),
              let m = integer(UnsafeBufferPointer(rebasing: parts[1])) else { return nil }
        var second = 0.0
        if parts.count > 2 { second = Double(String(decoding: parts[2], as: UTF8.self)) ?? 0 }
        return (h, m, second)
    }

    /// A month name or abbreviation (`Mar`, `March`, `mar.`), not a number.
    private static func monthNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var letters: [UInt8] = []
        for c in b where c != 0x2E { letters.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        guard letters.count >= 3, letters.contains(where: { $0 < 0x30 || $0 > 0x39 }) else { return nil }
        return months[UInt32(letters[0]) | UInt32(letters[1]) << 8 | UInt32(letters[2]) << 16]
    }

    /// `+0800`, `-05:00`, `+8`.
    private static func signedZone(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let sign = b[0] == 0x2D ? -1 : 1
        var value = 0, count = 0
        for c in b.dropFirst() where c != 0x3A {
            guard c >= 0x30 && c <= 0x39, count < 9 else { return nil }
            value = value * 10 + Int(c - 0x30)
            count += 1
        }
        guard count > 0 else { return nil }
        return count <= 2 ? sign * value * 3600 : sign * ((value / 100) * 3600 + (value % 100) * 60)
    }

    private static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "a": -1, "m": -12, "n": 1, "y": 12, "bst": 1, "cet": 1, "cest": 2, "jst": 9,
        "hkt": 8, "ist": 5, "eet": 2, "eest": 3, "akst": -9, "akdt": -8, "hst": -10,
    ]

    private static func namedZone(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let lower = String(decoding: b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        let trimmed = TextBytes.trim(lower)
        if let hours = zones[trimmed] { return trimmed == "ist" ? 19800 : hours * 3600 }
        // "GMT+8", "UTC-05:00"
        for prefix in ["gmt", "utc"] where trimmed.hasPrefix(prefix) && trimmed.utf8.count > prefix.utf8.count {
            let rest = Array(trimmed.utf8.dropFirst(prefix.utf8.count))
            return rest.withUnsafeBufferPointer { rest in
                rest[0] == 0x2B || rest[0] == 0x2D ? signedZone(rest) : nil
            }
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
