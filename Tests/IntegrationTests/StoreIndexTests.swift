import Foundation
import GRDB
@testable import Store
import StoreRows
import TestSupport
import Testing

/// Reads that run on every pipeline run must not sort or scan what grows with history.
@Suite("Store indexes")
struct StoreIndexTests {
    /// SQLite's plan for `sql` on a new store, one line per step.
    func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
        let dir = try TempDir()
        _ = try Store(directory: dir.path)
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        return try db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test("the newest alerts are read through alerts_by_update, without sorting every alert")
    func recentAlerts() throws {
        let plan = try plan(Store.recentAlertsSQL, [200])
        #expect(plan.contains { $0.contains("alerts_by_update") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test("the stories of a range of days are read from stories_by_date_simhash alone")
    func storiesOfDays() throws {
        let plan = try plan(StoryIndex.storiesOfDaysSQL, [Date(), Date(), 1])
        #expect(plan.contains { $0.contains("COVERING INDEX stories_by_date_simhash") }, "\(plan)")
    }
}
