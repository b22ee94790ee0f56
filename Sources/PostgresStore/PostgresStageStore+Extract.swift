import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows
import Wire

/// The extract stage on PostgreSQL. A batch of items is claimed with `FOR UPDATE SKIP LOCKED`;
/// its output (stories, signals, audit entries) is written in the claim's transaction under a
/// transaction-level advisory lock, because story choice and the audit chain must see every
/// earlier writer's rows: extraction itself runs in parallel, the short writes one at a time.
extension PostgresStageStore: ExtractStore {
    public func itemsToExtract(after id: Int64, limit: Int) throws -> [ExtractInput] {
        try claim(table: "items") { c, log -> ([Int64], [ExtractInput])? in
            var inputs: [ExtractInput] = []
            for try await (id, feed, title, published, summary, content, fullText) in try await c.query("""
                SELECT id, feed_id, title, published, summary, content, full_text FROM items
                WHERE extract_state = 'new' AND id > \(id) ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """, logger: log).decode((Int64, String, String, Date?, String, String, String?).self) {
                inputs.append(ExtractInput(itemID: id, feedID: feed, title: title, summary: summary, content: content,
                                           fullText: fullText, published: published))
            }
            return inputs.isEmpty ? nil : (inputs.map(\.itemID), inputs)
        } ?? []
    }

    public func recordExtractions(_ outputs: [ExtractOutput], stories matcher: StoryMatching,
                                  at now: Date) throws -> (newStories: Int, joined: Int) {
        let held = takeClaim(table: "items")
        if held == nil { try releaseClaim() }
        let ids = outputs.map(\.itemID)
        return try withConnection { c, log in
            do {
                var claimed = held ?? []
                if held == nil {
                    try await c.query("BEGIN", logger: log)
                    // Not claimed first: lock those still waiting; the rest another process did.
                    for try await id in try await c.query("""
                        SELECT id FROM items WHERE id = ANY(\(ids)) AND extract_state = 'new' FOR UPDATE
                        """, logger: log).decode(Int64.self) { claimed.insert(id) }
                }
                try await c.query("SELECT pg_advisory_xact_lock(\(Self.auditLock))", logger: log)
                // Under the lock every earlier writer's stories are committed: the index reads them.
                var index = self.withStoryIndex { $0 }
                try await Self.refresh(&index, c, log)
                var tail = try await Self.auditTail(c, log)
                var counts = (newStories: 0, joined: 0)
                for output in outputs where claimed.contains(output.itemID) {
                    try await Self.record(output, matcher: matcher, now: now, counts: &counts, index: &index, tail: &tail, c, log)
                }
                try await c.query("COMMIT", logger: log)
                self.withStoryIndex { $0 = index }
                return counts
            } catch {
                await c.rollback(log)
                throw error
            }
        }
    }

    public func resetExtraction() throws -> Int {
        try transaction { c, log in
            var count = 0
            for try await n in try await c.query("""
                WITH reset AS (UPDATE items SET extract_state = 'new' RETURNING 1) SELECT COUNT(*) FROM reset
                """, logger: log).decode(Int.self) { count = n }
            return count
        }
    }

