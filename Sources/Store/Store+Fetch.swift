import Core
import Foundation
import GRDB

extension Store: FetchStore {
    public func feedHealth() throws -> [String: FeedHealth] {
        try pool.read { db in
            Dictionary(try FeedHealthRow.fetchAll(db).map { ($0.feedID, $0.health) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The health row and the new document (if any) commit together, so the stored
    /// content hash never claims a body that is not there.
    public func syncFeeds(_ feeds: [Feed], at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE feeds SET in_config = 0")
            for feed in feeds {
                try db.execute(sql: """
                    INSERT INTO feeds (id, url, tier, tags, in_config, updated_at) VALUES (?, ?, ?, ?, 1, ?)
                    ON CONFLICT (id) DO UPDATE SET url = excluded.url, tier = excluded.tier, tags = excluded.tags,
                        in_config = 1, updated_at = excluded.updated_at
                    """, arguments: [feed.id, feed.url, feed.tier.rawValue, try Self.encode(feed.tags), now])
            }
        }
    }

    /// The tier each stored feed had when the feed list was last read, by feed id.
    public func feedTiers() throws -> [String: SourceTier] {
        try pool.read { db in
            var tiers: [String: SourceTier] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, tier FROM feeds") {
                tiers[row["id"]] = SourceTier(rawValue: row["tier"])
            }
            return tiers
        }
    }

    public func record(_ outcome: FetchOutcome) throws {
        // Compressed outside the write: other fetches' records need not wait for it.
        var document: DocumentRow?
        if case .fetched(let d) = outcome.result { document = DocumentRow(d) }
        try pool.write { db in
            try FeedHealthRow(outcome.health).save(db)
            try document?.insert(db, onConflict: .ignore)   // the same body again: kept once
        }
    }

    public func record(_ run: FetchRunSummary) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO fetch_runs (started_at, finished_at, attempted, fetched, not_modified,
                    unchanged, failed, skipped_not_due, network_unreachable, deferred)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.startedAt, run.finishedAt, run.attempted, run.fetched, run.notModified,
                                 run.unchanged, run.failed, run.skippedNotDue, run.networkUnreachable, run.deferred])
        }
    }

    /// The stored documents of a feed, newest first (for tests, replay and `explain`).
    public func documents(feedID: String) throws -> [RawDocument] {
        try pool.read { db in
            try DocumentRow.fetchAll(db, sql: "SELECT * FROM documents WHERE feed_id = ? ORDER BY id DESC",
                                     arguments: [feedID]).map { try $0.document() }
        }
    }

    /// The most recent fetch runs, newest first.
    public func fetchRuns(limit: Int = 10) throws -> [FetchRunSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM fetch_runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                var run = FetchRunSummary(startedAt: row["started_at"], finishedAt: row["finished_at"])
                run.attempted = row["attempted"]
                run.fetched = row["fetched"]
                run.notModified = row["not_modified"]
                run.unchanged = row["unchanged"]
                run.failed = row["failed"]
                run.skippedNotDue = row["skipped_not_due"]
                run.networkUnreachable = row["network_unreachable"]
                run.deferred = row["deferred"]
                return run
            }
        }
    }
}
