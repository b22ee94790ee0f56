import Core
import Foundation
import GRDB

extension Store: PageStore {
    public func wantedPages(feedIDs: [String], limit: Int) throws -> [PageRequest] {
        guard !feedIDs.isEmpty else { return [] }
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.id, i.feed_id, i.link FROM items i LEFT JOIN pages p ON p.item_id = i.id
                WHERE p.item_id IS NULL AND i.link <> '' AND i.feed_id IN (\(feedIDs.map { _ in "?" }.joined(separator: ",")))
                ORDER BY i.id LIMIT ?
                """, arguments: StatementArguments(feedIDs) + [limit]).map {
                PageRequest(itemID: $0["id"], feedID: $0["feed_id"], url: $0["link"])
            }
        }
    }

    public func record(_ page: FetchedPage) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO pages (item_id, feed_id, url, final_url, status, content_type, body, fetched_at, state, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(item_id) DO NOTHING
                """, arguments: [page.request.itemID, page.request.feedID, page.request.url, page.finalURL, page.status,
                                 page.contentType, page.body.map { Data($0) }, page.fetchedAt,
                                 page.error == nil ? "new" : "failed", page.error])
        }
    }

    public func nextUnextractedPage(after itemID: Int64) throws -> StoredPage? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT item_id, feed_id, COALESCE(final_url, url) AS url, body FROM pages
                WHERE state = 'new' AND item_id > ? ORDER BY item_id LIMIT 1
                """, arguments: [itemID]).map { row in
                let body: Data = row["body"] ?? Data()
                return StoredPage(itemID: row["item_id"], feedID: row["feed_id"], url: row["url"], body: [UInt8](body))
            }
        }
    }

    public func recordPageText(itemID: Int64, text: String?, error: String?) throws {
        try pool.write { db in
            if let text {
                try db.execute(sql: "UPDATE items SET full_text = ?, extract_state = 'new' WHERE id = ?",
                               arguments: [text, itemID])
                try db.execute(sql: "UPDATE pages SET state = 'extracted', body = NULL WHERE item_id = ?", arguments: [itemID])
            } else {
                try db.execute(sql: "UPDATE pages SET state = 'failed', error = ? WHERE item_id = ?", arguments: [error, itemID])
            }
        }
    }

    /// The extracted full text of an item, by feed and item key (for tests and review).
    public func fullText(feedID: String, itemKey: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT full_text FROM items WHERE feed_id = ? AND item_key = ?",
                                arguments: [feedID, itemKey])
        }
    }
}
