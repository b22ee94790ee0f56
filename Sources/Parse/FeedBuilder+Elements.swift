import Core
import Foundation
import XML

/// What each closed element means for the feed or the current item.
extension FeedBuilder {
    func handle(_ frame: Frame) {
        let key = frame.key
        if key.isItem {
            if inItem { finishItem() }
            return
        }
        if key == .atomAuthor || key == .atomContributor {
            if let person, !(person.name.isEmpty && person.email == nil && person.uri == nil) {
                if inItem { item.authors.append(person) }
                else if key == .atomAuthor { feed.authors.append(person) }
            }
            person = nil
            return
        }
        if person != nil {
            let value = trimmedText(of: frame)
            switch key {
            case .atomName: person!.name = value
            case .atomEmail: person!.email = value
            case .atomURI, .atomURL: person!.uri = URLResolver.resolve(value, against: base(of: frame))
            default: break
            }
            return
        }
        if inItem {
            // Only the item's own children: not those of an <image> or Atom <source> inside it.
            guard !stack.isEmpty, stack[stack.count - 1].key.isItem else { return }
            handleItemElement(frame, key: key)
        } else {
            handleFeedElement(frame, key: key)
        }
    }

    private func handleItemElement(_ frame: Frame, key: ElementKey) {
        lazy var trimmed = trimmedText(of: frame)
        switch key {
        case .title, .dcTitle:
            if item.title.isEmpty { item.title = htmlText(of: frame) }
        case .atomTitle:
            item.title = constructText(of: frame)
        case .link:
            // Several <link>s: the last wins, as in the common readers; <link href="..."/> too.
            let link = URLResolver.resolve(rssLinkValue(frame, trimmed), against: base(of: frame))
            if !link.isEmpty {
                item.link = link
                if !item.links.contains(link) { item.links.append(link) }
            }
        case .atomLink:
            atomLink(frame) { link, rel, type, length in
                if rel == "enclosure" {
                    item.enclosures.append(Enclosure(url: link, type: type, length: length))
                } else if rel == "alternate" && item.link.isEmpty {
                    item.link = link
                }
                if !item.links.contains(link) { item.links.append(link) }
            }
        case .guid, .atomID:
            // A relative Atom id is resolved against xml:base, as other readers do.
            currentGuid = key == .atomID && !trimmed.contains(Character(":")) ? URLResolver.resolve(trimmed, against: base(of: frame)) : trimmed
            let permalink = FeedBuilder.attribute("ispermalink", attributes(of: frame))?.lowercased() ?? "true"
            if key == .guid, permalink != "false", item.link.isEmpty, trimmed.hasPrefix("http") {
                item.link = trimmed
                item.links.append(trimmed)
            }
        case .description, .dcDescription, .abstract:
            if item.summary.isEmpty { item.summary = htmlText(of: frame) }
        case .itunesSummary, .itunesSubtitle, .mediaDescription:
            // Extension elements only stand in when the core element is missing (applied at the end).
            if itemFallback.summary == nil { itemFallback.summary = htmlText(of: frame) }
        case .mediaTitle:
            if itemFallback.title == nil { itemFallback.title = htmlText(of: frame) }
        case .mediaCategory:
            if !trimmed.isEmpty { item.categories.append(trimmed) }
        case .itunesCategory:
            if let text = FeedBuilder.attribute("text", attributes(of: frame)), !text.isEmpty { item.categories.append(text) }
        case .itunesAuthor:
            if item.authors.isEmpty, !trimmed.isEmpty { item.authors.append(PersonText.parse(trimmed)) }
        case .atomSummary:
            item.summary = constructText(of: frame)
        case .contentEncoded, .fullItem:
            item.content = htmlText(of: frame)
        case .xhtmlBody, .xhtmlDiv:
            // Captured inline XHTML: already text, only whitespace to tidy.
            if item.content.isEmpty { item.content = plainText(of: frame) }
        case .atomContent:
            item.content = constructText(of: frame)
        case .pubDate, .dcDate, .atomPublished, .atomIssued, .atomCreated, .dctermsIssued:
            if item.published == nil { item.published = date(trimmed) }
        case .atomUpdated, .atomModified, .dctermsModified:
            item.updated = date(trimmed)
        case .author, .dcCreator, .dcAuthor:
            if !trimmed.isEmpty { item.authors.append(PersonText.parse(trimmed)) }
        case .category, .dcSubject:
            if !trimmed.isEmpty { item.categories.append(trimmed) }
        case .atomCategory:
            if let term = attributes(of: frame).first(where: { $0.localName == "term" })?.value
                ?? attributes(of: frame).first(where: { $0.localName == "label" })?.value, !term.isEmpty {
                item.categories.append(term)
            }
        case .enclosure:
            let attributes = attributes(of: frame)
            let attribute = { (name: String) in attributes.first { $0.localName == name }?.value }
            if let url = attribute("url"), !url.isEmpty {
                item.enclosures.append(Enclosure(url: URLResolver.resolve(url, against: base(of: frame)),
                                                     type: attribute("type") ?? "",
                                                     length: attribute("length").flatMap { Int(TextBytes.trim($0)) }))
            }
        default:
            break
        }
    }

