import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows

/// The review commands on PostgreSQL, with the meaning they have on SQLite (`Store+Review`).
/// Lists that grow with history are read a page at a time by key (the page's last sort key
/// starts the next), each page handed to the caller before the next is read: the log is never
/// held whole, and no transaction stays open while the caller writes.
extension PostgresStageStore: ReviewStore {
    /// Milestones in the order they were first evaluated (the SQLite store's row order), then by id.
    public func milestoneViews(at: Date?, evidence detail: EvidenceDetail, only: String?) throws -> [MilestoneView] {
        try releaseClaim()
        return try withConnection { c, log in
            var rows: [MilestoneRow] = []
            var query: PostgresQuery = "SELECT * FROM milestones WHERE in_roadmap <> 0 ORDER BY watched_since, id"
            if let only { query = "SELECT * FROM milestones WHERE in_roadmap <> 0 AND id = \(only) ORDER BY watched_since, id" }
            for try await row in try await c.query(query, logger: log) {
                rows.append(try PostgresRowCoding.decode(MilestoneRow.self, from: row))
            }
            var views: [MilestoneView] = []
            for row in rows {
                var history: [TransitionRow] = []
                for try await entry in try await c.query("SELECT * FROM milestone_history WHERE milestone_id = \(row.id) ORDER BY id",
                                                         logger: log) {
                    history.append(try PostgresRowCoding.decode(TransitionRow.self, from: entry))
                }
                var evidence: [EvidenceSnapshot] = []
                if detail == .all {
                    for try await body in try await c.query("""
                        SELECT body FROM milestone_evidence WHERE milestone_id = \(row.id) ORDER BY seq
                        """, logger: log).decode(String.self) {
                        evidence.append(try RowJSON.decode(EvidenceSnapshot.self, body))
                    }
                }
                var view = try row.view(history: history, evidence: evidence, withConflicts: detail != .none, at: at)
                if detail == .summary {
                    (view.evidence, view.evidenceCount) = try await Self.evidenceSummary(milestone: row.id, until: at, c, log)
                }
                views.append(view)
            }
            return views
        }
    }

