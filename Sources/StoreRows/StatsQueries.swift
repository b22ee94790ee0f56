import Core

/// The queries behind `StoreStats` (the metrics textfile), the same text on both stores: each
/// selects (key, count) rows, or one count. The `counts` table is kept by triggers (schema v14),
/// so reading it costs the same at any size of the log.
package enum StatsQueries {
    package static let feedsFailingByClass = """
        SELECT last_error_class, COUNT(*) FROM feed_health
        WHERE consecutive_failures > 0 AND last_error_class IS NOT NULL GROUP BY last_error_class
        """
    package static let feedsGone = "SELECT COUNT(*) FROM feed_health WHERE gone <> 0"
    package static func kept(_ name: String) -> String { "SELECT key, value FROM counts WHERE name = '\(name)' AND value > 0" }
    package static let itemsToExtract = "SELECT COUNT(*) FROM items WHERE extract_state = 'new'"
    package static let milestonesByState = "SELECT state, COUNT(*) FROM milestones WHERE in_roadmap <> 0 GROUP BY state"
    package static let alertsFiring = "SELECT COUNT(*) FROM alerts WHERE status = 'firing'"
    package static let outboxDepth = "SELECT COUNT(*) FROM outbox WHERE state = 'new'"
    package static let deliveriesByState = "SELECT state, COUNT(*) FROM deliveries GROUP BY state"

    /// The figures, from a store that answers (key, count) queries (`counts`) and one-count queries (`count`).
    package static func stats(counts: (String) throws -> [String: Int], count: (String) throws -> Int) rethrows -> StoreStats {
        var stats = StoreStats()
        stats.feedsFailingByClass = try counts(feedsFailingByClass)
        stats.feedsGone = try count(feedsGone)
        stats.documentsByState = try counts(kept("documents_by_state"))
        stats.items = try counts(kept("items"))[""] ?? 0
        stats.itemsToExtract = try count(itemsToExtract)
        stats.signalsByEvent = try counts(kept("signals_by_event"))
        stats.stories = try counts(kept("stories"))[""] ?? 0
        stats.milestonesByState = try counts(milestonesByState)
        stats.alertsFiring = try count(alertsFiring)
        stats.outboxDepth = try count(outboxDepth)
        stats.deliveriesByState = try counts(deliveriesByState)
        return stats
    }
}
