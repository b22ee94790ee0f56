import Core
import GRDB
import StoreRows

// The rows both stores share (module StoreRows), mapped here by GRDB's Codable support.

extension ItemRecord: FetchableRecord, PersistableRecord {
    package static let databaseTableName = "items"
}

extension SignalRow: FetchableRecord, PersistableRecord {
    package static let databaseTableName = "signals"
}

extension MilestoneRow: FetchableRecord, PersistableRecord {
    package static let databaseTableName = "milestones"

    /// Every column but the conflicts: what an evaluation that did not read them writes.
    static let columnsBesideConflicts = CodingKeys.allCases.filter { $0 != .conflicts }.map { Column($0) }
}

extension TransitionRow: FetchableRecord, PersistableRecord {
    package static let databaseTableName = "milestone_history"
}

extension AlertRow: FetchableRecord, PersistableRecord {
    package static let databaseTableName = "alerts"

    /// Writes the alert's new state; an alert already stored keeps when it first fired, and,
    /// with `keepingLastQueued`, when it was last queued. Returns the row id.
    mutating func save(_ db: Database, keepingLastQueued: Bool) throws -> Int64 {
        let saved = try upsertAndFetch(db, onConflict: ["fingerprint"]) { _ in
            [Column(CodingKeys.firstFired).noOverwrite] + (keepingLastQueued ? [Column(CodingKeys.lastQueued).noOverwrite] : [])
        }
        id = saved.id
        return saved.id ?? 0
    }
}

extension DeliveryRow: FetchableRecord {}

extension StoryIndex {
    /// Reads the stories added since the last call.
    mutating func refresh(_ db: Database) throws {
        // A table that shrank (a test rebuilt it) is read again from the start.
        if let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM stories"), maxID < lastID { reset() }
        // Columns by position and dates by `RowValues.date`: a new process reads every story
        // once, and GRDB's lookups by name and its calendar made that most of the cost.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, simhash, title_key, first_published FROM stories WHERE id > ? ORDER BY id
            """, arguments: [lastID])
        while let row = try rows.next() {
            guard let first = RowValues.date(row[3] as DatabaseValue) else {
                throw StoredValueError("stories", "first_published", "\(row[3] as DatabaseValue)")
            }
            add(StoryCandidate(id: row[0], simhash: UInt64(bitPattern: row[1]), titleKey: row[2], firstPublished: first))
        }
    }
}
