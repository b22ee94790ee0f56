/// Whitespace handling on UTF-8 bytes: Foundation's `trimmingCharacters` and Character
/// iteration bridge through UTF-16 on Linux and dominated parse time, so the parser's hot
/// paths use these instead.
public enum TextBytes {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x0C }

    /// `text` without leading and trailing ASCII whitespace.
    public static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return text }
        return String(text[first...last])
    }

    /// Collapses runs of spaces, tabs and no-break spaces within lines to one space, trims
    /// each line and drops empty ones: a block boundary becomes one line break.
    public static func normalise(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var pendingBreak = false
        var iterator = text.utf8.makeIterator()
        var lookahead: UInt8? = nil
        while let byte = lookahead ?? iterator.next() {
            lookahead = nil
            if byte == 0x0A {
                pendingBreak = !out.isEmpty
                pendingSpace = false
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                continue
            }
            if byte == 0xC2 {
                // U+00A0 NO-BREAK SPACE (C2 A0) counts as a space.
                let next = iterator.next()
                if next == 0xA0 { pendingSpace = true; continue }
                lookahead = next
            }
            if pendingBreak { out.append(0x0A) } else if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingBreak = false
            pendingSpace = false
            out.append(byte)
            if let next = lookahead { lookahead = nil; out.append(next) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the UTF-8 of `text` contains `byte` (an ASCII character).
    @inline(__always)
    public static func contains(_ text: String, _ byte: UInt8) -> Bool { text.utf8.contains(byte) }
}
