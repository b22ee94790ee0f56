import Core
import Foundation
import GRDB

/// A milestone's evidence, one row per claim in `milestone_evidence` (schema v16): appended as
/// it comes, never rewritten, read whole only by the review side.
extension Store {
    /// `milestone`'s evidence in order of arrival; only claims of `events` when given.
    static func evidence(_ db: Database, milestone: String, events: [EventKind]? = nil) throws -> [EvidenceSnapshot] {
        var sql = "SELECT body FROM milestone_evidence WHERE milestone_id = ?"
        var arguments: StatementArguments = [milestone]
        if let events {
            sql += " AND event IN (\(databaseQuestionMarks(count: events.count)))"
            arguments += StatementArguments(events.map(\.rawValue))
        }
        var list: [EvidenceSnapshot] = []
        let rows = try String.fetchCursor(db, sql: sql + " ORDER BY seq", arguments: arguments)
        while let body = try rows.next() { list.append(try decode(EvidenceSnapshot.self, body)) }
        return list
    }

    /// What a board shows of `milestone`'s evidence (`MilestoneView.summarisingEvidence`), read
    /// in SQL without decoding the list: the newest claim that states an event and the newest
    /// of all (the first of equals; undated as oldest), in order of arrival, and how many there
    /// are; with `until`, of the evidence published by then.
    static func evidenceSummary(_ db: Database, milestone: String, until: Date?) throws -> (shown: [EvidenceSnapshot], count: Int) {
        // Snapshots keep their date as ISO 8601 text in whole seconds, so text order is time order.
        let published = "json_extract(body, '$.published')"
        var condition = "milestone_id = ?"
        var arguments: StatementArguments = [milestone]
        if let until {
            condition += " AND \(published) IS NOT NULL AND \(published) <= ?"
            arguments += [Timestamp.format(until)]
        }
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM milestone_evidence WHERE \(condition)", arguments: arguments) ?? 0
        // In two steps, each served by the `milestone_evidence_by_time` index (v18): the newest
        // date, then the first claim of that date. One `ORDER BY date DESC, seq` mixes
        // directions, which no index serves: it sorted every claim (0.25 s at 500k signals).
        func newest(_ extra: String) throws -> Int? {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(published) AS published FROM milestone_evidence WHERE \(condition)\(extra) ORDER BY \(published) DESC LIMIT 1
                """, arguments: arguments) else { return nil }
            // INDEXED BY: without statistics the planner takes the primary key (it gives seq's
            // order) and reads claims until the date matches.
            let date: String? = row["published"]
            return try Int.fetchOne(db, sql: """
                SELECT seq FROM milestone_evidence INDEXED BY milestone_evidence_by_time
                WHERE \(condition)\(extra) AND \(published) \(date == nil ? "IS NULL" : "= ?") ORDER BY seq LIMIT 1
                """, arguments: arguments + (date.map { [$0] } ?? []))
        }
        let shown = Set([try newest(" AND modality NOT IN ('denied', 'recap')"), try newest("")].compactMap { $0 }).sorted()
        let bodies = try shown.map { seq in
            try String.fetchOne(db, sql: "SELECT body FROM milestone_evidence WHERE milestone_id = ? AND seq = ?", arguments: [milestone, seq]) ?? ""
        }
        return (try bodies.map { try decode(EvidenceSnapshot.self, $0) }, count)
    }

    /// Adds `snapshots` after `milestone`'s evidence; one already held for the same item and
    /// event is not added again (the machine saw only part of the list).
    static func append(_ db: Database, evidence snapshots: some Sequence<EvidenceSnapshot>, milestone: String) throws {
        var next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM milestone_evidence WHERE milestone_id = ?",
                                    arguments: [milestone]) ?? 0
        for snapshot in snapshots {
            try db.execute(sql: """
                INSERT OR IGNORE INTO milestone_evidence (milestone_id, seq, item_id, event, modality, body) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [milestone, next, snapshot.itemID, snapshot.event.rawValue, snapshot.modality.rawValue,
                                 try encode(snapshot)])
            if db.changesCount > 0 { next += 1 }
        }
    }
}