    private static func record(_ output: ExtractOutput, matcher: StoryMatching, now: Date, counts: inout (newStories: Int, joined: Int),
                               index: inout StoryIndex, tail: inout AuditChain.Head, _ c: PostgresConnection, _ log: Logger) async throws {
        var row: (String, Int64?, String, Int?)?
        for try await found in try await c.query("""
            SELECT i.feed_id, i.story_id, i.item_key, f.tier FROM items i LEFT JOIN feeds f ON f.id = i.feed_id WHERE i.id = \(output.itemID)
            """, logger: log).decode((String, Int64?, String, Int?).self) { row = found }
        guard let (feedID, existingStory, itemKey, tier) = row else { return }
        var storyID = existingStory
        if storyID == nil {
            let candidates = try await storyCandidates(matcher.query(for: output, now: now), index: index, c, log)
            storyID = matcher.choose(for: output, among: candidates, now: now)
            if storyID == nil {
                let started = output.published ?? now
                for try await id in try await c.query("""
                    INSERT INTO stories (simhash, title_key, first_item, first_published, created_at)
                    VALUES (\(Int64(bitPattern: output.simhash)), \(output.titleKey), \(output.itemID), \(started), \(now)) RETURNING id
                    """, logger: log).decode(Int64.self) { storyID = id }
                if let id = storyID {
                    index.add(StoryCandidate(id: id, simhash: output.simhash, titleKey: output.titleKey, firstPublished: started))
                }
                counts.newStories += 1
            } else {
                counts.joined += 1
            }
        }
        guard let story = storyID else { return }
        try await c.query("DELETE FROM signals WHERE item_id = \(output.itemID)", logger: log)
        for (seq, signal) in output.extraction.signals.enumerated() {
            try await c.query("""
                INSERT INTO signals (item_id, story_id, feed_id, tier, seq, published, vendors, product, event, modality,
                    stated_window, window_text, quantities, evidence_text, evidence_field, evidence_start, evidence_end,
                    confidence, lists, regulators, products, known, extractor_version, created_at)
                VALUES (\(output.itemID), \(story), \(feedID), \(tier), \(seq), \(output.published),
                    \(try JSONWriter.string(signal.vendors)), \(signal.product), \(signal.event.rawValue), \(signal.modality.rawValue),
                    \(signal.window?.description), \(signal.windowText), \(try JSONWriter.string(signal.quantities)),
                    \(signal.evidence.text), \(signal.evidence.field), \(signal.evidence.start), \(signal.evidence.end),
                    \(signal.confidence), \(try JSONWriter.string(signal.lists)), \(try JSONWriter.string(signal.regulators)),
                    \(try JSONWriter.string(signal.products)), \(signal.known ? 1 : 0), \(signal.extractorVersion), \(now))
                """, logger: log)
            try await appendAudit(SignalAuditJSON(feed: feedID, item: itemKey, story: story, seq: seq, signal: signal), at: now,
                                  after: &tail, c, log)
        }
        try await c.query("""
            UPDATE items SET extract_state = 'done', story_id = \(story), vendors = \(try JSONWriter.string(output.extraction.vendors)),
                products = \(try JSONWriter.string(output.extraction.products))
            WHERE id = \(output.itemID)
            """, logger: log)
    }

    /// Stories the query asks for, each once, as on SQLite: by headline through the table's
    /// index, by start and SimHash through the in-memory story index.
    private static func storyCandidates(_ query: StoryQuery, index: StoryIndex, _ c: PostgresConnection,
                                        _ log: Logger) async throws -> [StoryCandidate] {
        var found: [StoryCandidate] = []
        if let titleKey = query.titleKey {
            for try await (id, simhash, key, first) in try await c.query("""
                SELECT id, simhash, title_key, first_published FROM stories WHERE title_key = \(titleKey)
                """, logger: log).decode((Int64, Int64, String, Date).self) {
                found.append(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: key, firstPublished: first))
            }
        }
        let seen = Set(found.map(\.id))
        return found + index.near(query).filter { !seen.contains($0.id) }
    }

    /// Reads the stories added since the index last looked (all of them after a table that shrank).
    private static func refresh(_ index: inout StoryIndex, _ c: PostgresConnection, _ log: Logger) async throws {
        var maxID: Int64?
        for try await id in try await c.query("SELECT MAX(id) FROM stories", logger: log).decode(Int64?.self) { maxID = id }
        if let maxID, maxID < index.lastID { index.reset() }
        for try await (id, simhash, key, first) in try await c.query("""
            SELECT id, simhash, title_key, first_published FROM stories WHERE id > \(index.lastID) ORDER BY id
            """, logger: log).decode((Int64, Int64, String, Date).self) {
            index.add(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: key, firstPublished: first))
        }
    }
}
