import Core
import Foundation
import XML

/// OPML 2.0 subscription lists (http://opml.org/spec2.opml), to move feed lists in and
/// out of other readers.
public enum OPML {
    /// One subscription found in an OPML file.
    public struct Subscription: Sendable, Equatable {
        public var title: String
        public var xmlURL: String
        public var htmlURL: String?
        /// Titles of the enclosing folder outlines, outermost first; imported as tags.
        public var folders: [String]
    }

    /// Errors reading OPML, naming the file.
    public struct ReadError: Error, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "opml: \(source): \(reason)" }
    }

    /// Every outline with an `xmlUrl`, at any depth.
    public static func read(_ bytes: [UInt8], source: String) throws -> [Subscription] {
        let collector = OutlineCollector()
        let report = SAXParser.parse(bytes, handler: collector)
        guard collector.sawOPML else {
            throw ReadError(source: source, reason: report.firstError ?? "not an OPML document (no <opml> element)")
        }
        return collector.subscriptions
    }

    /// An OPML 2.0 document listing `feeds`, grouped by nothing, tier and tags kept as
    /// `category` so a round trip loses little.
    public static func write(_ feeds: [Feed], title: String = "chipwatch feeds", now: Date) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<opml version="2.0">"#,
            "  <head>",
            "    <title>\(escape(title))</title>",
            "    <dateCreated>\(rfc822(now))</dateCreated>",
            "  </head>",
            "  <body>",
        ]
        for feed in feeds {
            let category = (["tier-\(feed.tier.rawValue)"] + feed.tags).joined(separator: ",")
            let text = escape(feed.title ?? feed.id)
            lines.append(#"    <outline type="rss" text="\#(text)" title="\#(text)" xmlUrl="\#(escape(feed.url))" category="\#(escape(category))"/>"#)
        }
        lines += ["  </body>", "</opml>", ""]
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

/// Walks outlines, keeping the folder path.
private final class OutlineCollector: XMLEventHandler {
    var subscriptions: [OPML.Subscription] = []
    var sawOPML = false
    private var stack: [String?] = []

    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool {
        if name.localName.lowercased() == "opml" { sawOPML = true }
        guard name.localName == "outline" else { return false }
        let all = attributes.all
        func attribute(_ name: String) -> String? {
            all.first { $0.localName.lowercased() == name.lowercased() }?.value
        }
        let title = attribute("title") ?? attribute("text") ?? ""
        if let url = attribute("xmlUrl")?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
            subscriptions.append(OPML.Subscription(title: title, xmlURL: url, htmlURL: attribute("htmlUrl"),
                                                   folders: stack.compactMap { $0 }))
            stack.append(nil)
        } else {
            stack.append(title.isEmpty ? nil : title)
        }
        return false
    }

    func endElement(_ name: XMLName) -> Bool {
        if name.localName == "outline", !stack.isEmpty { stack.removeLast() }
        return false
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
