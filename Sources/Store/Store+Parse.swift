import Core
import Foundation
import GRDB
import StoreRows

extension Store: ParseStore {
    public func nextUnparsedDocument(after id: Int64) throws -> RawDocument? {
        try pool.read { db in
            try Queues.parse.waiting(db, columns: "*", after: id, limit: 1).first.map { try DocumentRow(row: $0).document() }
        }
    }

    public func recordParse(documentID: Int64, feedID: String, outcome: ParseOutcome, at now: Date) throws -> (new: Int, updated: Int) {
        let prepared = try prepare(outcome, feedID: feedID, documentID: documentID, now: now)
        return try pool.write { db in
            // Another process may have parsed it meanwhile: never parse a document twice.
            guard try Queues.parse.claim(db, documentID) else { return (0, 0) }
            switch outcome {
            case .failed(let message):
                try Queues.parse.complete(db, documentID, as: .failed, setting: ["parse_error": message])
                try compressBody(db, documentID)
                return (0, 0)
            case .parsed(let document):
                var counts = (new: 0, updated: 0)
                let packer = ItemText.Packer()
                // New items are inserted together, in document order, in as few statements as
                // their count allows (see `insertAllCached`); a key met again first writes
                // what is pending, so the second sees the first.
                var pending: [RowValues] = [], pendingKeys: Set<String> = []
                for item in document.items {
                    if pendingKeys.contains(item.key) {
                        try RowValues.insert(pending, into: ItemRecord.databaseTableName, db)
                        (pending, pendingKeys) = ([], [])
                    }
                    switch try upsert(item, feedID: feedID, documentID: documentID, now: now, packer: packer,
                                      prepared: prepared[item.key], db: db) {
                    case .insert(let row):
                        pending.append(row)
                        pendingKeys.insert(item.key)
                        counts.new += 1
                    case .updated: counts.updated += 1
                    case .same: break
                    }
                }
                try RowValues.insert(pending, into: ItemRecord.databaseTableName, db)
                try Queues.parse.complete(db, documentID, as: document.recovered ? .recovered : .parsed,
                                          setting: ["parse_error": document.error])
                try compressBody(db, documentID)
                return counts
            }
        }
    }

    /// A parsed document's body is kept compressed: nothing reads it whole again but `explain`
    /// and the tests, and feeds' markup shrinks several times. Bodies are compressed when
    /// fetched; this catches those an older version stored whole.
    @discardableResult
    func compressBody(_ db: Database, _ id: Int64) throws -> Bool {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM documents WHERE id = ? AND body_encoding = 'identity'",
                                           arguments: [id]),
              let packed = DocumentBody.pack(body) else { return false }
        try db.execute(sql: "UPDATE documents SET body = ?, body_encoding = 'zlib', body_size = ? WHERE id = ?",
                       arguments: [packed, body.count, id])
        return true
    }

    /// `insert`: a new item's row, its text packed, for the caller to insert.
    private enum UpsertResult { case insert(RowValues), updated, same }

    /// An item's row and its values with the text packed, made before the write.
    private struct Prepared {
        var row: RowValues
        var values: [DatabaseValue]
    }

    /// The rows of a document's new and edited items, their texts packed on every core before
    /// the write transaction (compressing is most of what recording costs; the transaction
    /// then only writes). Unchanged items (the edit hash stored) are left out; an item another
    /// process changes meanwhile is packed inside the transaction, as before.
    private func prepare(_ outcome: ParseOutcome, feedID: String, documentID: Int64, now: Date) throws -> [String: Prepared] {
        // (Up to a few thousand items: one statement's parameters; a key twice in a document is
        // written twice, so it is left to the transaction.)
        guard case .parsed(let document) = outcome, (2...5_000).contains(document.items.count) else { return [:] }
        var seen: [String: Int] = [:]
        for item in document.items { seen[item.key, default: 0] += 1 }
        let keys = seen.filter { $0.value == 1 }.map(\.key)
        let stored = try pool.read { db in
            try [String: String](Row.fetchAll(db, sql: "SELECT item_key, content_hash FROM items WHERE feed_id = ? AND item_key IN ("
                                                  + keys.map { _ in "?" }.joined(separator: ",") + ")",
                                              arguments: StatementArguments([feedID] + keys))
                .map { ($0["item_key"] as String, $0["content_hash"] as String) }, uniquingKeysWith: { first, _ in first })
        }
        let todo = document.items.filter { seen[$0.key] == 1 && stored[$0.key] != $0.editHash }
        let made = Parallel.map(todo, context: { ItemText.Packer() }) { packer, item -> (String, Prepared)? in
            guard let row = try? RowValues(ItemRecord(item, feedID: feedID, documentID: documentID, at: now)) else { return nil }
            return (item.key, Prepared(row: row, values: packer.packed(row)))
        }
        return Dictionary(uniqueKeysWithValues: made.compactMap { $0 })
    }

    private func upsert(_ item: ItemRow, feedID: String, documentID: Int64, now: Date, packer: ItemText.Packer,
                        prepared: Prepared?, db: Database) throws -> UpsertResult {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, content_hash FROM items WHERE feed_id = ? AND item_key = ?"),
                                        arguments: [feedID, item.key])
        if let existing, (existing["content_hash"] as String) == item.editHash { return .same }
        // The text columns packed (`ItemText`), the rest as GRDB writes them.
        let row = try prepared?.row ?? RowValues(ItemRecord(item, feedID: feedID, documentID: documentID, at: now))
        let values = prepared?.values ?? packer.packed(row)
        if let existing {
            let editable = Set(ItemRecord.editable.map(\.rawValue))
            let set = zip(row.columns, values).filter { editable.contains($0.0) }
            try db.cachedStatement(sql: "UPDATE items SET " + set.map { "\($0.0) = ?" }.joined(separator: ", ")
                                   + ", revision = revision + 1 WHERE id = ?")
                .execute(arguments: StatementArguments(set.map(\.1) + [existing["id"] as DatabaseValue]))
            try Queues.extract.enqueue(db, existing["id"])
            return .updated
        }
        return .insert(row.with(values: values))
    }

    /// Parse states of every document, by id (for tests and `chipwatch feeds`).
    public func documentParseStates() throws -> [Int64: (state: ParseState, error: String?)] {
        try pool.read { db in
            var result: [Int64: (state: ParseState, error: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, parse_state, parse_error FROM documents") {
                result[row["id"]] = (ParseState(rawValue: row["parse_state"]) ?? .new, row["parse_error"])
            }
            return result
        }
    }

    /// Stored items of a feed in insertion order: (key, title, summary, revision, parser version).
    public func items(feedID: String) throws -> [(key: String, title: String, summary: String, revision: Int, parser: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT item_key, title, summary, revision, parser_version FROM items WHERE feed_id = ? ORDER BY id
                """, arguments: [feedID]).map { ($0["item_key"], $0["title"], try ItemText.unpack($0["summary"]), $0["revision"], $0["parser_version"]) }
        }
    }
}
