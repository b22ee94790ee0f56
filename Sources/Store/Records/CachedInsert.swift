import GRDB
import Synchronization

extension EncodableRecord where Self: TableRecord & Encodable {
    /// Inserts the row through a statement compiled once per connection. GRDB's `insert`
    /// builds its statement anew on every call (schema lookups, compiling under an authorizer:
    /// a tenth of the extract stage's time, measured with perf), and encodes through a
    /// dictionary and a date formatter (see `RowValues`); the stages insert thousands of rows
    /// of one shape. Nil columns are written as NULL (an id left nil is assigned).
    func insertCached(_ db: Database) throws {
        try RowValues(self).insert(into: Self.databaseTableName, db)
    }

    /// Inserts `records` in order, many rows to a statement. Inside a transaction SQLite gives a
    /// statement that fires triggers (the signals table's counters) a statement journal, and
    /// copies into it every page the statement changes: one statement per row copied the same
    /// table and index pages for every row, 3.4 GB of temporary-file writes to re-extract 13k
    /// items (strace, 2026-12-07); with many rows a statement each page is copied once.
    static func insertAllCached(_ records: [Self], _ db: Database) throws {
        try RowValues.insert(records.map(RowValues.init), into: databaseTableName, db)
    }
}

extension RowValues {
    /// Inserts the row through a statement compiled once per connection.
    func insert(into table: String, _ db: Database) throws {
        try db.cachedStatement(sql: RowValues.insertSQL(table, columns)).execute(arguments: StatementArguments(values))
    }

    /// Inserts `rows` in order, up to 500 rows of the same columns a statement (fewer where the
    /// values would pass the connection's limit on arguments); the full-size statement is
    /// compiled once per connection.
    static func insert(_ rows: [RowValues], into table: String, _ db: Database) throws {
        var start = 0
        while start < rows.count {
            let columns = rows[start].columns
            let rowsPerStatement = max(1, min(500, db.maximumStatementArgumentCount / max(1, columns.count)))
            var end = start + 1
            while end < rows.count, end - start < rowsPerStatement, rows[end].columns == columns { end += 1 }
            let one = "(" + databaseQuestionMarks(count: columns.count) + ")"
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + repeatElement(one, count: end - start).joined(separator: ", ")
            let statement = end - start == rowsPerStatement ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            var values: [DatabaseValue] = []
            values.reserveCapacity((end - start) * columns.count)
            for row in rows[start..<end] { values += row.values }
            try statement.execute(arguments: StatementArguments(values))
            start = end
        }
    }

    /// Each table's INSERT text, written once: joining the column list anew for every row was
    /// 4% of the extract stage's time (perf, 12.5k-item store).
    private static let insertTexts = Mutex<[String: (columns: [String], sql: String)]>([:])

    private static func insertSQL(_ table: String, _ columns: [String]) -> String {
        insertTexts.withLock { texts in
            if let known = texts[table], known.columns == columns { return known.sql }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
                + repeatElement("?", count: columns.count).joined(separator: ", ") + ")"
            texts[table] = (columns, sql)
            return sql
        }
    }
}
