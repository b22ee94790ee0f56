import Core
import Foundation
import XML

/// The SAX handler that builds a feed from RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 events.
/// Elements are keyed by a short namespace name and local name (`atom:link`, `:title`,
/// `dc:creator`); RSS 1.0 and 0.90 elements count as plain RSS ones.
final class FeedBuilder: XMLEventHandler {
    struct Frame {
        var key: String
        var attributes: [XMLAttribute]
        var base: String?
        var text = ""
    }

    private(set) var format: FeedFormat?
    private(set) var rootName: String?
    private var rootNamespace: String?
    var feed = FeedInfo()
    var items: [FeedItem] = []
    var current: FeedItem?
    /// iTunes and Media RSS values, used only where the core element is missing.
    var itemFallback: (title: String?, summary: String?) = (nil, nil)
    var feedFallbackSubtitle: String?
    var currentGuid: String?
    var person: Person?
    private(set) var stack: [Frame] = []
    /// Index of the frame whose inner markup is being collected as text (Atom xhtml content).
    private var captureIndex: Int?
    private let documentBase: String?

    init(baseURL: String?) { documentBase = baseURL }

    let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    static let namespaces: [String: String] = [
        "http://www.w3.org/2005/Atom": "atom", "http://purl.org/atom/ns#": "atom03",
        "http://purl.org/rss/1.0/": "", "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://backend.userland.com/rss2": "", "http://blogs.law.harvard.edu/tech/rss": "",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf", "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms", "http://purl.org/rss/1.0/modules/content/": "content",
        "http://www.w3.org/1999/xhtml": "xhtml", "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
    ]

    func startElement(localName: String, prefix: String?, namespace: String?, attributes: [XMLAttribute]) {
        if let captureIndex {
            // Inside Atom xhtml content: markup is part of the text.
            if HTMLText.isBlock(localName) { stack[captureIndex].text += "\n" }
            stack.append(Frame(key: "capture", attributes: [], base: nil))
            return
        }
        if namespace == "http://my.netscape.com/rdf/simple/0.9/" { rss090 = true }
        var short = namespace.map { Self.namespaces[$0] ?? Self.namespaces[$0.lowercased()] ?? "other" } ?? ""
        if short == "atom03" { short = "atom" }
        if rootName == nil { detectFormat(localName: localName, namespace: namespace, attributes: attributes) }
        // Atom without its namespace, or with an unknown one (seen in the wild): elements in
        // the root's namespace are read as the root's format.
        if namespace == rootNamespace && short != "atom" {
            short = (format == .atom10 || format == .atom03) ? "atom" : ""
        }
        // Element names compare case-insensitively (`<TiTlE>`, CDF's `<CHANNEL>`): keys are lower case.
        let key = "\(short):\(ASCIILower.of(localName))"
        let parentBase = stack.last?.base ?? documentBase
        var base = parentBase
        if let xmlBase = attributes.first(where: { $0.localName == "base" && $0.prefix == "xml" })?.value {
            base = URLResolver.resolve(xmlBase, against: parentBase)
        }
        stack.append(Frame(key: key, attributes: attributes, base: base))
        switch key {
        case ":item", "atom:entry":
            current = FeedItem()
            // RSS 1.0 names each item by rdf:about; a guid, when present, wins.
            currentGuid = attributes.first { $0.localName == "about" && $0.namespace == rdfNamespace }?.value
            // CDF items carry their link and date as attributes.
            if let href = Self.attribute("href", attributes) { current!.link = URLResolver.resolve(href, against: base) }
            if let modified = Self.attribute("lastmod", attributes) {
                current!.updated = FeedDate(text: modified, date: FeedDateParser.parse(modified))
            }
        case ":channel":
            if feed.link.isEmpty, let href = Self.attribute("href", attributes) {
                feed.link = URLResolver.resolve(href, against: base)
            }
        case "atom:author", "atom:contributor":
            person = Person(name: "")
        default:
            break
        }
        if key.hasPrefix("atom:"), TextConstruct.isXHTML(attributes), TextConstruct.elements.contains(localName) {
            captureIndex = stack.count - 1
        } else if key == "xhtml:body" || (key == "xhtml:div" && current != nil && stack.dropLast().last?.key == ":item") {
            captureIndex = stack.count - 1   // XHTML inline in an RSS item: its markup is its text
        }
        if key == "atom:feed", feed.language.isEmpty,
           let lang = attributes.first(where: { $0.localName == "lang" && $0.prefix == "xml" })?.value {
            feed.language = lang.replacingOccurrences(of: "_", with: "-")
        }
    }

