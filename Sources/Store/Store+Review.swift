import Core
import Foundation
import GRDB
import StoreRows

extension Store: ReviewStore {
    /// The roadmap's milestones, now or as known at `at` (from their history; evidence and
    /// conflicts published by then), with as much of their evidence as `evidence` asks: the
    /// lists hold every claim so far and grow with history, so they are read a milestone at a
    /// time and dropped when not wanted.
    public func milestoneViews(at: Date?, evidence detail: EvidenceDetail, only: String?) throws -> [MilestoneView] {
        try pool.read { db in
            var views: [MilestoneView] = []
            let rows = try MilestoneRow.fetchCursor(db, sql: "SELECT * FROM milestones WHERE in_roadmap\(only == nil ? "" : " AND id = ?") ORDER BY rowid",
                                                    arguments: StatementArguments(only.map { [$0] } ?? []))
            while let row = try rows.next() {
                let id = row.id
                let history = try TransitionRow.fetchAll(db, sql: "SELECT * FROM milestone_history WHERE milestone_id = ? ORDER BY id",
                                                         arguments: [id])
                var view = try row.view(history: history, evidence: detail == .all ? try Self.evidence(db, milestone: id) : [],
                                        withConflicts: detail != .none, at: at)
                if detail == .summary {
                    (view.evidence, view.evidenceCount) = try Self.evidenceSummary(db, milestone: id, until: at)
                }
                views.append(view)
            }
            return views
        }
    }

    /// Signals published (or, undated, extracted) within the bounds, oldest first, collected.
    public func signalViews(since: Date? = nil, until: Date? = nil) throws -> [SignalRecord] {
        var views: [SignalRecord] = []
        try eachSignal(SignalFilter(since: since, until: until)) { views.append($0) }
        return views
    }

