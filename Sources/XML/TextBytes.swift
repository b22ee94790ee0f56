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
        var text = text
        return text.withUTF8 { input in
            // The output is never longer than the input.
            String(unsafeUninitializedCapacity: input.count) { out in
                var n = 0
                var pendingSpace = false
                var pendingBreak = false
                var i = 0
                while i < input.count {
                    let byte = input[i]
                    i += 1
                    switch byte {
                    case 0x0A:
                        pendingBreak = n > 0
                        pendingSpace = false
                        continue
                    case 0x20, 0x09, 0x0D, 0x0C:
                        pendingSpace = true
                        continue
                    case 0xC2 where i < input.count && input[i] == 0xA0:
                        // U+00A0 NO-BREAK SPACE counts as a space.
                        i += 1
                        pendingSpace = true
                        continue
                    default:
                        break
                    }
                    if pendingBreak {
                        out[n] = 0x0A
                        n += 1
                    } else if pendingSpace && n > 0 {
                        out[n] = 0x20
                        n += 1
                    }
                    pendingBreak = false
                    pendingSpace = false
                    out[n] = byte
                    n += 1
                }
                return n
            }
        }
    }

    /// Whether the UTF-8 of `text` contains `byte` (an ASCII character).
    @inline(__always)
    public static func contains(_ text: String, _ byte: UInt8) -> Bool { text.utf8.contains(byte) }
}
