import Core
import Foundation
import GRDB

/// Figures for the Prometheus textfile and the run summary.
public struct StoreStats: Sendable {
    public var feedsFailingByClass: [String: Int] = [:]
    public var feedsGone = 0
    public var documentsByState: [String: Int] = [:]
    public var items = 0
    /// Items waiting for the extract stage.
    public var itemsToExtract = 0
    public var signalsByEvent: [String: Int] = [:]
    public var stories = 0
    public var milestonesByState: [String: Int] = [:]
    public var alertsFiring = 0
    /// Notices waiting for the notify stage.
    public var outboxDepth = 0
    public var deliveriesByState: [String: Int] = [:]
    public var lastFetch: FetchRunSummary?
}

extension Store {
    public func stats() throws -> StoreStats {
        var stats = try pool.read { db in
            var stats = StoreStats()
            for row in try Row.fetchAll(db, sql: """
                SELECT last_error_class, COUNT(*) AS n FROM feed_health
                WHERE consecutive_failures > 0 AND last_error_class IS NOT NULL GROUP BY last_error_class
                """) {
                stats.feedsFailingByClass[row["last_error_class"]] = row["n"]
            }
            stats.feedsGone = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed_health WHERE gone") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT parse_state, COUNT(*) AS n FROM documents GROUP BY parse_state") {
                stats.documentsByState[row["parse_state"]] = row["n"]
            }
            stats.items = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? 0
            stats.itemsToExtract = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE extract_state = 'new'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT event, COUNT(*) AS n FROM signals GROUP BY event") {
                stats.signalsByEvent[row["event"]] = row["n"]
            }
            stats.stories = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stories") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM milestones WHERE in_roadmap GROUP BY state") {
                stats.milestonesByState[row["state"]] = row["n"]
            }
            stats.alertsFiring = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE status = 'firing'") ?? 0
            stats.outboxDepth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'new'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state") {
                stats.deliveriesByState[row["state"]] = row["n"]
            }
            return stats
        }
        stats.lastFetch = try fetchRuns(limit: 1).first
        return stats
    }
}

