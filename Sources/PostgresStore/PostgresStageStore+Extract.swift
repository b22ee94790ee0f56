import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows
import Wire

/// The extract stage on PostgreSQL. A batch of items is claimed with `FOR UPDATE SKIP LOCKED`;
/// its output (stories, signals, audit entries) is written in the claim's transaction. Story
/// choice and the audit chain must see every earlier writer's rows, so those writes run under a
/// transaction-level advisory lock, one process at a time; the lock is held for a few statements
/// a batch (not a few per item), so extraction itself and what only this batch decides (its
/// items' rows, their old signals) run in parallel across processes.
extension PostgresStageStore: ExtractStore {
    /// A batch read is claimed (locked) until it is recorded: one batch at a time.
    public var readsAhead: Bool { false }

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
                // Before the lock, what this transaction alone decides: its locked items' rows and old signals.
                let facts = try await Self.itemFacts(ids.filter(claimed.contains), c, log)
                let work = outputs.filter { facts[$0.itemID] != nil }
                try await c.query("DELETE FROM signals WHERE item_id = ANY(\(work.map(\.itemID)))", logger: log)

                try await c.query("SELECT pg_advisory_xact_lock(\(Self.auditLock))", logger: log)
                // Under the lock every earlier writer's stories are committed: the index reads them.
                var index = self.withStoryIndex { $0 }
                if let days = StoryIndex.days(work.map { matcher.query(for: $0, now: now) }) {
                    try await Self.refresh(&index, days: days, c, log)
                }
                let (stories, counts) = try await Self.chooseStories(work, facts: facts, matcher: matcher, now: now, index: &index, c, log)
                try await Self.write(work, facts: facts, stories: stories, now: now, c, log)
                try await c.query("COMMIT", logger: log)
                self.withStoryIndex { $0 = index }
                return counts
            } catch {
                await c.rollback(log, after: error)
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

    /// What an item's signals copy from its row and its feed.
    private struct ItemFacts: Sendable {
        var feedID: String
        var story: Int64?
        var itemKey: String
        var tier: Int?
    }

    private static func itemFacts(_ ids: [Int64], _ c: PostgresConnection, _ log: Logger) async throws -> [Int64: ItemFacts] {
        var facts: [Int64: ItemFacts] = [:]
        for try await (id, feedID, story, itemKey, tier) in try await c.query("""
            SELECT i.id, i.feed_id, i.story_id, i.item_key, f.tier FROM items i LEFT JOIN feeds f ON f.id = i.feed_id
            WHERE i.id = ANY(\(ids))
            """, logger: log).decode((Int64, String, Int64?, String, Int?).self) {
            facts[id] = ItemFacts(feedID: feedID, story: story, itemKey: itemKey, tier: tier)
        }
        return facts
    }

    /// Each item's story: the one it has, else the one the matcher chooses among the stored
    /// stories (by headline in one query for the batch, by start and SimHash through the index)
    /// and the batch's own new stories, else a new story. New stories carry provisional ids
    /// above every stored one, in the order they began (the matcher prefers the oldest id, as
    /// it would the ids the table gives them in that order), until one statement inserts them.
    private static func chooseStories(_ work: [ExtractOutput], facts: [Int64: ItemFacts], matcher: StoryMatching, now: Date,
                                      index: inout StoryIndex, _ c: PostgresConnection,
                                      _ log: Logger) async throws -> (stories: [Int64: Int64], counts: (newStories: Int, joined: Int)) {
        var stories: [Int64: Int64] = [:]
        var queries: [Int64: StoryQuery] = [:]
        for output in work {
            if let story = facts[output.itemID]?.story { stories[output.itemID] = story } else {
                queries[output.itemID] = matcher.query(for: output, now: now)
            }
        }
        var byTitle: [String: [StoryCandidate]] = [:]
        let titles = Array(Set(queries.values.compactMap(\.titleKey)))
        if !titles.isEmpty {
            for try await (id, simhash, key, first) in try await c.query("""
                SELECT id, simhash, title_key, first_published FROM stories WHERE title_key = ANY(\(titles))
                """, logger: log).decode((Int64, Int64, String, Date).self) {
                byTitle[key, default: []].append(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: key, firstPublished: first))
            }
        }
        let provisional = Int64.max / 2
        var fresh: [(story: StoryCandidate, firstItem: Int64)] = []
        var counts = (newStories: 0, joined: 0)
        for output in work {
            guard let query = queries[output.itemID] else { continue }
            var candidates = query.titleKey.flatMap { byTitle[$0] } ?? []
            let seen = Set(candidates.map(\.id))
            candidates += index.near(query).filter { !seen.contains($0.id) } + fresh.map(\.story)
            if let chosen = matcher.choose(for: output, among: candidates, now: now) {
                stories[output.itemID] = chosen
                counts.joined += 1
            } else {
                let story = StoryCandidate(id: provisional + Int64(fresh.count), simhash: output.simhash, titleKey: output.titleKey,
                                           firstPublished: output.published ?? now)
                fresh.append((story, output.itemID))
                stories[output.itemID] = story.id
                counts.newStories += 1
            }
        }
        guard !fresh.isEmpty else { return (stories, counts) }
        let rows = fresh.map { StoryRow(simhash: Int64(bitPattern: $0.story.simhash), titleKey: $0.story.titleKey,
                                        firstItem: $0.firstItem, firstPublished: $0.story.firstPublished, createdAt: now) }
        var real: [Int64: Int64] = [:]   // first item -> id
        for query in try PostgresRowCoding.insert(rows: rows, into: "stories", returning: "id, first_item") {
            for try await (id, firstItem) in try await c.query(query, logger: log).decode((Int64, Int64).self) { real[firstItem] = id }
        }
        for (story, firstItem) in fresh {
            guard let id = real[firstItem] else { throw PostgresStoreError(.schema, "stories: no id returned for item \(firstItem)") }
            index.add(StoryCandidate(id: id, simhash: story.simhash, titleKey: story.titleKey, firstPublished: story.firstPublished))
        }
        for (item, id) in stories where id >= provisional { stories[item] = real[fresh[Int(id - provisional)].firstItem] }
        return (stories, counts)
    }

    /// The batch's signals and their audit entries (each in as few statements as the bind
    /// limit allows) and its items marked done with their story, in item order.
    private static func write(_ work: [ExtractOutput], facts: [Int64: ItemFacts], stories: [Int64: Int64], now: Date,
                              _ c: PostgresConnection, _ log: Logger) async throws {
        var signals: [SignalRow] = []
        var entries: [SignalAuditJSON] = []
        var done = (ids: [Int64](), stories: [Int64](), vendors: [String](), products: [String]())
        for output in work {
            guard let fact = facts[output.itemID], let story = stories[output.itemID] else { continue }
            for (seq, signal) in output.extraction.signals.enumerated() {
                signals.append(try SignalRow(signal, itemID: output.itemID, storyID: story, feedID: fact.feedID, tier: fact.tier,
                                             seq: seq, published: output.published, at: now))
                entries.append(SignalAuditJSON(feed: fact.feedID, item: fact.itemKey, story: story, seq: seq, signal: signal))
            }
            done.ids.append(output.itemID)
            done.stories.append(story)
            done.vendors.append(try RowJSON.encode(output.extraction.vendors))
            done.products.append(try RowJSON.encode(output.extraction.products))
        }
        for query in try PostgresRowCoding.insert(rows: signals, into: "signals", skipping: ["id"]) { try await c.query(query, logger: log) }
        var tail = try await auditTail(c, log)
        try await appendAudit(entries, at: now, after: &tail, c, log)
        try await c.query("""
            UPDATE items AS i SET extract_state = 'done', story_id = v.story, vendors = v.vendors, products = v.products
            FROM UNNEST(\(done.ids)::bigint[], \(done.stories)::bigint[], \(done.vendors)::text[], \(done.products)::text[])
                AS v(id, story, vendors, products)
            WHERE i.id = v.id
            """, logger: log)
    }

    /// One new row of `stories`.
    private struct StoryRow: Encodable {
        var simhash: Int64
        var titleKey: String
        var firstItem: Int64
        var firstPublished: Date
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case simhash
            case titleKey = "title_key", firstItem = "first_item", firstPublished = "first_published", createdAt = "created_at"
        }
    }

    /// Reads what lookups over `days` need (`StoryIndex.reading`): the stories added since the
    /// index last looked, and those of the days it does not hold yet.
    private static func refresh(_ index: inout StoryIndex, days: ClosedRange<Int>, _ c: PostgresConnection, _ log: Logger) async throws {
        var top: Int64 = 0
        for try await id in try await c.query("SELECT MAX(id) FROM stories", logger: log).decode(Int64?.self) { top = id ?? 0 }
        if top < index.lastID { index.reset() }
        let plan = index.reading(days: days, top: top)
        for try await (id, simhash, first) in try await c.query("""
            SELECT id, simhash, first_published FROM stories WHERE id > \(plan.since) AND id <= \(top)
            """, logger: log).decode((Int64, Int64, Date).self) {
            index.add(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: "", firstPublished: first), reading: days)
        }
        for gap in plan.gaps {
            for try await (id, simhash, first) in try await c.query("""
                SELECT id, simhash, first_published FROM stories
                WHERE first_published >= \(gap.lowerBound) AND first_published < \(gap.upperBound) AND id <= \(plan.upTo)
                """, logger: log).decode((Int64, Int64, Date).self) {
                index.add(StoryCandidate(id: id, simhash: UInt64(bitPattern: simhash), titleKey: "", firstPublished: first))
            }
        }
        index.read(days: days, top: top)
    }
}
