import Core
import Foundation
import XML

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
enum JSONFeedParser {
    static func parse(_ bytes: [UInt8], url: String?, source: String) throws -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw FeedParser.NotAFeed(source: source, reason: "invalid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], let version = root["version"] as? String,
              version.contains("jsonfeed.org/version/") else {
            throw FeedParser.NotAFeed(source: source, reason: "JSON without a jsonfeed.org version")
        }
        var feed = FeedInfo()
        feed.title = plain(root["title"])
        feed.link = URLResolver.resolve(root["home_page_url"] as? String ?? "", against: url)
        feed.subtitle = plain(root["description"])
        feed.language = root["language"] as? String ?? ""
        feed.authors = people(root, base: url)
        var items: [FeedItem] = []
        var identities = ItemIdentity()
        for case let entry as [String: Any] in root["items"] as? [Any] ?? [] {
            var item = FeedItem()
            item.title = plain(entry["title"])
            item.link = URLResolver.resolve(entry["url"] as? String ?? "", against: url)
            item.links = [item.link, URLResolver.resolve(entry["external_url"] as? String ?? "", against: url)]
                .filter { !$0.isEmpty }
            item.summary = plain(entry["summary"])
            if let html = entry["content_html"] as? String { item.content = HTMLText.plainText(html) }
            else { item.content = plain(entry["content_text"]) }
            item.published = date(entry["date_published"])
            item.updated = date(entry["date_modified"])
            item.authors = people(entry, base: url)
            item.categories = (entry["tags"] as? [Any])?.compactMap { $0 as? String } ?? []
            for case let attachment as [String: Any] in entry["attachments"] as? [Any] ?? [] {
                guard let link = attachment["url"] as? String else { continue }
                item.enclosures.append(Enclosure(url: URLResolver.resolve(link, against: url),
                                                 type: attachment["mime_type"] as? String ?? "",
                                                 length: (attachment["size_in_bytes"] as? NSNumber)?.intValue))
            }
            // Ids may be numbers in 1.0 feeds; the spec says to treat them as strings.
            item.id = identities.assign(item, guid: (entry["id"] as? String) ?? (entry["id"] as? NSNumber)?.stringValue)
            items.append(item)
        }
        return ParsedFeed(format: .json, feed: feed, items: items)
    }

    private static func plain(_ value: Any?) -> String {
        (value as? String).map(HTMLText.normaliseWhitespace) ?? ""
    }

    private static func date(_ value: Any?) -> FeedDate? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return FeedDate(text: text, date: FeedDateParser.parse(text))
    }

    /// `authors` (1.1) or `author` (1.0).
    private static func people(_ object: [String: Any], base: String?) -> [Person] {
        let list = (object["authors"] as? [Any]) ?? (object["author"].map { [$0] } ?? [])
        return list.compactMap { value -> Person? in
            guard let author = value as? [String: Any] else { return nil }
            let name = author["name"] as? String ?? ""
            let uri = (author["url"] as? String).map { URLResolver.resolve($0, against: base) }
            return name.isEmpty && uri == nil ? nil : Person(name: name, uri: uri)
        }
    }
}
