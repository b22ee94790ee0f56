import Foundation

/// Turns HTML (as feeds put it in titles, summaries and content) into plain text for
/// extraction: tags removed, entities decoded, block elements become line breaks, scripts
/// and styles dropped, whitespace normalised.
///
/// This is a single pass over the UTF-8 bytes, not libxml2's HTML parser: feeds carry most
/// of their bytes as HTML in `content:encoded` and `description`, and a second full parse of
/// those bytes cost more than the XML parse itself (parse benchmark). Only text is wanted,
/// so a tokenizer that knows tags, comments, quoted attributes, raw-text elements and
/// character references is enough; whole article pages still go through `htmlReadMemory`
/// (`HTMLMainText`), where the tree matters.
public enum HTMLText {
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "dl", "figure", "figcaption",
        "aside", "nav", "address", "main", "td", "th",
    ]
    /// Elements whose content is not text to read. Script and style hold raw text up to
    /// their end tag; the others hold markup, counted by nesting. `object` is not one: its
    /// children are the fallback a reader sees when the object is not shown (feed sanitisers
    /// keep that text), and an unclosed `<object>` must not swallow the rest of the text.
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "iframe", "head", "title"]
    static let rawText: Set<String> = ["script", "style"]

    enum Tag: UInt8 { case block, dropped, rawText, image }

    static let tags: PackedNameTable<Tag> = {
        var table = PackedNameTable<Tag>(capacity: 64)
        for name in blocks { table.insert(Array(name.utf8), .block) }
        for name in dropped { table.insert(Array(name.utf8), rawText.contains(name) ? .rawText : .dropped) }
        table.insert(Array("img".utf8), .image)
        return table
    }()

    /// Whether an HTML element separates blocks of text (a line break in plain text).
    public static func isBlock(_ name: String) -> Bool { blocks.contains(name.lowercased()) }

    /// Text that is not markup, with whitespace normalised as `plainText` does it.
    public static func normaliseWhitespace(_ text: String) -> String { TextBytes.normalise(text) }

    /// Plain text of an HTML fragment or page. Whitespace runs collapse to one space and
    /// blank lines to one line break.
    public static func plainText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { plainText($0) }
    }

    /// Plain text of HTML given as UTF-8 bytes.
    public static func plainText(_ html: UnsafeBufferPointer<UInt8>) -> String {
        PlainTextWriter.string(capacity: html.count) { writer in
            var reader = HTMLReader(input: html)
            reader.run(into: &writer)
        }
    }
}

/// The tokenizer behind `HTMLText.plainText`, after the HTML tokenizer's rules where they
/// matter for text: `<` starts a tag only before a letter, `/`, `!` or `?`; attribute
/// values may be quoted and hold `>`; comments run to `-->`; script and style run to their
/// end tag; named references need their `;`, numeric ones do not.
struct HTMLReader {
    let input: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Depth inside dropped elements (noscript, iframe, ...): text there is not written.
    private var droppedDepth = 0

    init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

    mutating func run(into writer: inout PlainTextWriter) {
        let n = input.count
        while i < n {
            switch input[i] {
            case 0x3C:   // <
                markup(&writer)
            case 0x26:   // &
                if droppedDepth == 0 {
                    reference(&writer)
                } else {
                    i += 1
                }
            default:
                if droppedDepth == 0 {
                    i = writer.text(input, from: i, markup: true)
                } else {
                    i += 1
                }
            }
        }
    }

    @inline(__always)
    private func byte(_ k: Int) -> UInt8 { k < input.count ? input[k] : 0 }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    /// At a `<`.
    private mutating func markup(_ writer: inout PlainTextWriter) {
        let next = byte(i + 1)
        if Self.isLetter(next) {
            startTag(&writer)
        } else if next == 0x2F, Self.isLetter(byte(i + 2)) {   // </name
            endTag(&writer)
        } else if next == 0x21, byte(i + 2) == 0x2D, byte(i + 3) == 0x2D {   // <!--
            i = endOfComment(from: i + 4)
        } else if (next == 0x21 && Self.lower(byte(i + 2)) == 0x64) || next == 0x3F || next == 0x2F {
            // <!DOCTYPE ...>, <?pi ...?>, </ >: skipped to their `>`. Any other `<!` is text,
            // as libxml2 reads it (`<!' ...`, `<![CDATA[` inside HTML).
            // One that never closes swallows only itself: up to the next `<` or line end.
            i = find(0x3E, from: i + 2).map { $0 + 1 } ?? unterminatedEnd(from: i + 2)
        } else {
            if droppedDepth == 0 { writer.byte(0x3C) }
            i += 1
        }
    }

    /// Where an unclosed `<!DOCTYPE ...` or `<?...` ends: at the next `<` or line break.
    private func unterminatedEnd(from start: Int) -> Int {
        var k = start
        while k < input.count, input[k] != 0x3C, input[k] != 0x0A { k += 1 }
        return k
    }

    /// Reads a tag name from `i`, lower-cased and packed, and leaves `i` after it.
    private mutating func tagName() -> (packed: UInt64, length: Int, start: Int) {
        let start = i
        var packed: UInt64 = 0
        while i < input.count {
            let b = input[i]
            guard Self.isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A || b == 0x5F || b == 0x2E else { break }
            let length = i - start
            if length < 8 { packed |= UInt64(Self.lower(b)) << (8 * UInt64(length)) }
            i += 1
        }
        return (packed, i - start, start)
    }

    private func kind(_ name: (packed: UInt64, length: Int, start: Int)) -> HTMLText.Tag? {
        HTMLText.tags.value(packed: name.packed, length: name.length) { k in
            return Self.lower(input[name.start + k])
        }
    }

