import Core
import Foundation
import XML

/// The SAX handler that builds a feed from RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 events.
/// Elements are keyed by a short namespace name and local name (`atom:link`, `:title`,
/// `dc:creator`, see `ElementKey`); RSS 1.0 and 0.90 elements count as plain RSS ones.
///
/// Text is collected in one byte buffer shared by the open elements: an element that reads
/// its text (and markup such as `<b>` inside one) appends to it, and when it closes its text
/// is the buffer from where it started. Nothing becomes a String unless a field takes it.
///
/// Its state is touched on every SAX event by this class alone, on one thread:
/// `@exclusivity(unchecked)` drops the runtime access checks on it (several per cent of
/// parse time in the benchmark's profile); the compile-time checks still hold.
final class FeedBuilder: XMLEventHandler {
    /// An open element. Plain data, so pushing and popping one costs no reference counting:
    /// its attributes and base URL live in side stacks.
    struct Frame {
        var key: ElementKey
        var isBlock: Bool
        /// Whether text inside this element is collected.
        var collects: Bool
        /// Where this element's text starts in `text`.
        var textStart: Int
        /// Its base URL in `bases`; `ownsBase` when its own xml:base put it there.
        var baseIndex: Int32
        var ownsBase: Bool
        /// Its attributes in `savedAttributes`, when its key reads them at the end; else -1.
        var attributesIndex: Int32
    }

    @exclusivity(unchecked) private(set) var format: FeedFormat?
    @exclusivity(unchecked) private(set) var rootName: String?
    @exclusivity(unchecked) private var rootNamespace: String?
    @exclusivity(unchecked) var feed = FeedInfo()
    @exclusivity(unchecked) var items: [FeedItem] = []
    /// The item being read, while `inItem`. Not an Optional: reading a field through
    /// `current!` copied the whole item (a retain per field) on every element.
    @exclusivity(unchecked) var item = FeedItem()
    @exclusivity(unchecked) var inItem = false
    /// iTunes and Media RSS values, used only where the core element is missing.
    @exclusivity(unchecked) var itemFallback: (title: String?, summary: String?) = (nil, nil)
    @exclusivity(unchecked) var feedFallbackSubtitle: String?
    @exclusivity(unchecked) var currentGuid: String?
    @exclusivity(unchecked) var person: Person?
    @exclusivity(unchecked) private(set) var stack: [Frame] = []
    /// The text of the open elements that collect it (UTF-8 as libxml2 delivers it).
    @exclusivity(unchecked) private var text: [UInt8] = []
    /// Base URLs in force (the document's first, then each xml:base met).
    @exclusivity(unchecked) private var bases: [String?]
    /// Attributes of open elements that read them when they close.
    @exclusivity(unchecked) private var savedAttributes: [[XMLAttribute]] = []
    /// What each element name of this document means, by `XMLName.id`.
    @exclusivity(unchecked) private var infos: [ElementInfo?] = []
    /// Index of the frame whose inner markup is being collected as text (Atom xhtml content).
    @exclusivity(unchecked) private var captureIndex: Int?

    /// The session this parse borrows (names and their meanings, kept across documents).
    let session: ParseSession

    init(baseURL: String?, session: ParseSession) {
        bases = [baseURL]
        self.session = session
    }

    let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    /// Elements of inline XHTML whose text is not text a reader sees.
    static let droppedInXHTML: Set<String> = ["script", "style", "noscript", "template"]

    static let namespaces: [String: String] = [
        "http://www.w3.org/2005/Atom": "atom", "http://purl.org/atom/ns#": "atom03",
        "http://purl.org/rss/1.0/": "", "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://backend.userland.com/rss2": "", "http://blogs.law.harvard.edu/tech/rss": "",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf", "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms", "http://purl.org/rss/1.0/modules/content/": "content",
        "http://www.w3.org/1999/xhtml": "xhtml", "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
    ]

