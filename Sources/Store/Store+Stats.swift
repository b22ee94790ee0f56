import Core
import Foundation
import GRDB

extension Store {
    public func stats() throws -> StoreStats {
        var stats = try pool.read { db in
            /// `SELECT key, COUNT(*)` rows as a dictionary.
            func counts(_ sql: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql) { result[row[0]] = row[1] }
                return result
            }
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            var stats = StoreStats()
            stats.feedsFailingByClass = try counts("""
                SELECT last_error_class, COUNT(*) FROM feed_health
                WHERE consecutive_failures > 0 AND last_error_class IS NOT NULL GROUP BY last_error_class
                """)
            stats.feedsGone = try count("SELECT COUNT(*) FROM feed_health WHERE gone")
            // Kept by triggers (schema v14): reading them costs the same at any size of the log.
            func kept(_ name: String) throws -> [String: Int] {
                try counts("SELECT key, value FROM counts WHERE name = '\(name)' AND value > 0")
            }
            stats.documentsByState = try kept("documents_by_state")
            stats.items = try kept("items")[""] ?? 0
            stats.itemsToExtract = try Queues.extract.depth(db)
            stats.signalsByEvent = try kept("signals_by_event")
            stats.stories = try kept("stories")[""] ?? 0
            stats.milestonesByState = try counts("SELECT state, COUNT(*) FROM milestones WHERE in_roadmap GROUP BY state")
            stats.alertsFiring = try count("SELECT COUNT(*) FROM alerts WHERE status = 'firing'")
            stats.outboxDepth = try Queues.outbox.depth(db)
            stats.deliveriesByState = try counts("SELECT state, COUNT(*) FROM deliveries GROUP BY state")
            return stats
        }
        stats.lastFetch = try fetchRuns(limit: 1).first
        return stats
    }
}

