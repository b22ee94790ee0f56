import Core
import GRDB

/// The one hand-off between stages: rows of a table whose state column says the work waits.
///
/// A stage lists waiting rows after a cursor in a read, works on them outside any lock, then
/// stores its output in one write transaction that first *claims* each row (keeps only those
/// still waiting: another process may have finished them meanwhile) and *completes* it with its
/// final state. So work is never stored twice, and a process killed mid-batch leaves its rows
/// waiting for the next run. Every queue in the store is one of the values in `Queues`.
struct StageQueue<State: RawRepresentable & Sendable>: Sendable where State.RawValue == String {
    let table: String
    /// The row's key column (an integer).
    let key: String
    let column: String
    let waiting: State

    /// `WHERE` text selecting waiting rows, for queries that join or order in their own way
    /// (`alias` names the table in such a query).
    func isWaiting(alias: String? = nil) -> String {
        "\(alias.map { "\($0)." } ?? "")\(column) = '\(waiting.rawValue)'"
    }

    /// Waiting rows with a key above `cursor`, in key order: `columns` of each, where `condition`
    /// (SQL over this table, with `arguments`) also holds.
    func waiting(_ db: Database, columns: String, after cursor: Int64 = .min, condition: String? = nil,
                 arguments: StatementArguments = [], limit: Int? = nil) throws -> [Row] {
        let extra = condition.map { " AND (\($0))" } ?? ""
        let bound = limit.map { " LIMIT \($0)" } ?? ""
        return try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM \(table) WHERE \(isWaiting()) AND \(key) > ?\(extra) ORDER BY \(key)\(bound)
            """, arguments: [cursor] + arguments)
    }

    /// Inside the write transaction that completes the work: whether the row still waits.
    func claim(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE \(key) = ? AND \(isWaiting())", arguments: [id]) ?? false
    }

    /// The rows among `ids` that still wait, in the order given.
    func claim(_ db: Database, _ ids: [Int64]) throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        let found = try Set(Int64.fetchAll(db, sql: """
            SELECT \(key) FROM \(table) WHERE \(isWaiting()) AND \(key) IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(ids)))
        return ids.filter(found.contains)
    }

    typealias Columns = KeyValuePairs<String, (any DatabaseValueConvertible)?>

    /// Marks the row done with `state`, setting `columns` (name → value) in the same statement.
    func complete(_ db: Database, _ id: Int64, as state: State, setting columns: Columns = [:]) throws {
        try set(db, state, columns, where: "\(key) = ?", [id])
    }

    /// Marks rows done with `state`, each row setting `columns` to its own values: one
    /// statement per 500 rows. A statement that sets a foreign key gets a statement journal,
    /// into which SQLite copies every page it changes (see `insertAllCached`): a statement a
    /// row copied the same pages for every row.
    func complete(_ db: Database, _ rows: [(id: Int64, values: [DatabaseValue])], as state: State,
                  setting columns: [String]) throws {
        let tuple = "(" + databaseQuestionMarks(count: columns.count + 1) + ")"
        let assignments = ["\(column) = ?"] + columns.enumerated().map { "\($1) = v.column\($0 + 2)" }
        for start in stride(from: 0, to: rows.count, by: 500) {
            let chunk = rows[start..<min(start + 500, rows.count)]
            var arguments: [DatabaseValue] = [state.rawValue.databaseValue]
            for row in chunk { arguments += [row.id.databaseValue] + row.values }
            try db.execute(sql: """
                UPDATE \(table) SET \(assignments.joined(separator: ", "))
                FROM (VALUES \(repeatElement(tuple, count: chunk.count).joined(separator: ", "))) AS v WHERE \(table).\(key) = v.column1
                """, arguments: StatementArguments(arguments))
        }
    }

    /// Puts one row (back) in line, setting `columns` too: an edited item, a page's new text.
    func enqueue(_ db: Database, _ id: Int64, setting columns: Columns = [:]) throws {
        try set(db, waiting, columns, where: "\(key) = ?", [id])
    }

    /// Puts rows back in line (all, or those where `condition` holds), setting `columns` too;
    /// returns how many.
    @discardableResult
    func requeue(_ db: Database, where condition: String = "1", arguments: StatementArguments = [],
                 setting columns: Columns = [:]) throws -> Int {
        try set(db, waiting, columns, where: condition, arguments)
        return db.changesCount
    }

    /// How many rows wait.
    func depth(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(isWaiting())") ?? 0
    }

    private func set(_ db: Database, _ state: State, _ columns: Columns, where condition: String,
                     _ arguments: StatementArguments) throws {
        let assignments = ["\(column) = ?"] + columns.map { "\($0.key) = ?" }
        let values: [(any DatabaseValueConvertible)?] = [state.rawValue] + columns.map(\.value)
        // Cached: a stage marks thousands of rows with the same statement.
        try db.cachedStatement(sql: "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(condition)")
            .execute(arguments: StatementArguments(values) + arguments)
    }
}

/// Every queue between stages, each named once: table, key, state column and waiting state.
enum Queues {
    /// Fetched documents waiting for parse.
    static let parse = StageQueue(table: "documents", key: "id", column: "parse_state", waiting: ParseState.new)
    /// Fetched item pages waiting for their text to be extracted.
    static let pages = StageQueue(table: "pages", key: "item_id", column: "state", waiting: PageState.new)
    /// Items (new, edited or with new full text) waiting for extract.
    static let extract = StageQueue(table: "items", key: "id", column: "extract_state", waiting: ExtractState.new)
    /// Signals waiting for evaluate.
    static let evaluate = StageQueue(table: "signals", key: "id", column: "evaluate_state", waiting: EvaluateState.new)
    /// Notices waiting for notify to route them.
    static let outbox = StageQueue(table: "outbox", key: "id", column: "state", waiting: OutboxState.new)
    /// Deliveries collecting for a digest whose period has not ended.
    static let digest = StageQueue(table: "deliveries", key: "id", column: "state", waiting: Delivery.State.collecting)
    /// Deliveries waiting to be sent (first attempt or a retry).
    static let send = StageQueue(table: "deliveries", key: "id", column: "state", waiting: Delivery.State.pending)
}
