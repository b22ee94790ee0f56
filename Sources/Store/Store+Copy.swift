import Core
import Foundation
import GRDB

/// What `chipwatch store copy` reads from the SQLite store: every table, row by row in batches,
/// read in one snapshot so the copy is of one instant even beside a running pipeline.
extension Store {
    /// A table to copy and its columns.
    public struct CopyTable: Sendable {
        public var name: String
        public var columns: [String]
    }

    /// Tables the target builds itself are left out: `counts` (its triggers recount every row
    /// copied) and GRDB's record of migrations (the target keeps its own).
    public static let tablesNotCopied: Set<String> = ["counts", "grdb_migrations"]

    /// Reads every table in one snapshot, each after the tables it refers to: `body` gets each
    /// table's rows in batches of `batch`, in primary-key order. Returns the rows read per table.
    @discardableResult
    public func readForCopy(batch: Int = 500, table begin: (CopyTable) throws -> Void,
                            rows body: (CopyTable, [[StoreValue]]) throws -> Void) throws -> [String: Int] {
        try pool.read { db in
            var read: [String: Int] = [:]
            let names = try Store.copyOrder(db, path: path)
            for name in names {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").map { $0["name"] as String }
                let keys = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").filter { ($0["pk"] as Int) > 0 }
                    .sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                let table = CopyTable(name: name, columns: columns)
                try begin(table)
                let order = keys.isEmpty ? "" : " ORDER BY " + keys.joined(separator: ", ")
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(name)\(order)")
                var rows: [[StoreValue]] = []
                var count = 0
                // Items' text leaves packed SQLite as text (`ItemText`).
                let text = ItemText.indices(table: name, columns: columns)
                while let row = try cursor.next() {
                    rows.append(try (0..<columns.count).map { i in
                        text.contains(i) ? .text(try ItemText.unpack(row[i])) : Store.copyValue(row[i] as DatabaseValue)
                    })
                    count += 1
                    if rows.count == batch { try body(table, rows); rows.removeAll(keepingCapacity: true) }
                }
                if !rows.isEmpty { try body(table, rows) }
                read[name] = count
            }
            return read
        }
    }

    /// The counts the triggers keep, as "name/key" -> value (rows at zero left out).
    public func keptCounts() throws -> [String: Int64] {
        try pool.read { db in
            var counts: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, key, value FROM counts WHERE value <> 0") {
                counts["\(row["name"] as String)/\(row["key"] as String)"] = row["value"]
            }
            return counts
        }
    }

    /// The tables a copy moves, each after the tables it refers to (items.story_id was added
    /// after stories existed, so creation order is not enough).
    static func copyOrder(_ db: Database, path: String) throws -> [String] {
        let created = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """).filter { !Store.tablesNotCopied.contains($0) }
        var references: [String: Set<String>] = [:]
        for name in created {
            references[name] = Set(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(name))").map { $0["table"] as String })
                .subtracting([name])
        }
        var names: [String] = []
        while names.count < created.count {
            guard let next = created.first(where: { !names.contains($0) && references[$0, default: []].isSubset(of: names) }) else {
                throw StoreError.cannotOpen(path, "its tables refer to each other in a circle; they cannot be copied in order")
            }
            names.append(next)
        }
        return names
    }

    /// What a copy into this store wrote, read back inside its transaction.
    public struct CopyCheck: Sendable {
        public var rows: [String: Int]
        public var counts: [String: Int64]
        public var auditEntries: Int
        /// nil when every entry's hash is the hash of its fields and the previous hash.
        public var auditProblem: String?
    }

    /// Fills this store, which must hold no row, from another: for each table (in copy order)
    /// `begin` is told its columns and key, then `next` gives rows until it gives none. All in
    /// one transaction; `verify` sees what was written before the commit and throws to roll back.
    public func writeFromCopy(begin: (CopyTable, [String]) throws -> Void, next: () throws -> [[StoreValue]],
                              verify: (CopyCheck) throws -> Void) throws {
        try pool.write { db in
            let names = try Store.copyOrder(db, path: path)
            let holding = try names.filter { try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \($0))") ?? false }
            if !holding.isEmpty {
                throw StoreError.cannotOpen(path, "not empty (\(holding.joined(separator: ", ")) hold rows); "
                                            + "store copy writes only into an empty store")
            }
            var rows: [String: Int] = [:]
            for name in names {
                let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))")
                let columns = info.map { $0["name"] as String }
                let keys = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                try begin(CopyTable(name: name, columns: columns), keys)
                let statement = try db.makeStatement(sql: """
                    INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                    """)
                var count = 0
                // Items' text is packed as the parse stage packs it (`ItemText`).
                let text = ItemText.indices(table: name, columns: columns)
                let packer = ItemText.Packer()
                while true {
                    let batch = try next()
                    if batch.isEmpty { break }
                    for row in batch {
                        try statement.execute(arguments: StatementArguments(row.enumerated().map { i, value in
                            if text.contains(i), case .text(let v) = value { return packer.pack(v) }
                            return Store.databaseValue(value)
                        }))
                    }
                    count += batch.count
                }
                rows[name] = count
            }
            var counts: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, key, value FROM counts WHERE value <> 0") {
                counts["\(row["name"] as String)/\(row["key"] as String)"] = row["value"]
            }
            var previous = AuditChain.genesis
            var expected: Int64 = 1
            var problem: String?
            var entries = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, at, kind, body, prev_hash, hash FROM audit_log ORDER BY seq")
            while let row = try cursor.next() {
                entries += 1
                let seq: Int64 = row["seq"], hash: String = row["hash"]
                if problem == nil, seq != expected || (row["prev_hash"] as String) != previous
                    || hash != AuditChain.hash(seq: seq, at: row["at"], kind: row["kind"], body: row["body"], previous: previous) {
                    problem = "audit entry \(seq) does not follow the chain"
                }
                previous = hash
                expected = seq + 1
            }
            try verify(CopyCheck(rows: rows, counts: counts, auditEntries: entries, auditProblem: problem))
        }
        writeAuditHead()
    }

    private static func databaseValue(_ value: StoreValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        case .blob(let v): Data(v).databaseValue
        }
    }

    private static func copyValue(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob(Array(v))
        }
    }
}
