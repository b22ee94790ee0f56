import Core
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL end of `chipwatch store copy --from`: every table read in one snapshot
/// (a read-only, repeatable-read transaction), each through a server-side cursor, so the copy
/// is of one instant and holds one batch in memory at a time.
public actor PostgresCopySource {
    let store: PostgresStore
    private var connection: PostgresConnection?
    /// The PostgreSQL type of each column, "table.column" -> data_type.
    private var types: [String: String] = [:]

    public init(store: PostgresStore) { self.store = store }

    /// Connects, checks the database holds this version's schema, and opens the snapshot.
    public func begin() async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try store.configuration(), id: 3, logger: store.logger)
        } catch {
            throw store.describe(error)
        }
        self.connection = connection
        do {
            let version = try await store.schemaVersion(connection)
            guard version == PostgresStore.currentVersion else {
                try store.refuseNewer(version ?? 0)
                throw PostgresStoreError(.schema, "store \(store.settings.url): holds schema \(version.map(String.init) ?? "none"), "
                                         + "this version copies \(PostgresStore.currentVersion) (chipwatch store migrate)")
            }
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: store.logger)
            for try await (table, column, type) in try await connection.query("""
                SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = 'public'
                """, logger: store.logger).decode((String, String, String).self) {
                types["\(table).\(column)"] = type
            }
        } catch {
            await close()
            throw store.describe(error)
        }
    }

    /// Opens a cursor over a table's rows in `orderBy` order, its columns as named.
    /// Times come back as the UTC text GRDB writes ("2026-03-25 12:00:00.000").
    public func open(table: String, columns: [String], orderBy: [String]) async throws {
        guard let connection else { return }
        let list = columns.map { column in
            types["\(table).\(column)"] == "timestamp with time zone"
                ? "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')" : column
        }
        let order = orderBy.isEmpty ? "" : " ORDER BY " + orderBy.joined(separator: ", ")
        do {
            try await connection.query("CLOSE ALL", logger: store.logger)
            try await connection.query(PostgresQuery(unsafeSQL: """
                DECLARE copy_rows NO SCROLL CURSOR FOR SELECT \(list.joined(separator: ", ")) FROM \(table)\(order)
                """), logger: store.logger)
        } catch {
            throw store.describe(error)
        }
    }

    /// The next rows of the open cursor; empty when it is done.
    public func next(_ count: Int = 500) async throws -> [[StoreValue]] {
        guard let connection else { return [] }
        do {
            var rows: [[StoreValue]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(count) FROM copy_rows"),
                                                            logger: store.logger) {
                rows.append(try row.map(Self.value))
            }
            return rows
        } catch {
            throw store.describe(error)
        }
    }

    /// Rows per table in the snapshot.
    public func rowCount(_ table: String) async throws -> Int {
        guard let connection else { return 0 }
        var count = 0
        do {
            for try await n in try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"),
                                                          logger: store.logger).decode(Int.self) { count = n }
        } catch {
            throw store.describe(error)
        }
        return count
    }

    /// The counts its triggers keep, as "name/key" -> value (rows at zero left out).
    public func keptCounts() async throws -> [String: Int64] {
        guard let connection else { return [:] }
        var counts: [String: Int64] = [:]
        do {
            for try await (name, key, value) in try await connection.query(
                "SELECT name, key, value FROM counts WHERE value <> 0", logger: store.logger).decode((String, String, Int64).self) {
                counts["\(name)/\(key)"] = value
            }
        } catch {
            throw store.describe(error)
        }
        return counts
    }

    /// Ends the snapshot by closing the connection (the server ends its transaction).
    public func close() async {
        guard let connection else { return }
        try? await connection.close()
        self.connection = nil
    }

    private static func value(_ cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(Array((try cell.decode(ByteBuffer.self)).readableBytesView))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }
}
