import Core
import Foundation
import GRDB
import StoreRows
import Wire

extension Store: ExtractStore {
    public func itemsToExtract(after id: Int64, limit: Int) throws -> [ExtractInput] {
        try pool.read { db in
            try Queues.extract.waiting(db, columns: "id, feed_id, title, published, summary, content, full_text",
                                       after: id, limit: limit).map { row in
                ExtractInput(itemID: row["id"], feedID: row["feed_id"], title: row["title"], summary: try ItemText.unpack(row["summary"]),
                             content: try ItemText.unpack(row["content"]), fullText: row["full_text"], published: row["published"])
            }
        }
    }

    public func recordExtractions(_ outputs: [ExtractOutput], stories matcher: StoryMatching,
                                  at now: Date) throws -> (newStories: Int, joined: Int) {
        defer { writeAuditHead() }
        return try storyIndex.withLock { index in
            do {
                return try pool.write { db in try record(outputs, stories: matcher, index: &index, at: now, db: db) }
            } catch {
                index.reset()   // it may hold stories of the transaction that rolled back
                throw error
            }
        }
    }

    private func record(_ outputs: [ExtractOutput], stories matcher: StoryMatching, index: inout StoryIndex, at now: Date,
                        db: Database) throws -> (newStories: Int, joined: Int) {
        var counts = (newStories: 0, joined: 0)
        let claimed = Set(try Queues.extract.claim(db, outputs.map(\.itemID)))   // the rest another process did
        // The index holds the days this batch's items look at (an item with a story asks nothing).
        if let days = StoryIndex.days(outputs.filter { claimed.contains($0.itemID) }.map { matcher.query(for: $0, now: now) }) {
            try index.refresh(db, days: days)
        }
        // An item extracted again loses its old signals first: one statement for the batch (each
        // deleted row fires the counters' trigger; see `insertAllCached`).
        let ids = outputs.map(\.itemID).filter(claimed.contains)
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            try db.execute(sql: "DELETE FROM signals WHERE item_id IN (\(databaseQuestionMarks(count: chunk.count)))",
                           arguments: StatementArguments(Array(chunk)))
        }
        var audit = try AuditLog.Appender(db)
        var rows: [SignalRow] = []
        var done: [(id: Int64, values: [DatabaseValue])] = []
        for output in outputs where claimed.contains(output.itemID) {
            guard let item = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT i.feed_id, i.story_id, i.item_key, f.tier FROM items i LEFT JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?
                """), arguments: [output.itemID]) else { continue }
            let feedID: String = item["feed_id"]
            let tier: Int? = item["tier"]
            var storyID: Int64? = item["story_id"]
            if storyID == nil {
                let candidates = try storyCandidates(matcher.query(for: output, now: now), index: index, db: db)
                storyID = matcher.choose(for: output, among: candidates, now: now)
                if storyID == nil {
                    let story = try createStory(output, now: now, db: db)
                    index.add(story)
                    storyID = story.id
                    counts.newStories += 1
                } else {
                    counts.joined += 1
                }
            }
            let itemKey: String = item["item_key"]
            for (seq, signal) in output.extraction.signals.enumerated() {
                rows.append(try SignalRow(signal, itemID: output.itemID, storyID: storyID!, feedID: feedID, tier: tier, seq: seq,
                                      published: output.published, at: now))
                try audit.append(db, SignalAuditJSON(feed: feedID, item: itemKey, story: storyID!, seq: seq, signal: signal),
                                    at: now)
            }
            done.append((output.itemID, [storyID!.databaseValue, try Self.encode(output.extraction.vendors).databaseValue,
                                         try Self.encode(output.extraction.products).databaseValue]))
        }
        try SignalRow.insertAllCached(rows, db)
        try Queues.extract.complete(db, done, as: .done, setting: ["story_id", "vendors", "products"])
        return counts
    }

    public func resetExtraction() throws -> Int {
        try pool.write { db in try Queues.extract.requeue(db) }
    }

    /// The stories a query asks for, each once: by headline through the table's index, by
    /// start and SimHash through the story index.
    private func storyCandidates(_ query: StoryQuery, index: StoryIndex, db: Database) throws -> [StoryCandidate] {
        var found: [StoryCandidate] = []
        if let titleKey = query.titleKey {
            found = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, simhash, title_key, first_published FROM stories WHERE title_key = ?"),
                                     arguments: [titleKey]).map {
                StoryCandidate(id: $0["id"], simhash: UInt64(bitPattern: $0["simhash"]), titleKey: $0["title_key"],
                               firstPublished: $0["first_published"])
            }
        }
        let seen = Set(found.map(\.id))
        return found + index.near(query).filter { !seen.contains($0.id) }
    }

    private func createStory(_ output: ExtractOutput, now: Date, db: Database) throws -> StoryCandidate {
        let started = output.published ?? now
        // OR FAIL: a statement that fires a trigger (the stories counter) and may abort part-way
        // gets a statement journal, into which SQLite copies the pages it changes: 3 GB of
        // temporary-file writes on a first pass of 13k items (strace, 2026-12-07). A failure
        // still fails the batch's transaction, which rolls back whole.
        try db.cachedStatement(sql: """
            INSERT OR FAIL INTO stories (simhash, title_key, first_item, first_published, created_at) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [Int64(bitPattern: output.simhash), output.titleKey, output.itemID, started, now])
        return StoryCandidate(id: db.lastInsertedRowID, simhash: output.simhash, titleKey: output.titleKey, firstPublished: started)
    }

    /// Stored signals in id order, for tests and review: item, story, event, modality, product, window.
    public func signalSummaries() throws -> [(item: Int64, story: Int64, event: String, modality: String, product: String?, window: String?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT item_id, story_id, event, modality, product, stated_window FROM signals ORDER BY id")
                .map { ($0["item_id"], $0["story_id"], $0["event"], $0["modality"], $0["product"], $0["stated_window"]) }
        }
    }

    /// Every signal by what identifies it across runs (feed, item key, claim), sorted: for
    /// comparing two stores that processed the same documents in different orders.
    public func signalIdentities() throws -> [String] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.feed_id || ' ' || i.item_key || ' ' || s.seq || ' ' || s.event || ' ' || s.modality || ' '
                    || COALESCE(s.product, '-') || ' ' || COALESCE(s.stated_window, '-') AS identity
                FROM signals s JOIN items i ON i.id = s.item_id
                """)
            return rows.map { $0["identity"] as String }.sorted()
        }
    }

    /// Each item's story, by item id.
    public func itemStories() throws -> [Int64: Int64] {
        try pool.read { db in
            var result: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, story_id FROM items WHERE story_id IS NOT NULL") {
                result[row["id"]] = row["story_id"]
            }
            return result
        }
    }
}
