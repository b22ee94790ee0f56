import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows
import Wire

/// The evaluate stage on PostgreSQL: the same reads and writes as on SQLite (`Store.evaluate`),
/// in one transaction. It holds the audit lock from its first statement: it appends to the
/// chain, and an extract writing signals meanwhile would otherwise wait on rows this
/// transaction updates while holding the lock this one needs next (a deadlock). Only one
/// process evaluates at a time (`Singleton.evaluate`, taken by the command).
extension PostgresStageStore: EvaluateStore {
    /// What an evaluation reads, before the rules run.
    private struct Reading: Sendable {
        var rows: [String: MilestoneRow] = [:]
        var statuses: [MilestoneStatus] = []
        var signals: [SignalRecord] = []
        var alerts: [String: StoredAlert] = [:]
        var withoutConflicts: Set<String> = []
        var given: [String: Int] = [:]
    }

    public func evaluate(roadmap: [Milestone], now: Date,
                         _ body: (EvaluationInput, AlertLookup) throws -> EvaluationResult) throws -> EvaluationResult {
        try releaseClaim()
        let reading = try withConnection { c, log -> Reading in
            try await c.query("BEGIN", logger: log)
            do {
                return try await Self.read(roadmap: roadmap, now: now, c, log)
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
        let result: EvaluationResult
        do {
            let lookup = AlertLookup { fingerprint in
                try self.withConnection { c, log in
                    try await Self.alerts(PostgresQuery(unsafeSQL: "SELECT * FROM alerts WHERE fingerprint = $1", binds: try Self.binds(fingerprint)),
                                          c, log).first?.value
                }
            }
            result = try body(EvaluationInput(statuses: reading.statuses, signals: reading.signals, alerts: reading.alerts), lookup)
        } catch {
            _ = try? withConnection { c, log in await c.rollback(log, after: error); return true }
            throw error
        }
        // A milestone whose status and promise did not change is not written again.
        let before = Dictionary(reading.statuses.map { ($0.milestone.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unchanged = Set(result.statuses.filter { status in
            reading.rows[status.milestone.id].map { $0.inRoadmap && $0.promises(status.milestone) } == true
                && before[status.milestone.id] == status
        }.map(\.milestone.id))
        try withConnection { c, log in
            do {
                try await Self.write(result, unchanged: unchanged, reading: reading, now: now, c, log)
                try await c.query("COMMIT", logger: log)
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
        return result
    }

    private static func read(roadmap: [Milestone], now: Date, _ c: PostgresConnection, _ log: Logger) async throws -> Reading {
        try await c.query("SELECT pg_advisory_xact_lock(\(auditLock))", logger: log)
        // Rows of milestones no longer in the roadmap are kept, hidden; writing the result shows a listed one again.
        let listed = roadmap.map(\.id)
        try await c.query("UPDATE milestones SET in_roadmap = 0 WHERE in_roadmap = 1 AND NOT (id = ANY(\(listed)))", logger: log)
        var reading = Reading()
        for try await row in try await c.query("""
            \(unescaped: SignalRow.withItem)
            WHERE s.evaluate_state = \(EvaluateState.new.rawValue) AND (s.published IS NULL OR s.published <= \(now))
            ORDER BY COALESCE(s.published, s.created_at), s.id
            """, logger: log) {
            let random = row.makeRandomAccess()
            reading.signals.append(try PostgresRowCoding.decode(SignalRow.self, from: row).record(
                sourceTier: Int(try random["source_tier"].decode(Int64.self)), title: try random["item_title"].decode(String.self),
                url: try random["item_link"].decode(String.self)))
        }
        for try await row in try await c.query("SELECT * FROM milestones WHERE id = ANY(\(listed))", logger: log) {
            let milestone = try PostgresRowCoding.decode(MilestoneRow.self, from: row)
            reading.rows[milestone.id] = milestone
        }
        // As on SQLite: evidence is read only for milestones a new signal names, and only the
        // claims that can still move them; the others can move only with the clock.
        let named = Set(reading.signals.compactMap(\.signal.product))
        for m in roadmap {
            guard let row = reading.rows[m.id] else { continue }
            guard named.contains(m.product) else {
                reading.withoutConflicts.insert(m.id)
                reading.statuses.append(try row.status(of: m, withConflicts: false))
                continue
            }
            var status = try row.status(of: m)
            if !status.state.isFinal {
                status.evidence = try await evidence(milestone: m.id, events: [m.event, .cancel, .slip], c, log)
            }
            reading.given[m.id] = status.evidence.count
            reading.statuses.append(status)
        }
        let keys = try await fixStoryKeys(Set(reading.signals.map(\.storyID)), c, log)
        for index in reading.signals.indices {
            if let key = keys[reading.signals[index].storyID] { reading.signals[index].storyKey = key }
        }
        reading.alerts = try await alerts("SELECT * FROM alerts WHERE kind = 'state' AND status = 'firing'", c, log)
        return reading
    }

    private static func write(_ result: EvaluationResult, unchanged: Set<String>, reading: Reading, now: Date,
                              _ c: PostgresConnection, _ log: Logger) async throws {
        var tail = try await auditTail(c, log)
        for status in result.statuses where !unchanged.contains(status.milestone.id) {
            let row = try MilestoneRow(status, at: now)
            let id = status.milestone.id
            if reading.withoutConflicts.contains(id) {
                try await c.query(try PostgresRowCoding.update(row, table: "milestones", key: "id", skipping: ["conflicts"]), logger: log)
            } else {
                try await c.query(try PostgresRowCoding.insert(row, into: "milestones", conflict: ["id"]), logger: log)
            }
            try await append(evidence: status.evidence.dropFirst(reading.given[id] ?? 0), milestone: id, c, log)
        }
        for t in result.transitions {
            try await c.query(try PostgresRowCoding.insert(try TransitionRow(t, at: now), into: "milestone_history", skipping: ["id"]),
                              logger: log)
            try await appendAudit(TransitionAuditJSON(t), at: now, after: &tail, c, log)
        }
        for change in result.alerts {
            // Queued now when it has a notice; else it keeps when it was last queued. It keeps when it first fired.
            let row = try AlertRow(change, lastQueued: change.notice != nil ? now : nil, at: now)
            let upsert = try PostgresRowCoding.insert(row, into: "alerts", skipping: ["id"], conflict: ["fingerprint"],
                                                      keeping: change.notice == nil ? ["first_fired", "last_queued"] : ["first_fired"],
                                                      returning: "id")
            var alertID: Int64 = 0
            for try await id in try await c.query(upsert, logger: log).decode(Int64.self) { alertID = id }
            try await appendAudit(AlertAuditJSON(change), at: now, after: &tail, c, log)
            if let notice = change.notice {
                try await c.query("""
                    INSERT INTO outbox (alert_id, notice, created_at, payload) VALUES (\(alertID), \(notice.rawValue), \(now), \(row.body))
                    """, logger: log)
            }
        }
        if !result.evaluatedSignals.isEmpty {
            try await c.query("""
                UPDATE signals SET evaluate_state = \(EvaluateState.done.rawValue) WHERE id = ANY(\(result.evaluatedSignals))
                """, logger: log)
        }
    }

    /// The most recently changed alerts, newest first (the Atom feed of alerts).
    public func recentAlertViews(limit: Int) throws -> [AlertView] {
        try withConnection { c, log in
            var views: [AlertView] = []
            for try await row in try await c.query("SELECT * FROM alerts ORDER BY updated_at DESC, id DESC LIMIT \(limit)", logger: log) {
                views.append(try PostgresRowCoding.decode(AlertRow.self, from: row).view())
            }
            return views
        }
    }

    /// Stored alerts a query selects (`SELECT * FROM alerts …`), by fingerprint.
    static func alerts(_ query: PostgresQuery, _ c: PostgresConnection, _ log: Logger) async throws -> [String: StoredAlert] {
        var found: [String: StoredAlert] = [:]
        for try await row in try await c.query(query, logger: log) {
            let stored = try PostgresRowCoding.decode(AlertRow.self, from: row)
            found[stored.fingerprint] = StoredAlert(id: stored.id ?? 0, alert: try RowJSON.decode(Alert.self, stored.body),
                                                    lastQueued: stored.lastQueued, silencedBy: stored.silencedBy)
        }
        return found
    }

    static func binds(_ values: String...) throws -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }

    /// `milestone`'s evidence in order of arrival, of `events` only (see `Store.evidence`).
    private static func evidence(milestone: String, events: [EventKind], _ c: PostgresConnection,
                                 _ log: Logger) async throws -> [EvidenceSnapshot] {
        var list: [EvidenceSnapshot] = []
        for try await body in try await c.query("""
            SELECT body FROM milestone_evidence WHERE milestone_id = \(milestone) AND event = ANY(\(events.map(\.rawValue))) ORDER BY seq
            """, logger: log).decode(String.self) {
            list.append(try RowJSON.decode(EvidenceSnapshot.self, body))
        }
        return list
    }

    /// Adds `snapshots` after `milestone`'s evidence; one already held for the same item and event is not added again.
    private static func append(evidence snapshots: some Sequence<EvidenceSnapshot>, milestone: String, _ c: PostgresConnection,
                               _ log: Logger) async throws {
        var next: Int64 = 0
        for try await n in try await c.query("""
            SELECT COALESCE(MAX(seq) + 1, 0) FROM milestone_evidence WHERE milestone_id = \(milestone)
            """, logger: log).decode(Int64.self) { next = n }
        for snapshot in snapshots {
            var added = false
            for try await _ in try await c.query("""
                INSERT INTO milestone_evidence (milestone_id, seq, item_id, event, modality, body)
                VALUES (\(milestone), \(next), \(snapshot.itemID), \(snapshot.event.rawValue), \(snapshot.modality.rawValue),
                    \(try RowJSON.encode(snapshot)))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: log) { added = true }
            if added { next += 1 }
        }
    }

    /// The key of each story in `ids`, choosing and storing it where there is none yet (see `Store.fixStoryKeys`).
    private static func fixStoryKeys(_ ids: Set<Int64>, _ c: PostgresConnection, _ log: Logger) async throws -> [Int64: String] {
        var keys: [Int64: String] = [:]
        for id in ids.sorted() {
            for try await key in try await c.query("SELECT story_key FROM stories WHERE id = \(id)", logger: log).decode(String?.self) {
                keys[id] = key
            }
            if keys[id] != nil { continue }
            var candidates: [StoryKey.Candidate] = []
            for try await (feed, item, published) in try await c.query("""
                SELECT feed_id, item_key, published FROM items WHERE story_id = \(id)
                """, logger: log).decode((String, String, Date?).self) {
                candidates.append(StoryKey.Candidate(feedID: feed, itemKey: item, published: published))
            }
            guard let key = StoryKey.choose(candidates) else { continue }
            try await c.query("UPDATE stories SET story_key = \(key) WHERE id = \(id)", logger: log)
            keys[id] = key
        }
        return keys
    }
}
