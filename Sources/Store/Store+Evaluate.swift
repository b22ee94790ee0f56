import Core
import Foundation
import GRDB
import StoreRows
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
            // A milestone is read with evidence only when a new signal names its product: without
            // one it can move only with the clock, which reads none (its row is then updated
            // without its conflicts). The machine is given only the claims that can still move
            // it (its own event, cancel and slip; none once it is final): the rest of the
            // evidence is only ever appended to (`Store.append`), never read back here.
            let named = Set(signals.compactMap(\.signal.product))
            var withoutConflicts = Set<String>()
            var given: [String: Int] = [:]
            let statuses = try roadmap.compactMap { m -> MilestoneStatus? in
                guard let row = rows[m.id] else { return nil }
                guard named.contains(m.product) else {
                    withoutConflicts.insert(m.id)
                    return try row.status(of: m, withConflicts: false)
                }
                var status = try row.status(of: m)
                if !status.state.isFinal {
                    status.evidence = try Self.evidence(db, milestone: m.id, events: [m.event, .cancel, .slip])
                }
                given[m.id] = status.evidence.count
                return status
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
            }, withoutConflicts: withoutConflicts, given: given, now: now, db: db)
            return result
        }
    }

    static let signalRows = SignalRow.withItem

    static func signalRecord(_ row: Row) throws -> SignalRecord {
        try SignalRow(row: row).record(sourceTier: row["source_tier"], title: row["item_title"], url: row["item_link"])
    }

    /// Writes what evaluation decided. A milestone whose status and promise did not change is
    /// not written again; of its evidence, only what the machine added to the `given` claims.
    private func write(_ result: EvaluationResult, unchanged: (MilestoneStatus) -> Bool, withoutConflicts: Set<String>,
                       given: [String: Int], now: Date, db: Database) throws {
        for status in result.statuses where !unchanged(status) {
            let row = try MilestoneRow(status, at: now)
            let id = status.milestone.id
            if withoutConflicts.contains(id) {
                try row.update(db, columns: MilestoneRow.columnsBesideConflicts)
            } else {
                try row.upsert(db)
            }
            try Self.append(db, evidence: status.evidence.dropFirst(given[id] ?? 0), milestone: id)
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
