import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows

/// The parse stage on PostgreSQL: a document is claimed with `FOR UPDATE SKIP LOCKED` and its
/// items are written in the claim's transaction, so each document is parsed once whichever
/// process takes it, and a process killed mid-document leaves it to the next.
extension PostgresStageStore {
    /// Claims the next waiting document above `id` that no other process holds; the claim's
    /// transaction stays open until `recordParse` commits the document's output.
    public func nextUnparsedDocument(after id: Int64) throws -> RawDocument? {
        try claim(table: "documents") { c, log in
            let rows = try await c.query("""
                SELECT id, feed_id, url, final_url, status, content_type, etag, last_modified, fetched_at, content_hash,
                       body, body_encoding FROM documents
                WHERE parse_state = 'new' AND id > \(id) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, logger: log)
            for try await (id, feed, url, final, status, type, etag, modified, fetched, hash, body, encoding)
                in rows.decode((Int64, String, String, String, Int, String?, String?, String?, Date, String, ByteBuffer, String).self) {
                guard encoding == "identity" else {
                    throw PostgresStoreError(.schema, "store \(self.store.settings.url): document \(id) waits for parse with a "
                                             + "\(encoding) body; only bodies as fetched are parsed")
                }
                let document = RawDocument(id: id, feedID: feed, url: url, finalURL: final, status: status, contentType: type,
                                           etag: etag, lastModified: modified, fetchedAt: fetched, contentHash: hash,
                                           body: Array(body.readableBytesView))
                return ([id], document)
            }
            return nil
        }
    }

    public func recordParse(documentID: Int64, feedID: String, outcome: ParseOutcome, at now: Date) throws -> (new: Int, updated: Int) {
        try complete(table: "documents", id: documentID, waiting: "parse_state = 'new'") { c, log in
            switch outcome {
            case .failed(let message):
                try await c.query("UPDATE documents SET parse_state = 'failed', parse_error = \(message) WHERE id = \(documentID)",
                                  logger: log)
                return (0, 0)
            case .parsed(let document):
                var counts = (new: 0, updated: 0)
                // The stored version of each key in one query; new items in multi-row inserts.
                var stored: [String: (id: Int64, hash: String)] = [:]
                for try await (id, key, hash) in try await c.query("""
                    SELECT id, item_key, content_hash FROM items WHERE feed_id = \(feedID) AND item_key = ANY(\(document.items.map(\.key)))
                    """, logger: log).decode((Int64, String, String).self) { stored[key] = (id, hash) }
                var pending: [ItemRecord] = []
                for item in document.items {
                    // A key repeated in one document: the later copy edits the earlier, which must be stored first.
                    if pending.contains(where: { $0.itemKey == item.key }) { try await Self.insert(&pending, into: &stored, c, log) }
                    guard let known = stored[item.key] else {
                        pending.append(ItemRecord(item, feedID: feedID, documentID: documentID, at: now))
                        counts.new += 1
                        continue
                    }
                    if known.hash == item.editHash { continue }
                    try await c.query("""
                        UPDATE items SET document_id = \(documentID), title = \(item.title), link = \(item.link),
                            links = \(item.linksJSON), published = \(item.published?.date), published_text = \(item.published?.text),
                            updated = \(item.updated?.date), updated_text = \(item.updated?.text), authors = \(item.authorsJSON),
                            summary = \(item.summary), content = \(item.content), categories = \(item.categoriesJSON),
                            enclosures = \(item.enclosuresJSON), content_hash = \(item.editHash),
                            parser_version = \(ParserVersion.current), last_changed = \(now),
                            revision = revision + 1, extract_state = 'new'
                        WHERE id = \(known.id)
                        """, logger: log)
                    stored[item.key] = (known.id, item.editHash)
                    counts.updated += 1
                }
                try await Self.insert(&pending, into: &stored, c, log)
                let state = document.recovered ? ParseState.recovered.rawValue : ParseState.parsed.rawValue
                try await c.query("UPDATE documents SET parse_state = \(state), parse_error = \(document.error) WHERE id = \(documentID)",
                                  logger: log)
                return counts
            }
        } ?? (0, 0)
    }

    /// Inserts the items waiting in `pending` (then empty), recording each one's id and hash in `stored`.
    private static func insert(_ pending: inout [ItemRecord], into stored: inout [String: (id: Int64, hash: String)],
                               _ c: PostgresConnection, _ log: Logger) async throws {
        guard !pending.isEmpty else { return }
        for query in try PostgresRowCoding.insert(rows: pending, into: "items", skipping: ["id"],
                                                  returning: "id, item_key, content_hash") {
            for try await (id, key, hash) in try await c.query(query, logger: log).decode((Int64, String, String).self) {
                stored[key] = (id, hash)
            }
        }
        pending = []
    }
}
