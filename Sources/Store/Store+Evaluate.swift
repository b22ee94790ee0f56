import Core
import Foundation
import GRDB
import Wire

extension Store: EvaluateStore {
    public func evaluate(roadmap: [Milestone], now: Date,
                         _ body: (EvaluationInput, AlertLookup) throws -> EvaluationResult) throws -> EvaluationResult {
        defer { writeAuditHead() }
        return try pool.write { db in
            // Rows of milestones no longer in the roadmap are kept, hidden; writing the
            // result shows a listed one again.
            let listed = roadmap.map(\.id)
            try db.execute(sql: "UPDATE milestones SET in_roadmap = 0 WHERE in_roadmap AND id NOT IN (\(databaseQuestionMarks(count: listed.count)))",
                           arguments: StatementArguments(listed))
            var signals = try Row.fetchAll(db, sql: """
                \(Self.signalRows)
                WHERE \(Queues.evaluate.isWaiting(alias: "s")) AND (s.published IS NULL OR s.published <= ?)
                ORDER BY COALESCE(s.published, s.created_at), s.id
                """, arguments: [now]).map(Self.signalRecord)
            var rows: [String: MilestoneRow] = [:]
            for id in listed { rows[id] = try MilestoneRow.fetchOne(db, key: id) }
            // A milestone's evidence (every claim about it so far) is read only when a new signal
            // names its product: without one it can move only with the clock, which reads none.
            // Its row is then updated without the evidence columns.
            let named = Set(signals.compactMap(\.signal.product))
            var withoutEvidence = Set<String>()
            let statuses = try roadmap.compactMap { m -> MilestoneStatus? in
                guard let row = rows[m.id] else { return nil }
                if named.contains(m.product) { return try row.status(of: m) }
                withoutEvidence.insert(m.id)
                return try row.status(of: m, withEvidence: false)
            }
            let keys = try Self.fixStoryKeys(Set(signals.map(\.storyID)), db: db)
            for index in signals.indices {
                if let key = keys[signals[index].storyID] { signals[index].storyKey = key }
            }
            func stored(_ row: Row) throws -> StoredAlert {
                StoredAlert(id: row["id"], alert: try Self.decode(Alert.self, row["body"]), lastQueued: row["last_queued"],
                            silencedBy: row["silenced_by"])
            }
            var alerts: [String: StoredAlert] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, fingerprint, body, last_queued, silenced_by FROM alerts WHERE kind = 'state' AND status = 'firing'
                """) {
                alerts[row["fingerprint"]] = try stored(row)
            }
            let lookup = AlertLookup { fingerprint in
                try Row.fetchOne(db, sql: "SELECT id, fingerprint, body, last_queued, silenced_by FROM alerts WHERE fingerprint = ?",
                                 arguments: [fingerprint]).map(stored)
            }
            let result = try body(EvaluationInput(statuses: statuses, signals: signals, alerts: alerts), lookup)
            let before = Dictionary(statuses.map { ($0.milestone.id, $0) }, uniquingKeysWith: { first, _ in first })
            try write(result, unchanged: { status in
                rows[status.milestone.id].map { $0.inRoadmap && $0.promises(status.milestone) } == true
                    && before[status.milestone.id] == status
            }, withoutEvidence: withoutEvidence, now: now, db: db)
            return result
        }
    }

    /// Signal rows with their item's title and link and the tier of their source: the one
    /// copied at extraction, else (signals extracted before tiers were stored) the feed's,
    /// else an aggregator's.
    static let signalRows = """
        SELECT s.*, COALESCE(s.tier, f.tier, 3) AS source_tier, i.title AS item_title, i.link AS item_link
        FROM signals s JOIN items i ON i.id = s.item_id LEFT JOIN feeds f ON f.id = s.feed_id
        """

    static func signalRecord(_ row: Row) throws -> SignalRecord {
        let stored = try SignalRow(row: row)
        return SignalRecord(id: stored.id ?? 0, itemID: stored.itemID, storyID: stored.storyID, feedID: stored.feedID,
                            tier: SourceTier(rawValue: row["source_tier"]) ?? .aggregator, published: stored.published,
                            title: row["item_title"], url: row["item_link"], signal: try stored.signal())
    }

    /// Writes what evaluation decided. A milestone whose status and promise did not change is
    /// not written again: its row carries every piece of evidence so far and grows with history.
    private func write(_ result: EvaluationResult, unchanged: (MilestoneStatus) -> Bool, withoutEvidence: Set<String>,
                       now: Date, db: Database) throws {
        for status in result.statuses where !unchanged(status) {
            let row = try MilestoneRow(status, at: now)
            if withoutEvidence.contains(status.milestone.id) {
                try row.update(db, columns: MilestoneRow.columnsBesideEvidence)
            } else {
                try row.upsert(db)
            }
        }
        for t in result.transitions {
            try TransitionRow(t, at: now).insert(db)
            try AuditLog.append(db, TransitionAuditJSON(t), at: now)
        }
        for change in result.alerts {
            // Queued now when it has a notice; else it keeps when it was last queued.
            var row = try AlertRow(change, lastQueued: change.notice != nil ? now : nil, at: now)
            let id = try row.save(db, keepingLastQueued: change.notice == nil)
            try AuditLog.append(db, AlertAuditJSON(change), at: now)
            if let notice = change.notice {
                try db.execute(sql: "INSERT INTO outbox (alert_id, notice, created_at, payload) VALUES (?, ?, ?, ?)",
                               arguments: [id, notice.rawValue, now, row.body])
            }
        }
        for id in result.evaluatedSignals {
            try Queues.evaluate.complete(db, id, as: .done)
        }
    }
}