    func endElement(localName: String, prefix: String?, namespace: String?) {
        guard let frame = stack.popLast() else { return }
        if frame.key == "capture" {
            if let captureIndex, HTMLText.isBlock(localName) { stack[captureIndex].text += "\n" }
            return
        }
        if captureIndex == stack.count { captureIndex = nil }

        handle(frame)
        // Markup left unescaped inside a text element (`<title><p>Title</p></title>`) is
        // still its text.
        if let parent = stack.indices.last, Self.textHolders.contains(stack[parent].key), !frame.text.isEmpty {
            let block = HTMLText.isBlock(localName)
            stack[parent].text += block ? "\n" + frame.text + "\n" : frame.text
        }
    }

    static let textHolders: Set<String> = [
        ":title", ":description", ":abstract", ":link", ":guid", ":category", ":author", "dc:description", "dc:title",
        "dc:subject", "dc:creator", "content:encoded", "atom:title", "atom:subtitle", "atom:summary",
        "atom:content", "atom:tagline", "atom:id", "atom:name",
    ]

    func characters(_ text: String) {
        if let captureIndex {
            stack[captureIndex].text += text
        } else if !stack.isEmpty {
            stack[stack.count - 1].text += text
        }
    }

    private func detectFormat(localName: String, namespace: String?, attributes: [XMLAttribute]) {
        rootName = localName
        rootNamespace = namespace
        switch (localName.lowercased(), namespace) {
        case ("rss", _):
            let version = attributes.first { $0.localName == "version" }.map { TextBytes.trim($0.value) } ?? ""
            format = version.hasPrefix("0.9") ? .rss09 : .rss20
        case ("rdf", _):
            format = .rss10
        case ("entry", "http://www.w3.org/2005/Atom"):
            format = .atom10   // an Atom entry document: a feed of one entry
        case ("feed", "http://purl.org/atom/ns#"):
            format = .atom03
        case ("feed", _):
            let version = attributes.first { $0.localName == "version" }?.value ?? ""
            format = version.hasPrefix("0.") ? .atom03 : .atom10
        case ("channel", _):
            format = .rss20
        default:
            format = nil
        }
    }

    /// The finished feed, with item identities assigned.
    func result(format: FeedFormat) -> ParsedFeed {
        if let current { finishItem(current) }
        if feed.subtitle.isEmpty, let fallback = feedFallbackSubtitle { feed.subtitle = fallback }
        return ParsedFeed(format: reportedFormat(format), feed: feed, items: items)
    }

    func reportedFormat(_ format: FeedFormat) -> FeedFormat { format == .rss10 && rss090 ? .rss09 : format }

    /// When set, each finished item goes here instead of into `items`, so a huge feed is
    /// never held whole in memory.
    var onItem: ((FeedFormat, FeedItem) -> Void)?
    private var identities = ItemIdentity()

    /// RSS 0.90 is RDF with Netscape's namespace: noticed while reading elements.
    private var rss090 = false

    func finishItem(_ item: FeedItem) {
        var finished = item
        if finished.title.isEmpty, let title = itemFallback.title { finished.title = title }
        if finished.summary.isEmpty, let summary = itemFallback.summary { finished.summary = summary }
        itemFallback = (nil, nil)
        finished.id = identities.assign(finished, guid: currentGuid)
        current = nil
        if let onItem, let format { onItem(reportedFormat(format), finished) } else { items.append(finished) }
    }
}

extension FeedBuilder {
    /// An attribute by case-insensitive local name.
    static func attribute(_ name: String, _ attributes: [XMLAttribute]) -> String? {
        attributes.first { ASCIILower.of($0.localName) == name }?.value
    }
}

/// ASCII lower-casing that allocates only when there is an upper-case letter.
enum ASCIILower {
    static func of(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
