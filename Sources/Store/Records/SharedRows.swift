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
    /// The stories of a range of days up to an id: from `stories_by_date_simhash` alone (v20).
    static let storiesOfDaysSQL = "SELECT id, simhash, first_published FROM stories WHERE first_published >= ? AND first_published < ? AND id <= ?"

    /// Reads what lookups over `days` need (`reading`): the stories added since the last call,
    /// and those of the days not held yet.
    mutating func refresh(_ db: Database, days: ClosedRange<Int>) throws {
        let top = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM stories") ?? 0
        // A table that shrank (a test rebuilt it) is read again from the start.
        if top < lastID { reset() }
        let plan = reading(days: days, top: top)
        // Columns by position and dates by `RowValues.date`: GRDB's lookups by name and its
        // calendar were most of the cost of reading stories.
        func fetch(_ sql: String, _ arguments: StatementArguments, add: (inout StoryIndex, StoryCandidate) -> Void) throws {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                guard let first = RowValues.date(row[2] as DatabaseValue) else {
                    throw StoredValueError("stories", "first_published", "\(row[2] as DatabaseValue)")
                }
                add(&self, StoryCandidate(id: row[0], simhash: UInt64(bitPattern: row[1]), titleKey: "", firstPublished: first))
            }
        }
        try fetch("SELECT id, simhash, first_published FROM stories WHERE id > ? AND id <= ?", [plan.since, top]) { $0.add($1, reading: days) }
        for gap in plan.gaps {
            try fetch(Self.storiesOfDaysSQL, [gap.lowerBound, gap.upperBound, plan.upTo]) { $0.add($1) }
        }
        read(days: days, top: top)
    }
}
