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
                                 (page.error == nil ? PageState.new : .failed).rawValue, page.error])
        }
    }

    public func nextUnextractedPage(after itemID: Int64) throws -> StoredPage? {
        try pool.read { db in
            try Queues.pages.waiting(db, columns: "item_id, feed_id, COALESCE(final_url, url) AS url, body",
                                     after: itemID, limit: 1).first.map { row in
                let body: Data = row["body"] ?? Data()
                return StoredPage(itemID: row["item_id"], feedID: row["feed_id"], url: row["url"], body: [UInt8](body))
            }
        }
    }

    public func recordPageText(itemID: Int64, text: String?, error: String?) throws {
        try pool.write { db in
            // Another parse process may have extracted it meanwhile: write nothing twice.
            guard try Queues.pages.claim(db, itemID) else { return }
            if let text {
                try Queues.extract.enqueue(db, itemID, setting: ["full_text": text])
                try Queues.pages.complete(db, itemID, as: .extracted, setting: ["body": nil])
            } else {
                try Queues.pages.complete(db, itemID, as: .failed, setting: ["error": error])
            }
        }
    }
}
