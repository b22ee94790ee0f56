import Core
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL end of `chipwatch store copy`: the whole copy is one transaction, so a copy
/// that fails or does not verify leaves the database as empty as it was.
public actor PostgresCopyTarget {
    let store: PostgresStore
    private var connection: PostgresConnection?
    /// The PostgreSQL type of each column, "table.column" -> data_type.
    private var types: [String: String] = [:]

    public init(store: PostgresStore) { self.store = store }

    /// Migrates the database to the current schema, refuses one that holds any row, and begins
    /// the copy's transaction.
    public func begin() async throws {
        try await store.migrate()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try store.configuration(), id: 2, logger: store.logger)
        } catch {
            throw store.describe(error)
        }
        self.connection = connection
        do {
            try await prepare(connection)
        } catch {
            await abort()
            throw error
        }
    }

    private func prepare(_ connection: PostgresConnection) async throws {
        try await run {
            for try await (table, column, type) in try await connection.query("""
                SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'chipwatch_schema'
                """, logger: store.logger).decode((String, String, String).self) {
                types["\(table).\(column)"] = type
            }
            var holding: [String] = []
            // counts holds the zero rows the schema seeds; the triggers keep it from the rows copied.
            for table in Set(types.keys.map { String($0.split(separator: ".")[0]) }).sorted() where table != "counts" {
                for try await found in try await connection.query(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(table))"),
                                                                  logger: store.logger).decode(Bool.self) where found {
                    holding.append(table)
                }
            }
            if !holding.isEmpty {
                throw PostgresStoreError(.configuration, "store \(store.settings.url): not empty (\(holding.joined(separator: ", ")) "
                                         + "hold rows); store copy writes only into an empty store")
            }
            try await connection.query("BEGIN", logger: store.logger)
            // GRDB writes dates as UTC text without a zone: read them as UTC.
            try await connection.query("SET LOCAL TIME ZONE 'UTC'", logger: store.logger)
        }
    }

    /// Inserts rows given in the table's column order, several rows a statement.
    public func insert(table: String, columns: [String], rows: [[StoreValue]]) async throws {
        guard let connection else { return }
        let perStatement = max(1, min(rows.count, 30_000 / max(columns.count, 1)))
        try await run {
            var start = 0
            while start < rows.count {
                let slice = rows[start..<min(start + perStatement, rows.count)]
                var binds = PostgresBindings(capacity: slice.count * columns.count)
                var tuples: [String] = []
                for row in slice {
                    var placeholders: [String] = []
                    for (index, value) in row.enumerated() {
                        binds.append(value)
                        let cast = types["\(table).\(columns[index])"] == "timestamp with time zone" ? "::timestamptz" : ""
                        placeholders.append("$\(binds.count)\(cast)")
                    }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: store.logger)
                start += slice.count
            }
        }
    }

    /// What the target holds inside the copy's transaction: rows per table, the counts its
    /// triggers kept, and the audit chain recomputed entry by entry.
    public struct Verification: Sendable {
        public var rows: [String: Int]
        public var counts: [String: Int64]
        public var auditEntries: Int
        /// nil when every entry's hash is the hash of its fields and the previous hash.
        public var auditProblem: String?
    }

    /// Moves each identity past the copied ids and reads back what the copy wrote.
    public func verify() async throws -> Verification {
        guard let connection else { throw PostgresStoreError(.configuration, "store \(store.settings.url): copy not begun") }
        return try await run {
            // The counts are kept at commit (v17): bring them up to date before they are compared.
            try await connection.query("SET CONSTRAINTS ALL IMMEDIATE", logger: store.logger)
            var identities: [(String, String)] = []
            for try await (table, column) in try await connection.query("""
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND is_identity = 'YES'
                """, logger: store.logger).decode((String, String).self) { identities.append((table, column)) }
            for (table, column) in identities {
                try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), GREATEST(COALESCE(MAX(\(column)), 0), 1),
                                  COALESCE(MAX(\(column)), 0) > 0) FROM \(table)
                    """), logger: store.logger)
            }
            var rows: [String: Int] = [:]
            for table in Set(types.keys.map { String($0.split(separator: ".")[0]) }) where table != "counts" {
                for try await count in try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"),
                                                                  logger: store.logger).decode(Int.self) { rows[table] = count }
            }
            var counts: [String: Int64] = [:]
            for try await (name, key, value) in try await connection.query(
                "SELECT name, key, value FROM counts WHERE value <> 0", logger: store.logger).decode((String, String, Int64).self) {
                counts["\(name)/\(key)"] = value
            }
            var previous = AuditChain.genesis
            var expected: Int64 = 1
            var entries = 0
            var problem: String?
            for try await (seq, at, kind, body, prev, hash) in try await connection.query(
                "SELECT seq, at, kind, body, prev_hash, hash FROM audit_log ORDER BY seq", logger: store.logger)
                .decode((Int64, String, String, String, String, String).self) {
                entries += 1
                if problem == nil {
                    if seq != expected || prev != previous
                        || hash != AuditChain.hash(seq: seq, at: at, kind: kind, body: body, previous: previous) {
                        problem = "audit entry \(seq) (\(kind), \(at)) does not follow the chain"
                    }
                }
                previous = hash
                expected = seq + 1
            }
            return Verification(rows: rows, counts: counts, auditEntries: entries, auditProblem: problem)
        }
    }

    /// Commits the copy and closes the connection.
    public func commit() async throws {
        guard let connection else { return }
        try await run { try await connection.query("COMMIT", logger: store.logger) }
        try? await connection.close()
        self.connection = nil
    }

    /// Rolls the copy back (the database stays empty): closing the session ends its transaction.
    public func abort() async {
        guard let connection else { return }
        try? await connection.close()
        self.connection = nil
    }

    @discardableResult
    private func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw store.describe(error) }
    }
}

extension PostgresBindings {
    mutating func append(_ value: StoreValue) {
        switch value {
        case .null: appendNull()
        case .integer(let v): append(v)
        case .real(let v): append(v)
        case .text(let v): append(v)
        case .blob(let v): append(ByteBuffer(bytes: v))
        }
    }
}
