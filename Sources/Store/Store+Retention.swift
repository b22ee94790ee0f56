import Core
import Foundation
import GRDB

/// What `chipwatch store prune` did.
public struct PruneSummary: Sendable, Equatable {
    /// Parsed bodies stored whole before compression existed, now compressed.
    public var compressed = 0
    /// Bodies emptied because their document was fetched before the cutoff.
    public var pruned = 0
    /// Items whose text an earlier version stored whole, now compressed (SQLite, `ItemText`).
    public var itemTexts = 0
    /// Bytes of raw bodies in the store before and after.
    public var bytesBefore = 0
    public var bytesAfter = 0
}

extension Store {
    /// Compresses parsed bodies still stored whole, then empties the bodies of documents
    /// fetched before `cutoff` (nil: none), then compresses item texts stored whole by earlier
    /// versions. Only bodies and the form of item texts change: document rows, items, signals
    /// and evidence stay, and a document waiting for parse is never touched. Bodies are dropped
    /// in one statement (it writes nothing but empty values) and compressed 50 documents a
    /// transaction, so the pipeline can run beside it.
    public func pruneDocuments(fetchedBefore cutoff: Date?, at now: Date) throws -> PruneSummary {
        var summary = PruneSummary()
        let bodyBytes = "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM documents"
        summary.bytesBefore = try pool.read { try Int.fetchOne($0, sql: bodyBytes) ?? 0 }
        if let cutoff {
            summary.pruned = try pool.write { db in
                try db.execute(sql: """
                    UPDATE documents SET body = X'', body_encoding = 'pruned', pruned_at = ?,
                        body_size = COALESCE(body_size, LENGTH(body))
                    WHERE fetched_at < ? AND parse_state != 'new' AND body_encoding != 'pruned'
                    """, arguments: [now, cutoff])
                return db.changesCount
            }
        }
        var after: Int64 = 0
        while true {
            let ids = try pool.read { db in
                try Int64.fetchAll(db, sql: """
                    SELECT id FROM documents WHERE body_encoding = 'identity' AND parse_state != 'new' AND id > ?
                    ORDER BY id LIMIT 50
                    """, arguments: [after])
            }
            guard let last = ids.last else { break }
            summary.compressed += try pool.write { db in
                try ids.filter { try compressBody(db, $0) }.count
            }
            after = last
        }
        summary.bytesAfter = try pool.read { try Int.fetchOne($0, sql: bodyBytes) ?? 0 }
        summary.itemTexts = try packItemTexts()
        return summary
    }

    /// Compresses the text of items an earlier version stored whole (`ItemText`), 200 items a
    /// transaction; the text reads the same after.
    private func packItemTexts() throws -> Int {
        var packed = 0, after: Int64 = 0
        // (length counts characters: a pre-filter, `pack` decides by bytes and may keep a text.)
        let condition = ItemText.columns.sorted().map { "typeof(\($0)) = 'text' AND length(\($0)) >= \(ItemText.minimum / 4)" }
            .joined(separator: " OR ")
        while true {
            let rows = try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, content, summary FROM items WHERE id > ? AND (\(condition)) ORDER BY id LIMIT 200",
                                 arguments: [after])
            }
            guard let last = rows.last else { return packed }
            packed += try pool.write { db in
                let packer = ItemText.Packer()
                var changed = 0
                for row in rows {
                    let content = packer.pack(try ItemText.unpack(row["content"]))
                    let summary = packer.pack(try ItemText.unpack(row["summary"]))
                    guard content != row["content"] as DatabaseValue || summary != row["summary"] as DatabaseValue else { continue }
                    try db.execute(sql: "UPDATE items SET content = ?, summary = ? WHERE id = ?", arguments: [content, summary, row["id"]])
                    changed += 1
                }
                return changed
            }
            after = last["id"]
        }
    }

    /// Rewrites the file without its free pages (SQLite's VACUUM): the space pruned bodies
    /// left is given back to the file system. Needs room for a copy of the store.
    public func vacuum() throws {
        try pool.vacuum()
    }
}