    private mutating func startTag(_ writer: inout PlainTextWriter) {
        i += 1
        let name = tagName()
        let selfClosing = skipAttributes()
        switch kind(name) {
        case .rawText? where selfClosing, .dropped? where selfClosing:
            // `<iframe ... />`: empty, as libxml2 and feed sanitisers read it (HTML5 would
            // not, and would drop everything after it).
            break
        case .rawText?:
            i = endOfRawText(name)
        case .dropped?:
            droppedDepth += 1
        case .block? where droppedDepth == 0:
            writer.lineBreak()
        case .image? where droppedDepth == 0:
            writer.space()
        default:
            break
        }
    }

    private mutating func endTag(_ writer: inout PlainTextWriter) {
        i += 2
        let name = tagName()
        i = find(0x3E, from: i).map { $0 + 1 } ?? input.count
        switch kind(name) {
        case .dropped?, .rawText?:
            droppedDepth = max(0, droppedDepth - 1)
        case .block? where droppedDepth == 0:
            writer.lineBreak()
        default:
            break
        }
    }

    /// Skips attributes to just after the tag's `>` (or to the end) and tells whether the
    /// tag closed itself (`/>`). Quotes count only where a value starts, as in HTML:
    /// `title=it's` does not open a quote, `title="1 > 0"` hides its `>`. Jumps from one
    /// `>` or quote to the next with memchr rather than looking at every byte.
    private mutating func skipAttributes() -> Bool {
        let n = input.count
        while let gt = find(0x3E, from: i) {
            guard let quote = firstQuote(from: i, before: gt) else {
                i = gt + 1
                return input[gt - 1] == 0x2F
            }
            if opensValue(quote) {
                guard let close = find(input[quote], from: quote + 1) else { break }
                i = close + 1
            } else {
                i = quote + 1
            }
        }
        i = n
        return false
    }

    /// The first `"` or `'` in `start..<end`.
    private func firstQuote(from start: Int, before end: Int) -> Int? {
        guard start < end, let base = input.baseAddress else { return nil }
        let double = memchr(base + start, 0x22, end - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        let single = memchr(base + start, 0x27, end - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        switch (double, single) {
        case let (d?, s?): return min(d, s)
        case let (d?, nil): return d
        default: return single
        }
    }

    /// Whether the quote at `k` starts an attribute value (follows `=`, spaces allowed).
    private func opensValue(_ k: Int) -> Bool {
        var j = k - 1
        while j > 0, Self.isSpace(input[j]) { j -= 1 }
        return j >= 0 && input[j] == 0x3D
    }

    /// Where the content of a script or style ends: after its `</name ...>`, or the end.
    private func endOfRawText(_ name: (packed: UInt64, length: Int, start: Int)) -> Int {
        var k = i
        while let lt = find(0x3C, 0x2F, from: k) {
            var j = 0
            while j < name.length, Self.lower(byte(lt + 2 + j)) == Self.lower(input[name.start + j]) { j += 1 }
            let after = byte(lt + 2 + j)
            if j == name.length, after == 0 || after == 0x2F || after == 0x3E || Self.isSpace(after) {
                return find(0x3E, from: lt + 2 + j).map { $0 + 1 } ?? input.count
            }
            k = lt + 2
        }
        return input.count
    }

    /// Where a comment ends: after `-->`, or the end.
    private func endOfComment(from start: Int) -> Int {
        var k = start
        while let dash = find(0x2D, 0x2D, from: k) {
            if byte(dash + 2) == 0x3E { return dash + 3 }
            k = dash + 1
        }
        return input.count
    }

    /// At a `&`: a character reference decoded, or the `&` as text.
    private mutating func reference(_ writer: inout PlainTextWriter) {
        if byte(i + 1) == 0x23 {   // &#
            numericReference(&writer)
            return
        }
        var k = i + 1
        var packed: UInt64 = 0
        while k < input.count, k - i - 1 < 8, Self.isLetter(input[k]) || (input[k] >= 0x30 && input[k] <= 0x39) {
            packed |= UInt64(input[k]) << (8 * UInt64(k - i - 1))
            k += 1
        }
        let length = k - i - 1
        if length > 0, byte(k) == 0x3B, let value = HTMLEntityTable.shared.value(packed: packed, length: length) {
            writer.scalar(value)
            i = k + 1
        } else {
            writer.byte(0x26)
            i += 1
        }
    }

    private mutating func numericReference(_ writer: inout PlainTextWriter) {
        var k = i + 2
        let hex = byte(k) | 0x20 == 0x78
        if hex { k += 1 }
        var value: UInt32 = 0
        let first = k
        while k < input.count, k - first < 8 {
            let b = input[k]
            let digit: UInt32
            if b >= 0x30 && b <= 0x39 { digit = UInt32(b - 0x30) }
            else if hex, (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { digit = UInt32((b | 0x20) - 0x61 + 10) }
            else { break }
            value = value * (hex ? 16 : 10) + digit
            k += 1
        }
        guard k > first else {
            writer.byte(0x26)
            i += 1
            return
        }
        if byte(k) == 0x3B { k += 1 }
        i = k
        if let scalar = CharacterReferences.htmlScalar(value) { writer.scalar(scalar) }
    }

    /// The first index of `b` at or after `from`.
    private func find(_ b: UInt8, from: Int) -> Int? {
        guard from < input.count, let base = input.baseAddress,
              let hit = memchr(base + from, Int32(b), input.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index of `b` followed by `next` at or after `from`.
    private func find(_ b: UInt8, _ next: UInt8, from: Int) -> Int? {
        var k = from
        while let hit = find(b, from: k) {
            if byte(hit + 1) == next { return hit }
            k = hit + 1
        }
        return nil
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
}
