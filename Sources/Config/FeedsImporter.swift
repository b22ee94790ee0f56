import Core
import Foundation

/// Turns another reader's subscriptions (read from OPML by Parse) into feed entries and
/// appends them to the feeds file safely: `chipwatch feeds import`.
public enum FeedsImporter {
    /// One subscription as an OPML file lists it.
    public struct Subscription: Sendable, Equatable {
        public var title: String
        public var xmlURL: String
        /// Titles of the enclosing folders, outermost first; imported as tags.
        public var folders: [String]

        public init(title: String, xmlURL: String, folders: [String]) {
            self.title = title
            self.xmlURL = xmlURL
            self.folders = folders
        }
    }

    /// Subscriptions whose URL is not configured yet, with unique ids made from their titles.
    public static func newFeeds(_ subscriptions: [Subscription], existing: [Feed], tier: SourceTier,
                                interval: Double) -> [Feed] {
        var urls = Set(existing.map(\.url))
        var ids = Set(existing.map(\.id))
        var result: [Feed] = []
        for subscription in subscriptions where !urls.contains(subscription.xmlURL) {
            urls.insert(subscription.xmlURL)
            let base = slug(subscription.title.isEmpty ? (URLComponents(string: subscription.xmlURL)?.host ?? "feed")
                                                       : subscription.title)
            var id = base
            var counter = 2
            while ids.contains(id) { id = "\(base)-\(counter)"; counter += 1 }
            ids.insert(id)
            result.append(Feed(id: id, url: subscription.xmlURL, tier: tier, tags: subscription.folders.map(slug),
                               interval: interval, title: subscription.title.isEmpty ? nil : subscription.title))
        }
        return result
    }

    /// `[a-z0-9-]` only, no leading, trailing or doubled hyphens, at most 48 characters.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        let cut = String(out.prefix(48))
        return cut.isEmpty ? "feed" : (cut.hasSuffix("-") ? String(cut.dropLast()) : cut)
    }

    /// Appends to the feeds file, then reloads the whole configuration; if it no longer
    /// loads (a file whose list is not last, say), the original is put back untouched.
    public static func append(_ entries: String, to feedsPath: String, configPath: String) throws {
        let original = try String(contentsOfFile: feedsPath, encoding: .utf8)
        let separator = original.hasSuffix("\n") || original.isEmpty ? "" : "\n"
        try (original + separator + entries).write(toFile: feedsPath, atomically: true, encoding: .utf8)
        do {
            _ = try ChipwatchConfig.load(path: configPath)
        } catch {
            try original.write(toFile: feedsPath, atomically: true, encoding: .utf8)
            throw FeedImportError(path: feedsPath, reason: "appending made the file invalid, so it was left as it was:\n\(error)")
        }
    }
}

public struct FeedImportError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "feeds import: \(path): \(reason)" }
}
