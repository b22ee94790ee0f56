import Core
import Foundation
import Logging
import PostgresNIO
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
                var counts = (newStories: 0, joined: 0)
                for output in outputs where claimed.contains(output.itemID) {
                    try await self.record(output, matcher: matcher, now: now, counts: &counts, c, log)
                }
                try await c.query("COMMIT", logger: log)
                return counts
            } catch {
                _ = try? await c.query("ROLLBACK", logger: log)
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

    private func record(_ output: ExtractOutput, matcher: StoryMatching, now: Date, counts: inout (newStories: Int, joined: Int),
                        _ c: PostgresConnection, _ log: Logger) async throws {
        var row: (String, Int64?, String)?
        for try await found in try await c.query("SELECT feed_id, story_id, item_key FROM items WHERE id = \(output.itemID)",
                                                 logger: log).decode((String, Int64?, String).self) { row = found }
        guard let (feedID, existingStory, itemKey) = row else { return }
        var tier: Int?
        for try await t in try await c.query("SELECT tier FROM feeds WHERE id = \(feedID)", logger: log).decode(Int.self) { tier = t }
        var storyID = existingStory
        if storyID == nil {
            let candidates = try await storyCandidates(matcher.query(for: output, now: now), c, log)
            storyID = matcher.choose(for: output, among: candidates, now: now)
            if storyID == nil {
                let started = output.published ?? now
                for try await id in try await c.query("""
                    INSERT INTO stories (simhash, title_key, first_item, first_published, created_at)
                    VALUES (\(Int64(bitPattern: output.simhash)), \(output.titleKey), \(output.itemID), \(started), \(now)) RETURNING id
                    """, logger: log).decode(Int64.self) { storyID = id }
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
            try await Self.appendAudit(SignalAuditJSON(feed: feedID, item: itemKey, story: story, seq: seq, signal: signal), at: now, c, log)
        }
        try await c.query("""
            UPDATE items SET extract_state = 'done', story_id = \(story), vendors = \(try JSONWriter.string(output.extraction.vendors)),
                products = \(try JSONWriter.string(output.extraction.products))
            WHERE id = \(output.itemID)
            """, logger: log)
    }

    /// Stories the query asks for, each once: by headline, and by start and SimHash distance.
    private func storyCandidates(_ query: StoryQuery, _ c: PostgresConnection, _ log: Logger) async throws -> [StoryCandidate] {
        var found: [StoryCandidate] = []
        var seen: Set<Int64> = []
        let titleKey = query.titleKey ?? ""
        for try await (id, simhash, key, first) in try await c.query("""
            SELECT id, simhash, title_key, first_published FROM stories
            WHERE (\(query.titleKey != nil) AND title_key = \(titleKey))
               OR (first_published BETWEEN \(query.from) AND \(query.to)
                   AND bit_count((simhash # \(Int64(bitPattern: query.simhash)))::bit(64)) <= \(query.maxDistance))
            ORDER BY id
            """, logger: log).decode((Int64, Int64, String, Date).self) where seen.insert(id).inserted {
            found.append(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: key, firstPublished: first))
        }
        return found
    }
}