    /// The short name of a namespace: exact, then the same URI written another way (scheme,
    /// `www.`, case, a trailing `/` or `#`: `http://purl.org/rss/1.0/modules/content`), then the
    /// well-known prefix when the URI is a near miss on that namespace's own site
    /// (`xmlns:dc="http://purl.org/dc/elements/1.0/"`). Unknown namespaces are "other".
    static func short(namespace: String?, prefix: String?) -> String {
        guard let namespace else { return "" }
        if let known = namespaces[namespace] ?? namespaces[namespace.lowercased()] { return known }
        let key = normalisedNamespace(namespace)
        if let known = normalisedNamespaces[key] { return known }
        if let prefix = prefix?.lowercased(), let site = prefixSites[prefix], key.hasPrefix(site) { return prefix }
        return "other"
    }

    static func normalisedNamespace(_ uri: String) -> String {
        var key = uri.lowercased().trimmingCharacters(in: .whitespaces)
        for scheme in ["http://", "https://"] where key.hasPrefix(scheme) { key.removeFirst(scheme.count) }
        if key.hasPrefix("www.") { key.removeFirst(4) }
        while key.hasSuffix("/") || key.hasSuffix("#") { key.removeLast() }
        return key
    }

    static let normalisedNamespaces: [String: String] = {
        var table: [String: String] = [:]
        for (uri, short) in namespaces { table[normalisedNamespace(uri)] = short }
        return table
    }()

    /// Where each well-known prefix's namespace lives: a URI there under that prefix means it.
    static let prefixSites: [String: String] = [
        "content": "purl.org/rss", "dc": "purl.org/dc", "dcterms": "purl.org/dc", "media": "search.yahoo.com",
        "itunes": "itunes.com",
    ]

    /// What `name` means in this document. The format is known by then: the root element is
    /// the first name seen. Worked out once per name and session; what depends on the
    /// document (an element in the root's own namespace) is a variant of its own.
    private func info(for name: XMLName) -> ElementInfo {
        if name.id < infos.count, let known = infos[name.id] { return known }
        let namespace = name.namespace
        if namespace == "http://my.netscape.com/rdf/simple/0.9/" { rss090 = true }
        let atomFormat = format == .atom10 || format == .atom03
        let variant = namespace == rootNamespace ? (atomFormat ? 1 : 2) : 0
        let slot = name.id * 3 + variant
        let info: ElementInfo
        if slot < session.infos.count, let known = session.infos[slot] {
            info = known
        } else {
            var short = Self.short(namespace: namespace, prefix: name.prefix)
            if short == "atom03" { short = "atom" }
            // Atom without its namespace, or with an unknown one (seen in the wild): elements in
            // the root's namespace are read as the root's format.
            if variant != 0 && short != "atom" { short = atomFormat ? "atom" : "" }
            // Element names compare case-insensitively (`<TiTlE>`, CDF's `<CHANNEL>`): keys are lower case.
            info = ElementInfo(key: ElementKey.byName["\(short):\(ASCIILower.of(name.localName))"] ?? .other,
                               atomTextConstruct: short == "atom" && TextConstruct.elements.contains(name.localName),
                               isBlock: HTMLText.isBlock(name.localName))
            Self.store(info, at: slot, in: &session.infos)
        }
        Self.store(info, at: name.id, in: &infos)
        return info
    }

