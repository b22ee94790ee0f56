internal import CLibXML2
import Foundation

/// The main text of an article page: the block with the most paragraph text (an `article`
/// or `main` element when it has enough of it), without navigation, headers, footers,
/// asides, forms, scripts or styles. Parsed with `htmlReadMemory` and only safe options
/// (recover, no network, no errors on stderr); text is read from text nodes, never with
/// `xmlNodeGetContent`.
public enum HTMLMainText {
    static let skipped: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template", "svg",
        "button", "select", "figure", "figcaption",
    ]
    static let paragraphs: Set<String> = ["p", "pre", "blockquote", "li", "h2", "h3"]

    /// Nil when the page has no paragraph text worth the name.
    public static func extract(_ html: [UInt8], url: String?) -> String? {
        XMLGlobal.prepareThread()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document = html.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, nil, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var best: (node: xmlNodePtr, score: Int)?
        var preferred: (node: xmlNodePtr, score: Int)?
        score(root, best: &best, preferred: &preferred)
        // An article/main element wins if it holds at least half of the best block's text.
        let chosen = preferred.flatMap { p in best.map { p.score * 2 >= $0.score ? p : $0 } } ?? best
        guard let chosen, chosen.score >= 80 else { return nil }
        var out = ""
        collect(chosen.node, into: &out)
        let text = HTMLText.normaliseWhitespace(out)
        return text.isEmpty ? nil : text
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    /// Paragraph text directly under each element; returns the element's own total.
    @discardableResult
    private static func score(_ node: xmlNodePtr, best: inout (node: xmlNodePtr, score: Int)?,
                              preferred: inout (node: xmlNodePtr, score: Int)?) -> Int {
        var direct = 0
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let tag = name(current)
                if !skipped.contains(tag) {
                    if paragraphs.contains(tag) { direct += textLength(current) }
                    score(current, best: &best, preferred: &preferred)
                }
            }
            child = current.pointee.next
        }
        if direct > (best?.score ?? 0) { best = (node, direct) }
        let tag = name(node)
        if tag == "article" || tag == "main", direct > (preferred?.score ?? 0) { preferred = (node, direct) }
        return direct
    }

    private static func textLength(_ node: xmlNodePtr) -> Int {
        var total = 0
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                total += strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
            } else if current.pointee.type == XML_ELEMENT_NODE, !skipped.contains(name(current)) {
                total += textLength(current)
            }
            child = current.pointee.next
        }
        return total
    }

    private static func collect(_ node: xmlNodePtr, into out: inout String) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                out += String(cString: content)
            } else if current.pointee.type == XML_ELEMENT_NODE {
                let tag = name(current)
                if !skipped.contains(tag) {
                    let block = HTMLText.blocks.contains(tag)
                    if block { out += "\n" }
                    collect(current, into: &out)
                    if block { out += "\n" }
                }
            }
            child = current.pointee.next
        }
    }
}
