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
        try pool.write { db in
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
                for item in document.items {
                    switch try upsert(item, feedID: feedID, documentID: documentID, now: now, packer: packer, db: db) {
                    case .inserted: counts.new += 1
                    case .updated: counts.updated += 1
                    case .same: break
                    }
                }
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

    private enum UpsertResult { case inserted, updated, same }

    private func upsert(_ item: ItemRow, feedID: String, documentID: Int64, now: Date, packer: ItemText.Packer,
                        db: Database) throws -> UpsertResult {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, content_hash FROM items WHERE feed_id = ? AND item_key = ?"),
                                        arguments: [feedID, item.key])
        if let existing, (existing["content_hash"] as String) == item.editHash { return .same }
        let record = ItemRecord(item, feedID: feedID, documentID: documentID, at: now)
        // The text columns packed (`ItemText`), the rest as GRDB writes them.
        let row = try RowValues(record)
        let values = packer.packed(row)
        if let existing {
            let editable = Set(ItemRecord.editable.map(\.rawValue))
            let set = zip(row.columns, values).filter { editable.contains($0.0) }
            try db.cachedStatement(sql: "UPDATE items SET " + set.map { "\($0.0) = ?" }.joined(separator: ", ")
                                   + ", revision = revision + 1 WHERE id = ?")
                .execute(arguments: StatementArguments(set.map(\.1) + [existing["id"] as DatabaseValue]))
            try Queues.extract.enqueue(db, existing["id"])
            return .updated
        }
        try row.insert(into: ItemRecord.databaseTableName, db, values: values)
        return .inserted
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