    /// What a board shows of a milestone's evidence (`MilestoneView.summarisingEvidence`), in
    /// SQL as on SQLite: the newest claim stating an event and the newest of all (undated as
    /// oldest: `NULLS LAST`, which SQLite's descending order does by itself), and the count.
    private static func evidenceSummary(milestone: String, until: Date?, _ c: PostgresConnection,
                                        _ log: Logger) async throws -> ([EvidenceSnapshot], Int) {
        // Snapshots keep their date as ISO 8601 text in whole seconds, so text order is time order.
        let published = "(body::json ->> 'published')"
        // The bound written into the condition (not `$2 IS NULL OR ...`), so the planner sees
        // which form it has and can use `milestone_evidence_by_time` (v18).
        let bound = until.map(Timestamp.format)
        let condition = "milestone_id = $1" + (bound == nil ? "" : " AND \(published) IS NOT NULL AND \(published) <= $2")
        func binds(_ more: String? = nil) throws -> PostgresBindings {
            var binds = PostgresBindings()
            binds.append(milestone)
            if let bound { binds.append(bound) }
            if let more { binds.append(more) }
            return binds
        }
        var count = 0
        for try await n in try await c.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM milestone_evidence WHERE \(condition)",
                                                           binds: try binds()), logger: log).decode(Int.self) { count = n }
        var shown: Set<Int64> = []
        // In two steps, as on SQLite: the newest date (by the index), then the first claim of
        // that date; one ORDER BY date DESC, seq sorted every claim.
        for extra in [" AND modality NOT IN ('denied', 'recap')", ""] {
            var newest: [String?] = []
            for try await date in try await c.query(PostgresQuery(unsafeSQL: """
                SELECT \(published) FROM milestone_evidence WHERE \(condition)\(extra) ORDER BY \(published) DESC NULLS LAST LIMIT 1
                """, binds: try binds()), logger: log).decode(String?.self) { newest.append(date) }
            guard let date = newest.first else { continue }
            let next = bound == nil ? 2 : 3
            for try await seq in try await c.query(PostgresQuery(unsafeSQL: """
                SELECT seq FROM milestone_evidence WHERE \(condition)\(extra) AND \(published) \(date == nil ? "IS NULL" : "= $\(next)")
                ORDER BY seq LIMIT 1
                """, binds: try binds(date ?? nil)), logger: log).decode(Int64.self) { shown.insert(seq) }
        }
        var list: [EvidenceSnapshot] = []
        for try await body in try await c.query("""
            SELECT body FROM milestone_evidence WHERE milestone_id = \(milestone) AND seq = ANY(\(Array(shown))) ORDER BY seq
            """, logger: log).decode(String.self) {
            list.append(try RowJSON.decode(EvidenceSnapshot.self, body))
        }
        return (list, count)
    }

    static let signalTime = "COALESCE(s.published, s.created_at)"

    /// The SQL conditions of a filter (time, event, modality, confidence, claims, the report's
    /// products) with their bindings; names and text are checked on the records.
    static func conditions(_ filter: SignalFilter) -> ([String], PostgresBindings) {
        var conditions = ["\(signalTime) >= $1", "\(signalTime) <= $2"]
        var binds = PostgresBindings()
        binds.append(filter.since ?? .distantPast)
        binds.append(filter.until ?? .distantFuture)
        if let event = filter.event {
            binds.append(event.rawValue)
            conditions.append("s.event = $\(binds.count)")
        }
        if let modality = filter.modality {
            binds.append(modality.rawValue)
            conditions.append("s.modality = $\(binds.count)")
        }
        if let minimum = filter.minConfidence {
            binds.append(minimum)
            conditions.append("s.confidence >= $\(binds.count)")
        }
        if filter.claimsOnly { conditions.append("s.modality NOT IN ('recap', 'denied')") }
        if let products = filter.tradeOrProducts {
            binds.append(products)
            conditions.append("(s.event IN ('restrict', 'relax') OR s.product = ANY($\(binds.count)))")
        }
        return (conditions, binds)
    }

    /// Time, event, modality and confidence are selected in SQL; vendor and product names here.
    public func eachSignal(_ filter: SignalFilter, byStory: Bool, _ body: (SignalRecord) throws -> Void) throws {
        try releaseClaim()
        let time = Self.signalTime
        let (conditions, binds) = Self.conditions(filter)
        // Keyset pages: (story,) time, id of the last row read; the time as the server's own
        // text, so no rounding through Date can repeat or skip a row.
        var after: (story: Int64, time: String, id: Int64)?
        while true {
            var page = binds
            var clauses = conditions
            if let after {
                page.append(after.time)
                page.append(after.id)
                let (t, i) = (page.count - 1, page.count)
                if byStory {
                    page.append(after.story)
                    clauses.append("(s.story_id, \(time), s.id) > ($\(page.count), $\(t)::timestamptz, $\(i))")
                } else {
                    clauses.append("(\(time), s.id) > ($\(t)::timestamptz, $\(i))")
                }
            }
            let records = try signalRecords(PostgresQuery(unsafeSQL: """
                \(SignalRow.withItem(extra: ", \(time)::text AS sort_key"))
                WHERE \(clauses.joined(separator: " AND "))
                ORDER BY \(byStory ? "s.story_id, " : "")\(time), s.id LIMIT \(reviewPage)
                """, binds: page))
            for (record, _) in records where filter.matchesNames(record) { try body(record) }
            guard records.count == reviewPage, let last = records.last else { return }
            after = (last.0.storyID, last.1 ?? "", last.0.id)
        }
    }

    /// Keyset pages backwards from the cursor (the server's own time text and the id), read
    /// until `limit` records pass the names and text, plus one to know whether a page follows.
    public func signalPage(_ filter: SignalFilter, after cursor: SignalCursor?, limit: Int) throws -> SignalPage {
        try releaseClaim()
        let time = Self.signalTime
        let (conditions, binds) = Self.conditions(filter)
        var records: [SignalRecord] = []
        var last: SignalCursor?
        var before = cursor
        while true {
            var page = binds
            var clauses = conditions
            if let before {
                page.append(before.time)
                page.append(before.id)
                clauses.append("(\(time), s.id) < ($\(page.count - 1)::timestamptz, $\(page.count))")
            }
            let rows = try signalRecords(PostgresQuery(unsafeSQL: """
                \(SignalRow.withItem(extra: ", \(time)::text AS sort_key"))
                WHERE \(clauses.joined(separator: " AND "))
                ORDER BY \(time) DESC, s.id DESC LIMIT \(reviewPage)
                """, binds: page))
            for (record, key) in rows where filter.matchesNames(record) {
                if records.count == limit { return SignalPage(records: records, next: last?.text) }
                records.append(record)
                last = SignalCursor(time: key ?? "", id: record.id)
            }
            guard rows.count == reviewPage, let end = rows.last else { return SignalPage(records: records, next: nil) }
            before = SignalCursor(time: end.1 ?? "", id: end.0.id)
        }
    }

    public func unknownProductSignals() throws -> [SignalRecord] {
        try releaseClaim()
        return try signalRecords(PostgresQuery(unsafeSQL: """
            \(SignalRow.withItem)
            WHERE s.known = 0 ORDER BY COALESCE(s.published, s.created_at), s.id
            """)).map(\.0)
    }

    /// Signal rows of a query over `SignalRow.withItem`, each with its `sort_key` when selected.
    private func signalRecords(_ query: PostgresQuery) throws -> [(SignalRecord, String?)] {
        try withConnection { c, log in
            var records: [(SignalRecord, String?)] = []
            for try await row in try await c.query(query, logger: log) {
                let cells = row.makeRandomAccess()
                let stored = try PostgresRowCoding.decode(SignalRow.self, from: row)
                let record = try stored.record(sourceTier: Int(try cells["source_tier"].decode(Int64.self)),
                                               title: try cells["item_title"].decode(String.self),
                                               url: try cells["item_link"].decode(String.self))
                records.append((record, cells.contains("sort_key") ? try cells["sort_key"].decode(String.self) : nil))
            }
            return records
        }
    }

    public func eachAlert(since: Date?, oldestFirst: Bool, _ body: (AlertView) throws -> Void) throws {
        try releaseClaim()
        // Keyset pages as for signals: the last row's time as the server's text, and its id.
        var after: (String, Int64)?
        while true {
            var binds = PostgresBindings()
            binds.append(since ?? .distantPast)
            var condition = "fired_at >= $1"
            if let after {
                binds.append(after.0)
                binds.append(after.1)
                condition += oldestFirst ? " AND (fired_at, id) > ($2::timestamptz, $3)" : " AND (fired_at, id) < ($2::timestamptz, $3)"
            }
            let order = oldestFirst ? "fired_at, id" : "fired_at DESC, id DESC"
            let query = PostgresQuery(unsafeSQL: """
                SELECT *, fired_at::text AS sort_key FROM alerts WHERE \(condition) ORDER BY \(order) LIMIT \(reviewPage)
                """, binds: binds)
            let rows = try withConnection { c, log in
                var found: [(AlertRow, String)] = []
                for try await row in try await c.query(query, logger: log) {
                    found.append((try PostgresRowCoding.decode(AlertRow.self, from: row),
                                  try row.makeRandomAccess()["sort_key"].decode(String.self)))
                }
                return found
            }
            for (row, _) in rows { try body(try row.view()) }
            guard rows.count == reviewPage, let last = rows.last else { return }
            after = (last.1, last.0.id ?? 0)
        }
    }

    public func alertView(_ key: String) throws -> AlertView? {
        try releaseClaim()
        return try alertRows("SELECT * FROM alerts WHERE fingerprint = \(key) OR id = \(Int64(key) ?? -1)").first?.view()
    }

    public func alertViews(firstFiredBy time: Date, limit: Int) throws -> [AlertView] {
        try releaseClaim()
        return try alertRows("SELECT * FROM alerts WHERE first_fired <= \(time) ORDER BY fired_at DESC, id DESC LIMIT \(limit)")
            .map { try $0.view() }
    }

    public func alertCount(firstFiredBy time: Date) throws -> Int {
        try releaseClaim()
        return try withConnection { c, log in
            var count = 0
            for try await n in try await c.query("SELECT COUNT(*) FROM alerts WHERE first_fired <= \(time)", logger: log).decode(Int.self) {
                count = n
            }
            return count
        }
    }

    private func alertRows(_ query: PostgresQuery) throws -> [AlertRow] {
        try withConnection { c, log in
            var rows: [AlertRow] = []
            for try await row in try await c.query(query, logger: log) { rows.append(try PostgresRowCoding.decode(AlertRow.self, from: row)) }
            return rows
        }
    }
}
