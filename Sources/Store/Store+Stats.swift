import Core
import Foundation
import GRDB
import StoreRows

extension Store {
    public func stats() throws -> StoreStats {
        var stats = try pool.read { db in
            try StatsQueries.stats(counts: { sql in
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: sql) { result[row[0]] = row[1] }
                return result
            }, count: { sql in try Int.fetchOne(db, sql: sql) ?? 0 })
        }
        stats.lastFetch = try fetchRuns(limit: 1).first
        return stats
    }
}