    /// Each signal the filter selects, oldest first (with `byStory`, story by story, each story's
    /// oldest first), handed to `body` as it is read: the log is never held in memory whole.
    /// Time, event, modality and confidence are selected in SQL (time through the
    /// `signals_by_time` index); vendor and product names here.
    public func eachSignal(_ filter: SignalFilter, byStory: Bool = false, _ body: (SignalRecord) throws -> Void) throws {
        let (conditions, arguments) = Self.conditions(filter)
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                \(Self.signalRows)
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY \(byStory ? "s.story_id, " : "")COALESCE(s.published, s.created_at), s.id
                """, arguments: arguments)
            while let row = try rows.next() {
                let record = try Self.signalRecord(row)
                if filter.matchesNames(record) { try body(record) }
            }
        }
    }

    /// The SQL conditions of a filter: time (through the `signals_by_time` index), event,
    /// modality and confidence; names and text are checked on the records (`matchesNames`).
    private static func conditions(_ filter: SignalFilter) -> ([String], StatementArguments) {
        var conditions = ["COALESCE(s.published, s.created_at) >= ?", "COALESCE(s.published, s.created_at) <= ?"]
        var arguments: StatementArguments = [filter.since ?? .distantPast, filter.until ?? .distantFuture]
        if let event = filter.event { conditions.append("s.event = ?"); arguments += [event.rawValue] }
        if let modality = filter.modality { conditions.append("s.modality = ?"); arguments += [modality.rawValue] }
        if let minimum = filter.minConfidence { conditions.append("s.confidence >= ?"); arguments += [minimum] }
        if filter.claimsOnly { conditions.append("s.modality NOT IN ('recap', 'denied')") }
        if let products = filter.tradeOrProducts {
            conditions.append("(s.event IN ('restrict', 'relax') OR s.product IN (\(databaseQuestionMarks(count: max(products.count, 1)))))")
            arguments += StatementArguments(products.isEmpty ? [""] : products)
        }
        return (conditions, arguments)
    }

    /// A page of the signal log, newest first, read backwards along the time index from the
    /// cursor until `limit` records pass the filter (one more tells whether a page follows).
    public func signalPage(_ filter: SignalFilter, after cursor: SignalCursor?, limit: Int) throws -> SignalPage {
        var (conditions, arguments) = Self.conditions(filter)
        if let cursor {
            conditions.append("(COALESCE(s.published, s.created_at), s.id) < (?, ?)")
            arguments += [cursor.time, cursor.id]
        }
        return try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                \(SignalRow.withItem(extra: ", COALESCE(s.published, s.created_at) AS sort_key"))
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY COALESCE(s.published, s.created_at) DESC, s.id DESC
                """, arguments: arguments)
            var records: [SignalRecord] = []
            var last: SignalCursor?
            while let row = try rows.next() {
                let record = try Self.signalRecord(row)
                guard filter.matchesNames(record) else { continue }
                if records.count == limit { return SignalPage(records: records, next: last?.text) }
                records.append(record)
                last = SignalCursor(time: row["sort_key"], id: record.id)
            }
            return SignalPage(records: records, next: nil)
        }
    }

    /// Signals whose product the dictionary does not know yet (extract-2), oldest first.
    public func unknownProductSignals() throws -> [SignalRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                \(Self.signalRows)
                WHERE s.known = 0 ORDER BY COALESCE(s.published, s.created_at), s.id
                """).map(Self.signalRecord)
        }
    }

    /// Each alert fired since `since`, handed to `body` as it is read: newest first, or oldest
    /// first with `oldestFirst`.
    public func eachAlert(since: Date? = nil, oldestFirst: Bool = false, _ body: (AlertView) throws -> Void) throws {
        let order = oldestFirst ? "fired_at, id" : "fired_at DESC, id DESC"
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM alerts WHERE fired_at >= ? ORDER BY \(order)",
                                           arguments: [since ?? .distantPast])
            while let row = try rows.next() { try body(try Self.alertView(row)) }
        }
    }

    /// The `limit` alerts fired most recently among those first fired by `time`, newest first.
    public func alertViews(firstFiredBy time: Date, limit: Int) throws -> [AlertView] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE first_fired <= ? ORDER BY fired_at DESC, id DESC LIMIT ?",
                             arguments: [time, limit]).map(Self.alertView)
        }
    }

    /// How many alerts were first fired by `time`.
    public func alertCount(firstFiredBy time: Date) throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM alerts WHERE first_fired <= ?", arguments: [time]) ?? 0 }
    }

    /// The `limit` alerts changed most recently, newest first (the Atom feed's entries).
    public func recentAlertViews(limit: Int) throws -> [AlertView] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.recentAlertsSQL, arguments: [limit]).map(Self.alertView)
        }
    }

    /// Served by `alerts_by_update` (v19), read backwards: no sort of every alert.
    static let recentAlertsSQL = "SELECT * FROM alerts ORDER BY updated_at DESC, id DESC LIMIT ?"

    /// One alert by its id or fingerprint.
    public func alertView(_ key: String) throws -> AlertView? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE fingerprint = ? OR id = ?",
                             arguments: [key, Int64(key) ?? -1]).map(Self.alertView)
        }
    }

    static func alertView(_ row: Row) throws -> AlertView { try AlertRow(row: row).view() }

    /// Outbox rows waiting for the notify stage: (id, alert id, notice, created, payload).
    public func pendingOutbox() throws -> [(id: Int64, alertID: Int64, notice: String, created: Date, payload: String)] {
        try pool.read { db in
            try Queues.outbox.waiting(db, columns: "*")
                .map { ($0["id"], $0["alert_id"], $0["notice"], $0["created_at"], $0["payload"]) }
        }
    }

    /// A scratch copy of the whole database in `directory` (for `replay`), made with
    /// SQLite's online backup so a running stage is not disturbed.
    public func copy(to directory: String) throws -> Store {
        let copy = try Store(directory: directory)
        try pool.backup(to: copy.pool)
        return copy
    }

    /// Forgets every evaluation: milestones back to pending, no history, alerts or outbox,
    /// every signal waiting again. Only for scratch copies (`replay`).
    public func resetEvaluation() throws {
        try pool.write { db in
            try db.execute(sql: """
                DELETE FROM outbox; DELETE FROM alerts; DELETE FROM milestone_history; DELETE FROM milestone_evidence;
                DELETE FROM milestones
                """)
            try Queues.evaluate.requeue(db)
        }
    }

    /// Each outbox notice, oldest first, with its alert (for replay output and tests).
    public func outboxNotices() throws -> [OutboxEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, notice, created_at, payload FROM outbox ORDER BY id").map {
                OutboxEntry(id: $0["id"], created: $0["created_at"],
                            entry: NoticeEntry(notice: try Self.value(Notice.self, $0, "notice", table: "outbox"),
                                               alert: try Self.decode(Alert.self, $0["payload"])))
            }
        }
    }
}
