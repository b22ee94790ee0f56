/// Durations as written in configuration: `90s`, `30m`, `1h`, `2h30m`, `1d`, `1w`.
public enum DurationText {
    /// Seconds, or nil when the text is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        var total = 0.0
        var digits = ""
        var sawUnit = false
        for ch in text.trimmingCharacters(in: .whitespaces) {
            if ch.isASCII && (ch.isNumber || ch == ".") {
                digits.append(ch)
            } else if let unit = units[ch], let value = Double(digits) {
                total += value * unit
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        return sawUnit && digits.isEmpty ? total : nil
    }

    /// The shortest text that `seconds(_:)` reads back as `seconds`.
    public static func text(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        for (unit, size) in [("w", 604_800), ("d", 86400), ("h", 3600), ("m", 60)] where whole % size == 0 && whole >= size {
            return "\(whole / size)\(unit)"
        }
        return "\(whole)s"
    }
}
