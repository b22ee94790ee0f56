import Core
import Foundation
import PostgresNIO

/// What the store holds, read as the SQLite store's inspection reads give it (`Store+Parse`,
/// `Store+Extract`): for tests that run unchanged on either store, and for comparing two stores.
extension PostgresStageStore {
    /// Parse states of every document, by id.
    public func documentParseStates() throws -> [Int64: (state: ParseState, error: String?)] {
        try withConnection { c, log in
            var result: [Int64: (state: ParseState, error: String?)] = [:]
            for try await (id, state, error) in try await c.query("SELECT id, parse_state, parse_error FROM documents", logger: log)
                .decode((Int64, String, String?).self) {
                result[id] = (ParseState(rawValue: state) ?? .new, error)
            }
            return result
        }
    }

    /// Stored items of a feed in insertion order: (key, title, summary, revision, parser version).
    public func items(feedID: String) throws -> [(key: String, title: String, summary: String, revision: Int, parser: String)] {
        try withConnection { c, log in
            var found: [(key: String, title: String, summary: String, revision: Int, parser: String)] = []
            for try await (key, title, summary, revision, parser) in try await c.query("""
                SELECT item_key, title, summary, revision, parser_version FROM items WHERE feed_id = \(feedID) ORDER BY id
                """, logger: log).decode((String, String, String, Int64, String).self) {
                found.append((key, title, summary, Int(revision), parser))
            }
            return found
        }
    }

    /// Stored signals in id order: item, story, event, modality, product, window.
    public func signalSummaries() throws -> [(item: Int64, story: Int64, event: String, modality: String, product: String?, window: String?)] {
        try withConnection { c, log in
            var found: [(item: Int64, story: Int64, event: String, modality: String, product: String?, window: String?)] = []
            for try await row in try await c.query("""
                SELECT item_id, story_id, event, modality, product, stated_window FROM signals ORDER BY id
                """, logger: log).decode((Int64, Int64, String, String, String?, String?).self) {
                found.append(row)
            }
            return found
        }
    }

    /// Every signal by what identifies it across runs (feed, item key, claim), sorted.
    public func signalIdentities() throws -> [String] {
        try withConnection { c, log in
            var found: [String] = []
            for try await identity in try await c.query("""
                SELECT i.feed_id || ' ' || i.item_key || ' ' || s.seq || ' ' || s.event || ' ' || s.modality || ' '
                    || COALESCE(s.product, '-') || ' ' || COALESCE(s.stated_window, '-')
                FROM signals s JOIN items i ON i.id = s.item_id
                """, logger: log).decode(String.self) {
                found.append(identity)
            }
            return found.sorted()
        }
    }

    /// Each item's story, by item id.
    public func itemStories() throws -> [Int64: Int64] {
        try withConnection { c, log in
            var result: [Int64: Int64] = [:]
            for try await (id, story) in try await c.query("SELECT id, story_id FROM items WHERE story_id IS NOT NULL", logger: log)
                .decode((Int64, Int64).self) {
                result[id] = story
            }
            return result
        }
    }
}
