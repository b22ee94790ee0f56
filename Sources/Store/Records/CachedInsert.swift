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
}

extension RowValues {
    /// Inserts the row's columns with `values` (its own values, or the same columns' values in
    /// another form) through a statement compiled once per connection.
    func insert(into table: String, _ db: Database, values: [DatabaseValue]? = nil) throws {
        try db.cachedStatement(sql: RowValues.insertSQL(table, columns)).execute(arguments: StatementArguments(values ?? self.values))
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
