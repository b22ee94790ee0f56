import Foundation

/// Retry timing shared by the stages that talk to the network (fetch and notify).
public enum Backoff {
    /// Seconds to wait after the `failures`-th consecutive failure: `base` doubling each time,
    /// capped at `maximum`, with a ±25% jitter that is deterministic per key and attempt (so
    /// `--now` replays exactly, while things that fail together do not all return at once).
    public static func seconds(failures: Int, key: String, base: Double, maximum: Double) -> Double {
        let exponent = Double(max(0, min(failures - 1, 30)))
        let raw = min(maximum, base * pow(2, exponent))
        let unit = Double(ContentHash.fnv1a("\(key):\(failures)") % 10_000) / 10_000
        return min(maximum, raw * (0.75 + unit * 0.5))
    }

    /// Reads Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    public static func retryAfterSeconds(_ value: String?, now: Date) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