    private func handleFeedElement(_ frame: Frame, key: ElementKey) {
        lazy var trimmed = trimmedText(of: frame)
        // Only children of the channel (rss > channel, RDF > channel) or feed describe the
        // feed, not those of its image or textInput.
        guard stack.count <= 2 else { return }
        switch key {
        case .title, .dcTitle:
            if feed.title.isEmpty { feed.title = htmlText(of: frame) }
        case .atomTitle:
            feed.title = constructText(of: frame)
        case .link:
            // The channel's own links only (RSS 1.0 puts <textinput> and <image>, with links of
            // their own, beside the channel); the last wins.
            guard stack.last?.key == .channel else { return }
            let link = URLResolver.resolve(rssLinkValue(frame, trimmed), against: base(of: frame))
            if !link.isEmpty { feed.link = link }
        case .atomLink:
            atomLink(frame) { link, rel, _, _ in
                if rel == "alternate" && feed.link.isEmpty { feed.link = link }
            }
        case .description, .dcDescription, .abstract:
            if feed.subtitle.isEmpty { feed.subtitle = htmlText(of: frame) }
        case .itunesSubtitle, .itunesSummary:
            if feedFallbackSubtitle == nil { feedFallbackSubtitle = htmlText(of: frame) }
        case .atomSubtitle, .atomTagline:
            feed.subtitle = constructText(of: frame)
        case .language, .dcLanguage:
            if feed.language.isEmpty { feed.language = LanguageTag.normalise(trimmed) }
        case .lastBuildDate, .atomUpdated, .atomModified, .dctermsModified:
            feed.updated = date(trimmed)
        case .pubDate, .dcDate, .dctermsIssued:
            if feed.updated == nil { feed.updated = date(trimmed) }
        case .managingEditor, .dcCreator, .dcAuthor, .author, .webMaster, .itunesAuthor:
            if feed.authors.isEmpty && !trimmed.isEmpty { feed.authors.append(PersonText.parse(trimmed)) }
        default:
            break
        }
    }

    /// An RSS link's URL: its text, or its `href` when it has no text.
    private func rssLinkValue(_ frame: Frame, _ trimmed: String) -> String {
        if !trimmed.isEmpty { return trimmed }
        return attributes(of: frame).first { $0.localName == "href" }.map { TextBytes.trim($0.value) } ?? ""
    }

    /// An Atom link's resolved href (or, without one, the URL written as its text), rel
    /// (default alternate), type and length.
    private func atomLink(_ frame: Frame, _ use: (String, String, String, Int?) -> Void) {
        let attributes = attributes(of: frame)
        let attribute = { (name: String) in attributes.first { $0.localName == name }?.value }
        let text = trimmedText(of: frame)
        guard let href = attribute("href").map(TextBytes.trim) ?? (text.isEmpty ? nil : text) else { return }
        use(URLResolver.resolve(href, against: base(of: frame)), attribute("rel")?.lowercased() ?? "alternate",
            attribute("type") ?? "", attribute("length").flatMap { Int($0) })
    }

