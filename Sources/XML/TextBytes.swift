/// Whitespace handling on UTF-8 bytes: Foundation's `trimmingCharacters` and Character
/// iteration bridge through UTF-16 on Linux and dominated parse time, so the parser's hot
/// paths use these instead.
public enum TextBytes {
    @inline(__always)
    public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0x0C }

    /// The UTF-8 `bytes` without leading and trailing ASCII whitespace, as a String.
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...last]), as: UTF8.self)
    }

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
        return text.withUTF8 { normalise($0) }
    }

    /// `normalise` for UTF-8 bytes.
    public static func normalise(_ input: UnsafeBufferPointer<UInt8>) -> String {
        PlainTextWriter.string(capacity: input.count) { writer in
            _ = writer.text(input, from: 0, markup: false)
        }
    }
}
