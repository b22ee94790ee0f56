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
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, simhash, title_key, first_published FROM stories WHERE id > ? ORDER BY id
            """, arguments: [lastID])
        while let row = try rows.next() {
            add(StoryCandidate(id: row["id"], simhash: UInt64(bitPattern: row["simhash"]), titleKey: row["title_key"],
                               firstPublished: row["first_published"]))
        }
    }
}
