import GRDB

extension EncodableRecord where Self: TableRecord {
    /// Inserts the row through a statement compiled once per connection. GRDB's `insert`
    /// builds its statement anew on every call (schema lookups, compiling under an authorizer:
    /// a tenth of the extract stage's time, measured with perf); the stages insert thousands
    /// of rows of one shape. Nil columns are written as NULL (an id left nil is assigned).
    func insertCached(_ db: Database) throws {
        let values = try databaseDictionary.sorted { $0.key < $1.key }
        let sql = "INSERT INTO \(Self.databaseTableName) (\(values.map(\.key).joined(separator: ", "))) VALUES ("
            + values.map { _ in "?" }.joined(separator: ", ") + ")"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values.map(\.value)))
    }
}
