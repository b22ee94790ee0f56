import XML

/// The feed elements chipwatch reads, by namespace and lower-cased local name. Worked out
/// once per distinct element name of a document (`FeedBuilder.key(for:)`), so the handlers
/// switch on a small enum instead of comparing strings for every element.
enum ElementKey: UInt8 {
    case other, capture
    // RSS 0.9x/1.0/2.0 (no namespace or RSS's own) and CDF
    case item, channel, title, link, description, abstract, guid, category, author, pubDate, enclosure, language
    case lastBuildDate, managingEditor, webMaster, fullItem, image
    // Dublin Core, content, inline XHTML
    case dcTitle, dcDescription, dcSubject, dcCreator, dcAuthor, dcDate, dcLanguage, dctermsIssued, dctermsModified
    case contentEncoded, xhtmlBody, xhtmlDiv
    // Atom 0.3 and 1.0
    case atomFeed, atomEntry, atomTitle, atomSubtitle, atomTagline, atomSummary, atomContent, atomID, atomName
    case atomEmail, atomURI, atomURL, atomAuthor, atomContributor, atomLink, atomUpdated, atomModified
    case atomPublished, atomIssued, atomCreated, atomCategory
    // iTunes and Media RSS
    case itunesSummary, itunesSubtitle, itunesAuthor, itunesCategory, mediaTitle, mediaDescription, mediaCategory

    /// Keys by `namespace-short-name:local-name`, as the element tables of RSS and Atom name them.
    static let byName: [String: ElementKey] = [
        ":item": .item, ":channel": .channel, ":title": .title, ":link": .link, ":description": .description,
        ":abstract": .abstract, ":guid": .guid, ":category": .category, ":author": .author, ":pubdate": .pubDate,
        ":enclosure": .enclosure, ":language": .language, ":lastbuilddate": .lastBuildDate,
        ":managingeditor": .managingEditor, ":webmaster": .webMaster, ":fullitem": .fullItem, ":image": .image,
        "dc:title": .dcTitle, "dc:description": .dcDescription, "dc:subject": .dcSubject, "dc:creator": .dcCreator,
        "dc:author": .dcAuthor, "dc:date": .dcDate, "dc:language": .dcLanguage, "dcterms:issued": .dctermsIssued,
        "dcterms:modified": .dctermsModified, "content:encoded": .contentEncoded, "xhtml:body": .xhtmlBody,
        // <body> without a namespace in an RSS item is its content (as the XHTML body is).
        ":body": .xhtmlBody,
        "xhtml:div": .xhtmlDiv,
        "atom:feed": .atomFeed, "atom:entry": .atomEntry, "atom:title": .atomTitle, "atom:subtitle": .atomSubtitle,
        "atom:tagline": .atomTagline, "atom:summary": .atomSummary, "atom:content": .atomContent, "atom:id": .atomID,
        "atom:name": .atomName, "atom:email": .atomEmail, "atom:uri": .atomURI, "atom:url": .atomURL,
        "atom:author": .atomAuthor, "atom:contributor": .atomContributor, "atom:link": .atomLink,
        "atom:updated": .atomUpdated, "atom:modified": .atomModified, "atom:published": .atomPublished,
        "atom:issued": .atomIssued, "atom:created": .atomCreated, "atom:category": .atomCategory,
        "itunes:summary": .itunesSummary, "itunes:subtitle": .itunesSubtitle, "itunes:author": .itunesAuthor,
        "itunes:category": .itunesCategory, "media:title": .mediaTitle, "media:description": .mediaDescription,
        "media:category": .mediaCategory,
    ]

    /// Whether the element's text is read when it closes, and so collected together with
    /// the text of markup inside it (elements chipwatch does not know, like `<p>` or `<b>`).
    var readsText: Bool {
        switch self {
        case .other, .capture, .item, .channel, .image, .enclosure, .atomFeed, .atomEntry, .atomAuthor, .atomContributor,
             .atomCategory, .itunesCategory:
            return false
        default:
            return true
        }
    }

    /// Whether the element's attributes are read when it closes (they are kept until then).
    var readsAttributes: Bool {
        switch self {
        case .atomTitle, .atomSubtitle, .atomTagline, .atomSummary, .atomContent, .atomLink, .guid, .itunesCategory,
             .atomCategory, .enclosure, .link:
            return true
        default:
            return false
        }
    }

    var isItem: Bool { self == .item || self == .atomEntry }

    /// Markup rather than a feed element: inside an element that reads text, its text is
    /// part of that text (`<title><b>Bold</b> title</title>`).
    var isMarkup: Bool { self == .other || self == .xhtmlDiv || self == .xhtmlBody }
}

/// What `FeedBuilder` derives from an element name, once per name and document.
struct ElementInfo {
    var key: ElementKey
    /// An Atom text construct (`title`, `summary`, `content`, ...): `type="xhtml"` makes its
    /// inner markup its text.
    var atomTextConstruct: Bool
    /// An HTML block element: a line break in text.
    var isBlock: Bool
}
