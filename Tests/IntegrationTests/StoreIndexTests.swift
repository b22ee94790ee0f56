import Foundation
import GRDB
@testable import Store
import StoreRows
import TestSupport
import Testing

/// Reads that run on every pipeline run must not sort or scan what grows with history.
@Suite("Store indexes")
struct StoreIndexTests {
    @Test("the newest alerts are read through alerts_by_update, without sorting every alert")
    func recentAlerts() throws {
        let dir = try TempDir()
        _ = try Store(directory: dir.path)
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        let plan = try db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Store.recentAlertsSQL, arguments: [200]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("alerts_by_update") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test("the stories of a range of days are read from stories_by_date_simhash alone")
    func storiesOfDays() throws {
        let dir = try TempDir()
        _ = try Store(directory: dir.path)
        let db = try DatabaseQueue(path: dir.path + "/chipwatch.sqlite")
        let plan = try db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StoryIndex.storiesOfDaysSQL,
                             arguments: [Date(), Date(), 1]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX stories_by_date_simhash") }, "\(plan)")
    }
}
