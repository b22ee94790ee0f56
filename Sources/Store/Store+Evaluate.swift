import Core
import Foundation
import GRDB
import Wire

extension Store: EvaluateStore {
    public func evaluate(roadmap: [Milestone], now: Date,
                         _ body: (EvaluationInput) throws -> EvaluationResult) throws -> EvaluationResult {
        defer { writeAuditHead() }
        return try pool.write { db in
            // Rows of milestones no longer in the roadmap are kept, hidden; writing the
            // result shows the listed ones again.
            try db.execute(sql: "UPDATE milestones SET in_roadmap = 0")
            let statuses = try roadmap.compactMap { try status(of: $0, db: db) }
            var signals = try Row.fetchAll(db, sql: """
                \(Self.signalRows)
                WHERE \(Queues.evaluate.isWaiting(alias: "s")) AND (s.published IS NULL OR s.published <= ?)
                ORDER BY COALESCE(s.published, s.created_at), s.id
                """, arguments: [now]).map(Self.signalRecord)
            let keys = try Self.fixStoryKeys(Set(signals.map(\.storyID)), db: db)
            for index in signals.indices {
                if let key = keys[signals[index].storyID] { signals[index].storyKey = key }
            }
            var alerts: [String: StoredAlert] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, fingerprint, body, last_queued, silenced_by FROM alerts") {
                alerts[row["fingerprint"]] = StoredAlert(id: row["id"], alert: try Self.decode(Alert.self, row["body"]),
                                                         lastQueued: row["last_queued"], silencedBy: row["silenced_by"])
            }
            let result = try body(EvaluationInput(statuses: statuses, signals: signals, alerts: alerts))
            try write(result, stored: alerts, now: now, db: db)
            return result
        }
    }

    /// What the store remembers of a roadmap milestone; nil when it was never evaluated.
    private func status(of milestone: Milestone, db: Database) throws -> MilestoneStatus? {
        var status = MilestoneStatus(milestone: milestone)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM milestones WHERE id = ?", arguments: [milestone.id]) else {
            return nil
        }
        status.watchedSince = row["watched_since"]
        status.state = MilestoneState(rawValue: row["state"]) ?? .pending
        status.window = DateWindow(row["current_window"] as String) ?? milestone.window
        status.observed = (row["observed"] as String?).flatMap(DateWindow.init).map(\.start)
        status.daysLate = row["days_late"]
        status.evidence = try Self.decode([EvidenceSnapshot].self, row["evidence"])
        status.conflicts = try Self.decode([EvidenceSnapshot].self, row["conflicts"])
        return status
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

    private func write(_ result: EvaluationResult, stored: [String: StoredAlert], now: Date, db: Database) throws {
        for status in result.statuses {
            let m = status.milestone
            try db.execute(sql: """
                INSERT INTO milestones (id, vendor, product, event, promised_window, grace_days, source_url, source_date,
                    state, current_window, observed, days_late, evidence, conflicts, in_roadmap, watched_since, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, product = excluded.product, event = excluded.event,
                    promised_window = excluded.promised_window, grace_days = excluded.grace_days,
                    source_url = excluded.source_url, source_date = excluded.source_date, state = excluded.state,
                    current_window = excluded.current_window, observed = excluded.observed, days_late = excluded.days_late,
                    evidence = excluded.evidence, conflicts = excluded.conflicts, in_roadmap = 1,
                    updated_at = excluded.updated_at
                """, arguments: [m.id, m.vendor, m.product, m.event.rawValue, m.window.description, m.graceDays, m.sourceURL,
                                 m.sourceDate?.description, status.state.rawValue, status.window.description,
                                 status.observed?.description, status.daysLate, try Self.encode(status.evidence),
                                 try Self.encode(status.conflicts), status.watchedSince ?? now, now])
        }
        for t in result.transitions {
            try db.execute(sql: """
                INSERT INTO milestone_history (milestone_id, at, from_state, to_state, window_before, window_after, observed,
                    days_late, evidence, note, unwatched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [t.milestoneID, now, t.from.rawValue, t.to.rawValue, t.windowBefore.description,
                                 t.windowAfter.description, t.observed?.description, t.daysLate, try Self.encode(t.evidence), t.note,
                                 t.unwatched])
            try AuditLog.append(db, TransitionAuditJSON(t), at: now)
        }
        for change in result.alerts {
            let alert = change.alert
            let body = try Self.encode(alert)
            let queued: Date? = change.notice != nil ? now : stored[alert.fingerprint]?.lastQueued
            try db.execute(sql: """
                INSERT INTO alerts (fingerprint, body, kind, rule, milestone_id, vendor, severity, status, first_fired, fired_at,
                    resolved_at, last_queued, silenced_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fingerprint) DO UPDATE SET body = excluded.body, severity = excluded.severity,
                    status = excluded.status, fired_at = excluded.fired_at, resolved_at = excluded.resolved_at,
                    last_queued = excluded.last_queued, silenced_by = excluded.silenced_by, updated_at = excluded.updated_at
                """, arguments: [alert.fingerprint, body, alert.kind.rawValue, alert.rule, alert.milestone, alert.vendor,
                                 alert.severity.rawValue, alert.status.rawValue, alert.firedAt, alert.firedAt,
                                 alert.status == .resolved ? now : nil, queued, change.silencedBy, now])
            try AuditLog.append(db, AlertAuditJSON(change), at: now)
            if let notice = change.notice {
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM alerts WHERE fingerprint = ?", arguments: [alert.fingerprint])
                try db.execute(sql: "INSERT INTO outbox (alert_id, notice, created_at, payload) VALUES (?, ?, ?, ?)",
                               arguments: [id, notice.rawValue, now, body])
            }
        }
        for id in result.evaluatedSignals {
            try Queues.evaluate.complete(db, id, as: .done)
        }
    }
}
