import Core
import Foundation
import PostgresNIO
import StoreRows

/// The store-wide figures of the metrics textfile, from the PostgreSQL store (the same queries
/// as on SQLite). Each host writes them beside its own stage timings.
extension PostgresStageStore {
    public func stats() throws -> StoreStats {
        try releaseClaim()
        var stats = try StatsQueries.stats(counts: { sql in
            try withConnection { c, log in
                var result: [String: Int] = [:]
                for try await (key, value) in try await c.query(PostgresQuery(unsafeSQL: sql), logger: log).decode((String, Int64).self) {
                    result[key] = Int(value)
                }
                return result
            }
        }, count: { sql in
            try withConnection { c, log in
                var result = 0
                for try await value in try await c.query(PostgresQuery(unsafeSQL: sql), logger: log).decode(Int64.self) { result = Int(value) }
                return result
            }
        })
        stats.lastFetch = try withConnection { c, log in
            var last: FetchRunSummary?
            for try await (started, finished, attempted, fetched, notModified, unchanged, failed, notDue, unreachable, deferred)
                in try await c.query("""
                    SELECT started_at, finished_at, attempted, fetched, not_modified, unchanged, failed, skipped_not_due,
                           network_unreachable, deferred FROM fetch_runs ORDER BY id DESC LIMIT 1
                    """, logger: log).decode((Date, Date, Int, Int, Int, Int, Int, Int, Int, Int).self) {
                var run = FetchRunSummary(startedAt: started, finishedAt: finished)
                run.attempted = attempted
                run.fetched = fetched
                run.notModified = notModified
                run.unchanged = unchanged
                run.failed = failed
                run.skippedNotDue = notDue
                run.networkUnreachable = unreachable != 0
                run.deferred = deferred
                last = run
            }
            return last
        }
        return stats
    }
}
