import Core
import Foundation

/// Core's `ParseStore` in memory, for the fast tier, with the SQLite store's meaning: each
/// document is parsed once; an item is keyed by feed and item key, kept when its edit hash is
/// unchanged and counted as an update when it changed. The integration tier runs the real store.
public final class InMemoryParseStore: ParseStore, @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [RawDocument] = []
    /// Each document's outcome once parsed: parsed, recovered or failed (with the message).
    public private(set) var states: [Int64: String] = [:]
    /// Items by "feed key", as last written.
    public private(set) var items: [String: ItemRow] = [:]

    public init() {}

    /// Stores a fetched body, as the fetch stage would; returns its id.
    @discardableResult
    public func add(feedID: String, body: String, contentType: String? = "application/rss+xml", at: Date) -> Int64 {
        lock.withLock {
            let id = Int64(documents.count + 1)
            var document = RawDocument(feedID: feedID, url: "https://\(feedID).example/feed", finalURL: "https://\(feedID).example/feed",
                                       status: 200, contentType: contentType, etag: nil, lastModified: nil, fetchedAt: at,
                                       body: Array(body.utf8))
            document.id = id
            documents.append(document)
            return id
        }
    }

    public func nextUnparsedDocument(after id: Int64) throws -> RawDocument? {
        lock.withLock { documents.first { ($0.id ?? 0) > id && states[$0.id ?? 0] == nil } }
    }

    public func recordParse(documentID: Int64, feedID: String, outcome: ParseOutcome, at: Date) throws -> (new: Int, updated: Int) {
        lock.withLock {
            guard states[documentID] == nil else { return (0, 0) }
            switch outcome {
            case .failed(let message):
                states[documentID] = "failed: \(message)"
                return (0, 0)
            case .parsed(let document):
                var counts = (new: 0, updated: 0)
                for item in document.items {
                    let key = "\(feedID) \(item.key)"
                    if let existing = items[key] {
                        if existing.editHash == item.editHash { continue }
                        counts.updated += 1
                    } else {
                        counts.new += 1
                    }
                    items[key] = item
                }
                states[documentID] = document.recovered ? "recovered" : "parsed"
                return counts
            }
        }
    }
}
