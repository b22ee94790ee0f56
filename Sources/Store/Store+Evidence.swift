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
