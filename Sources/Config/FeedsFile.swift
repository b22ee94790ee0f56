import Core
import Foundation
import Yams

/// Reads `feeds.yaml`: a `feeds:` list of sources.
public enum FeedsFile {
    static let keys: Set<String> = ["id", "url", "tier", "tags", "interval", "full_text", "title"]

    static func read(path: String, reader r: YAMLReader) -> [Feed] {
        guard let root = r.load(path), let top = r.mapping(root, "", allowed: ["feeds"], required: ["feeds"]),
              let list = top["feeds"], let items = r.sequence(list, "feeds") else { return [] }
        var feeds: [Feed] = []
        var seenIDs: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let field = "feeds[\(index)]"
            guard let map = r.mapping(item, field, allowed: keys, required: ["id", "url", "tier"]),
                  let idNode = map["id"], let id = r.string(idNode, "\(field).id"),
                  let urlNode = map["url"], let url = r.string(urlNode, "\(field).url") else { continue }
            if !Feed.isValidID(id) {
                r.issue(idNode, "\(field).id", "\"\(id)\" must use only a-z, 0-9 and -")
            }
            if let line = seenIDs[id] {
                r.issue(idNode, "\(field).id", "\"\(id)\" is already used on line \(line)")
            }
            seenIDs[id] = idNode.mark?.line ?? 0
            let lowered = url.lowercased()
            if !(lowered.hasPrefix("http://") || lowered.hasPrefix("https://")) || URLComponents(string: url)?.host == nil {
                r.issue(urlNode, "\(field).url", "\"\(url)\" must be an http or https URL")
            }
            var feed = Feed(id: id, url: url)
            if let n = map["tier"], let tier = r.int(n, "\(field).tier", range: 1...3) {
                feed.tier = SourceTier(rawValue: tier)!
            }
            if let n = map["tags"], let tags = r.strings(n, "\(field).tags") { feed.tags = tags }
            if let n = map["interval"], let text = r.string(n, "\(field).interval") {
                if let seconds = DurationText.seconds(text), seconds >= 60 {
                    feed.interval = seconds
                } else {
                    r.issue(n, "\(field).interval", "\"\(text)\" must be a duration of at least 1m (e.g. 30m, 1h, 1d)")
                }
            }
            if let n = map["full_text"], let value = r.bool(n, "\(field).full_text") { feed.fullText = value }
            if let n = map["title"], let title = r.string(n, "\(field).title") { feed.title = title }
            feeds.append(feed)
        }
        return feeds
    }

    /// Renders feeds as YAML list entries, for `feeds import` to append to a feeds file.
    public static func yamlEntries(_ feeds: [Feed]) -> String {
        feeds.map { feed in
            var lines = ["  - id: \(feed.id)", "    url: \(quoted(feed.url))", "    tier: \(feed.tier.rawValue)"]
            if let title = feed.title { lines.append("    title: \(quoted(title))") }
            if !feed.tags.isEmpty { lines.append("    tags: [\(feed.tags.map(quoted).joined(separator: ", "))]") }
            lines.append("    interval: \(DurationText.text(feed.interval))")
            if feed.fullText { lines.append("    full_text: true") }
            return lines.joined(separator: "\n") + "\n"
        }.joined()
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