    private static func store(_ info: ElementInfo, at index: Int, in table: inout [ElementInfo?]) {
        if table.count <= index { table.append(contentsOf: repeatElement(nil, count: index + 1 - table.count)) }
        table[index] = info
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool {
        open(name, attributes: attributes)
        return wantsText
    }

    func endElement(_ name: XMLName) -> Bool {
        close(name)
        return wantsText
    }

    /// Whether the innermost open element collects its text.
    private var wantsText: Bool { !stack.isEmpty && stack[stack.count - 1].collects }

    private func open(_ name: XMLName, attributes: XMLAttributes) {
        if captureIndex != nil {
            // Inside Atom xhtml content: markup is part of the text, read as a tree - its text
            // literal, block elements line breaks, script and style (and their text) dropped.
            let isBlock = info(for: name).isBlock
            if isBlock { text.append(0x0A) }
            let dropped = FeedBuilder.droppedInXHTML.contains(ASCIILower.of(name.localName))
            let collects = !dropped && (stack.last?.collects ?? true)
            stack.append(Frame(key: .capture, isBlock: isBlock, collects: collects, textStart: text.count,
                               baseIndex: 0, ownsBase: false, attributesIndex: -1))
            return
        }
        if rootName == nil { detectFormat(name, attributes: attributes) }
        let info = info(for: name)
        let key = info.key
        let parentKey = stack.isEmpty ? nil : stack[stack.count - 1].key
        let parentCollects = !stack.isEmpty && stack[stack.count - 1].collects
        var baseIndex = stack.isEmpty ? 0 : stack[stack.count - 1].baseIndex
        var ownsBase = false
        if !attributes.isEmpty, let xmlBase = attributes.value("base", prefix: "xml") {
            bases.append(URLResolver.resolve(xmlBase, against: bases[Int(baseIndex)]))
            baseIndex = Int32(bases.count - 1)
            ownsBase = true
        }
        var attributesIndex: Int32 = -1
        if key.readsAttributes {
            savedAttributes.append(attributes.all)
            attributesIndex = Int32(savedAttributes.count - 1)
        }
        let base = bases[Int(baseIndex)]
        stack.append(Frame(key: key, isBlock: info.isBlock, collects: key.readsText || (key.isMarkup && parentCollects),
                           textStart: text.count, baseIndex: baseIndex, ownsBase: ownsBase,
                           attributesIndex: attributesIndex))
        switch key {
        case .item, .atomEntry:
            item = FeedItem()
            inItem = true
            // RSS 1.0 names each item by rdf:about; a guid, when present, wins.
            currentGuid = attributes.isEmpty ? nil : attributes.value("about", namespace: rdfNamespace)
            // CDF items carry their link and date as attributes.
            if let href = attributes.value("href", ignoringCase: true) { item.link = URLResolver.resolve(href, against: base) }
            if let modified = attributes.value("lastmod", ignoringCase: true) {
                item.updated = FeedDate(text: modified, date: FeedDateParser.parse(modified))
            }
        case .channel:
            if feed.link.isEmpty, let href = attributes.value("href", ignoringCase: true) {
                feed.link = URLResolver.resolve(href, against: base)
            }
        case .atomAuthor, .atomContributor:
            person = Person(name: "")
        case .atomFeed:
            if feed.language.isEmpty, let lang = attributes.value("lang", prefix: "xml") {
                feed.language = LanguageTag.normalise(lang)
            }
        default:
            break
        }
        if info.atomTextConstruct, TextConstruct.isXHTML(attributes.value("type")) {
            captureIndex = stack.count - 1
        } else if key == .xhtmlBody || (key == .xhtmlDiv && inItem && parentKey == .item) {
            captureIndex = stack.count - 1   // XHTML inline in an RSS item: its markup is its text
        }
        if captureIndex == stack.count - 1 { stack[stack.count - 1].collects = true }
    }

    private func close(_ name: XMLName) {
        guard let frame = stack.popLast() else { return }
        if frame.key == .capture {
            if frame.isBlock { text.append(0x0A) }
            return
        }
        if captureIndex == stack.count { captureIndex = nil }
        handle(frame)
        if frame.ownsBase { bases.removeLast() }
        if frame.attributesIndex >= 0 { savedAttributes.removeLast() }
        guard frame.collects else { return }
        // Markup left unescaped inside a text element (`<title><p>Title</p></title>`) is
        // still its text; anything else is done with.
        if frame.key.isMarkup && !stack.isEmpty && stack[stack.count - 1].collects {
            if frame.isBlock && text.count > frame.textStart {
                text.insert(0x0A, at: frame.textStart)
                text.append(0x0A)
            }
        } else {
            text.removeSubrange(frame.textStart...)
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !stack.isEmpty && stack[stack.count - 1].collects { text.append(contentsOf: bytes) }
    }

    /// The base URL links in `frame` resolve against.
    func base(of frame: Frame) -> String? { bases[Int(frame.baseIndex)] }

    /// The attributes of `frame`, when its key reads them.
    func attributes(of frame: Frame) -> [XMLAttribute] {
        frame.attributesIndex >= 0 ? savedAttributes[Int(frame.attributesIndex)] : []
    }

    /// The text of `frame` without surrounding whitespace.
    func trimmedText(of frame: Frame) -> String {
        text.withUnsafeBufferPointer { TextBytes.trimmed(UnsafeBufferPointer(rebasing: $0[frame.textStart...])) }
    }

    /// The text of `frame` read as HTML: feeds say nothing reliable about markup in RSS
    /// text, and text without markup comes out of the HTML reading unchanged but for
    /// whitespace.
    func htmlText(of frame: Frame) -> String {
        text.withUnsafeBufferPointer { HTMLText.plainText(UnsafeBufferPointer(rebasing: $0[frame.textStart...])) }
    }

    /// The text of `frame` (already plain, e.g. captured XHTML) with whitespace normalised.
    func plainText(of frame: Frame) -> String {
        text.withUnsafeBufferPointer { TextBytes.normalise(UnsafeBufferPointer(rebasing: $0[frame.textStart...])) }
    }

    /// The text of an Atom text construct, read as its `type` says.
    func constructText(of frame: Frame) -> String {
        text.withUnsafeBufferPointer {
            TextConstruct.text(UnsafeBufferPointer(rebasing: $0[frame.textStart...]), attributes: attributes(of: frame),
                               isContent: frame.key == .atomContent)
        }
    }

    private func detectFormat(_ name: XMLName, attributes: XMLAttributes) {
        let localName = name.localName
        let namespace = name.namespace
        rootName = localName
        rootNamespace = namespace
        switch (localName.lowercased(), namespace) {
        case ("rss", _):
            let version = attributes.value("version").map(TextBytes.trim) ?? ""
            format = version.hasPrefix("0.9") ? .rss09 : .rss20
        case ("rdf", _):
            format = .rss10
        case ("entry", "http://www.w3.org/2005/Atom"):
            format = .atom10   // an Atom entry document: a feed of one entry
        case ("feed", "http://purl.org/atom/ns#"):
            format = .atom03
        case ("feed", _):
            let version = attributes.value("version") ?? ""
            format = version.hasPrefix("0.") ? .atom03 : .atom10
        case ("channel", _):
            format = .rss20
        default:
            format = nil
        }
    }

    /// The finished feed, with item identities assigned.
    func result(format: FeedFormat) -> ParsedFeed {
        if inItem { finishItem() }
        if feed.subtitle.isEmpty, let fallback = feedFallbackSubtitle { feed.subtitle = fallback }
        return ParsedFeed(format: reportedFormat(format), feed: feed, items: items)
    }

    func reportedFormat(_ format: FeedFormat) -> FeedFormat { format == .rss10 && rss090 ? .rss09 : format }

    /// When set, each finished item goes here instead of into `items`, so a huge feed is
    /// never held whole in memory.
    var onItem: ((FeedFormat, FeedItem) -> Void)?
    @exclusivity(unchecked) private var identities = ItemIdentity()

    /// RSS 0.90 is RDF with Netscape's namespace: noticed while reading elements.
    @exclusivity(unchecked) private var rss090 = false

    func finishItem() {
        var finished = FeedItem()
        swap(&finished, &item)
        inItem = false
        if finished.title.isEmpty, let title = itemFallback.title { finished.title = title }
        if finished.summary.isEmpty, let summary = itemFallback.summary { finished.summary = summary }
        // No summary but content: the summary is the content's text, as feedparser, gofeed and
        // rss-parser give it (a reader of summaries then sees every item).
        if finished.summary.isEmpty, !finished.content.isEmpty { finished.summary = finished.content }
        itemFallback = (nil, nil)
        finished.id = identities.assign(finished, guid: currentGuid)
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