    private func date(_ text: String) -> FeedDate? {
        text.isEmpty ? nil : FeedDate(text: text, date: FeedDateParser.parse(text))
    }
}

/// Atom text constructs (RFC 4287 §3.1) and loosely typed RSS text, as plain text.
enum TextConstruct {
    static let elements: Set<String> = ["title", "subtitle", "summary", "content", "rights", "tagline", "info", "copyright"]

    /// Whether a text construct's `type` makes its inner markup its text.
    static func isXHTML(_ type: String?) -> Bool {
        guard let type = type?.lowercased() else { return false }
        return type == "xhtml" || type == "application/xhtml+xml" || (type.hasSuffix("xml") && !type.isEmpty)
    }

    /// An Atom text construct's plain text, from its bytes and attributes.
    static func text(_ raw: UnsafeBufferPointer<UInt8>, attributes: [XMLAttribute], isContent: Bool = true) -> String {
        let type = attributes.first { $0.localName == "type" }?.value.lowercased() ?? "text"
        let mode = attributes.first { $0.localName == "mode" }?.value.lowercased() ?? ""
        if mode == "base64" {
            return decodedBase64(raw).map(HTMLText.plainText) ?? HTMLText.plainText(raw)
        }
        if type == "html" || type == "text/html" || mode == "escaped" {
            return HTMLText.plainText(raw)
        }
        // RFC 4287 §4.1.3.3: a media type that is neither XML nor text/* is base64 - for
        // content. A title or summary is decoded only for the one binary type feeds use there
        // (application/octet-stream, as feedparser reads it); any other odd type is text.
        if isContent || type == "application/octet-stream", type.contains(Character("/")), !type.hasPrefix("text/"),
           !type.hasSuffix("xml"),
           let decoded = decodedBase64(raw) {
            return HTMLText.plainText(decoded)
        }
        // Inline XHTML was read as a tree while capturing: its text is literal (an escaped
        // `&lt;p&gt;` in it is text, not a tag), so it is not read as HTML a second time.
        return TextBytes.normalise(raw)
    }

    private static func decodedBase64(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        let compact = raw.filter { !TextBytes.isSpace($0) }
        return Data(base64Encoded: Data(compact)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// `name@example.com (Name)`, `Name <name@example.com>`, or just a name.
enum PersonText {
    static func parse(_ text: String) -> Person {
        let utf8 = text.utf8
        if let open = utf8.firstIndex(of: 0x28), utf8.last == 0x29 {   // ( )
            // "me@example.com (Name)" or "Name (me@example.com)": the side with an @ is the e-mail.
            let outside = TextBytes.trim(String(text[..<open]))
            let inside = TextBytes.trim(String(text[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)]))
            if inside.utf8.contains(0x40) && !outside.utf8.contains(0x40) {
                return Person(name: outside, email: inside)
            }
            return Person(name: inside, email: outside.utf8.contains(0x40) ? outside : nil)
        }
        if let open = utf8.firstIndex(of: 0x3C), utf8.last == 0x3E {   // < >
            let name = TextBytes.trim(String(text[..<open]))
            let email = String(text[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)])
            return Person(name: name, email: email)
        }
        if utf8.contains(0x40) && !utf8.contains(0x20) { return Person(name: "", email: text) }
        return Person(name: text)
    }
}

/// A language tag with `_` written as `-` (`en_US` -> `en-US`).
enum LanguageTag {
    static func normalise(_ tag: String) -> String {
        guard tag.utf8.contains(0x5F) else { return tag }
        return String(decoding: tag.utf8.map { $0 == 0x5F ? 0x2D : $0 }, as: UTF8.self)
    }
}

/// Resolves links against xml:base and the document's URL.
enum URLResolver {
    static func resolve(_ link: String, against base: String?) -> String {
        let trimmed = TextBytes.trim(link)
        guard let base, !base.isEmpty, !trimmed.isEmpty else { return trimmed }
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
        guard let baseURL = URL(string: base), let url = URL(string: trimmed, relativeTo: baseURL) else { return trimmed }
        return url.absoluteString
    }
}
