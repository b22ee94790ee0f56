internal import CLibXML2

/// Turns HTML (as feeds put it in titles, summaries and content) into plain text for
/// extraction: tags removed, entities decoded, block elements become line breaks, scripts
/// and styles dropped. Uses libxml2's HTML SAX parser with recovery; no tree is built.
public enum HTMLText {
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "dl", "figure", "figcaption",
        "aside", "nav", "address", "main", "td", "th",
    ]
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "iframe", "object", "head", "title"]

    /// Whether an HTML element separates blocks of text (a line break in plain text).
    public static func isBlock(_ name: String) -> Bool { blocks.contains(name.lowercased()) }

    /// Text that is not markup, with whitespace normalised as `plainText` does it.
    public static func normaliseWhitespace(_ text: String) -> String { TextBytes.normalise(text) }

    /// Plain text of an HTML fragment or page. Whitespace runs collapse to one space and
    /// blank lines to one line break.
    public static func plainText(_ html: String) -> String {
        guard TextBytes.contains(html, UInt8(ascii: "<")) || TextBytes.contains(html, UInt8(ascii: "&")) else {
            return TextBytes.normalise(html)
        }
        XMLGlobal.prepareThread()
        let collector = TextCollector()
        var sax = htmlSAXHandler()
        sax.startElement = htmlStart
        sax.endElement = htmlEnd
        sax.characters = htmlCharacters
        sax.cdataBlock = htmlCharacters
        let userData = Unmanaged.passUnretained(collector).toOpaque()
        guard let ctxt = htmlCreatePushParserCtxt(&sax, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
            return TextBytes.normalise(html)
        }
        defer { htmlFreeParserCtxt(ctxt) }
        _ = htmlCtxtUseOptions(ctxt, Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
                                           | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue))
        var bytes = Array(html.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = htmlParseChunk(ctxt, chars.baseAddress, Int32(chars.count), 0)
            }
        }
        _ = htmlParseChunk(ctxt, nil, 0, 1)
        return collector.text
    }
}

/// Accumulates text, tracking dropped elements and block boundaries.
final class TextCollector {
    private var out = ""
    var droppedDepth = 0

    func append(_ text: String) {
        if droppedDepth == 0 { out += text }
    }

    func breakLine() {
        if droppedDepth == 0 { out += "\n" }
    }

    var text: String { TextBytes.normalise(out) }
}

@inline(__always)
private func collector(_ ctx: UnsafeMutableRawPointer?) -> TextCollector {
    Unmanaged<TextCollector>.fromOpaque(ctx!).takeUnretainedValue()
}

private let htmlStart: startElementSAXFunc = { ctx, name, _ in
    let c = collector(ctx)
    let tag = name.map { String(cString: $0).lowercased() } ?? ""
    if HTMLText.dropped.contains(tag) { c.droppedDepth += 1 }
    else if HTMLText.blocks.contains(tag) { c.breakLine() }
    else if tag == "img" { c.append(" ") }
}

private let htmlEnd: endElementSAXFunc = { ctx, name in
    let c = collector(ctx)
    let tag = name.map { String(cString: $0).lowercased() } ?? ""
    if HTMLText.dropped.contains(tag) { c.droppedDepth = max(0, c.droppedDepth - 1) }
    else if HTMLText.blocks.contains(tag) { c.breakLine() }
}

private let htmlCharacters: charactersSAXFunc = { ctx, chars, length in
    guard let chars, length > 0 else { return }
    collector(ctx).append(String(decoding: UnsafeBufferPointer(start: chars, count: Int(length)), as: UTF8.self))
}
