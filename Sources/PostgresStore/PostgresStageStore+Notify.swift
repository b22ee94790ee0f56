import Core
import Foundation
import Logging
import PostgresNIO
import StoreRows

/// The notify stage on PostgreSQL, with the same semantics as on SQLite (`Store+Notify`): outbox
/// rows are claimed (locked, and still unrouted) in the transaction that writes their
/// deliveries, so two notify processes never route one notice twice; deliveries are unique by
/// key, so a notice is delivered under one key whichever host routes it. Only one process
/// sends at a time (`Singleton.notify`, taken by the command).
extension PostgresStageStore: NotifyStore {
    public func unroutedOutbox() throws -> [OutboxEntry] {
        try outbox(unroutedOnly: true)
    }

    /// Each outbox notice, oldest first, routed or not (for replay output and tests).
    public func outboxNotices() throws -> [OutboxEntry] {
        try outbox(unroutedOnly: false)
    }

    private func outbox(unroutedOnly: Bool) throws -> [OutboxEntry] {
        let state: String? = unroutedOnly ? OutboxState.new.rawValue : nil
        return try withConnection { c, log in
            var entries: [OutboxEntry] = []
            for try await (id, notice, created, payload) in try await c.query("""
                SELECT id, notice, created_at, payload FROM outbox WHERE \(state)::text IS NULL OR state = \(state) ORDER BY id
                """, logger: log).decode((Int64, String, Date, String).self) {
                guard let known = Notice(rawValue: notice) else { throw StoredValueError("outbox", "notice", notice) }
                entries.append(OutboxEntry(id: id, created: created,
                                           entry: NoticeEntry(notice: known, alert: try RowJSON.decode(Alert.self, payload))))
            }
            return entries
        }
    }

    public func recordRouting(_ planned: [PlannedDelivery], outboxIDs: [Int64], at now: Date) throws {
        try transaction { c, log in
            var still = 0
            for try await _ in try await c.query("""
                SELECT id FROM outbox WHERE id = ANY(\(outboxIDs)) AND state = \(OutboxState.new.rawValue) FOR UPDATE
                """, logger: log) { still += 1 }
            // Another notify process routed them first: then this one writes nothing.
            guard still == outboxIDs.count else { return }
            try await c.query("UPDATE outbox SET state = \(OutboxState.routed.rawValue) WHERE id = ANY(\(outboxIDs))", logger: log)
            for delivery in planned {
                let state = (delivery.collecting ? Delivery.State.collecting : .pending).rawValue
                try await c.query("""
                    INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt)
                    VALUES (\(delivery.key), \(delivery.receiver), \(state), \(try RowJSON.encode(delivery.entries)), \(now), \(now))
                    ON CONFLICT (key) DO NOTHING
                    """, logger: log)
            }
        }
    }

    public func collectingDeliveries(receiver: String, before: Date) throws -> [Delivery] {
        try deliveries("""
            SELECT * FROM deliveries WHERE state = \(Delivery.State.collecting.rawValue) AND receiver = \(receiver)
                AND created_at < \(before) ORDER BY id
            """)
    }

    public func recordDigest(_ digest: PlannedDigest, at now: Date) throws {
        try transaction { c, log in
            try await c.query("""
                INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt)
                VALUES (\(digest.key), \(digest.target), \(Delivery.State.pending.rawValue), \(try RowJSON.encode(digest.entries)),
                    \(now), \(now))
                ON CONFLICT (key) DO NOTHING
                """, logger: log)
            // Only what is still collecting: a process that got here first already did the rest.
            try await c.query("""
                UPDATE deliveries SET state = \(Delivery.State.digested.rawValue)
                WHERE id = ANY(\(digest.deliveryIDs)) AND state = \(Delivery.State.collecting.rawValue)
                """, logger: log)
        }
    }

    public func dueDeliveries(at now: Date) throws -> [Delivery] {
        try deliveries("""
            SELECT * FROM deliveries WHERE state = \(Delivery.State.pending.rawValue) AND next_attempt <= \(now) ORDER BY id
            """)
    }

    public func recordAttempt(deliveryID: Int64, at now: Date, outcome: AttemptOutcome, seconds: Double) throws {
        let write = AttemptWrite(outcome)
        try transaction { c, log in
            try await c.query("""
                INSERT INTO delivery_attempts (delivery_id, at, ok, code, error, seconds)
                VALUES (\(deliveryID), \(now), \(write.state == .sent ? 1 : 0), \(write.code), \(write.error), \(seconds))
                """, logger: log)
            // Only a delivery still pending moves: one another sender finished meanwhile keeps its state.
            try await c.query("""
                UPDATE deliveries SET attempts = attempts + 1, next_attempt = COALESCE(\(write.next), next_attempt),
                    state = \(write.state.rawValue), last_attempt = \(now), last_code = \(write.code), last_error = \(write.error),
                    sent_at = \(write.state == .sent ? now : nil)
                WHERE id = \(deliveryID) AND state = \(Delivery.State.pending.rawValue)
                """, logger: log)
        }
    }

    /// Deliveries, newest first, optionally in one state (for `chipwatch outbox`).
    public func deliveries(state: Delivery.State?) throws -> [Delivery] {
        try deliveries("""
            SELECT * FROM deliveries WHERE \(state?.rawValue)::text IS NULL OR state = \(state?.rawValue) ORDER BY id DESC
            """)
    }

    /// Puts dead deliveries back in line (one by id, or all): due now, attempts from zero.
    public func retryDead(id: Int64?, at now: Date) throws -> Int {
        try transaction { c, log in
            var count = 0
            for try await _ in try await c.query("""
                UPDATE deliveries SET state = \(Delivery.State.pending.rawValue), attempts = 0, next_attempt = \(now), created_at = \(now)
                WHERE state = \(Delivery.State.dead.rawValue) AND (\(id)::bigint IS NULL OR id = \(id)) RETURNING 1
                """, logger: log) { count += 1 }
            return count
        }
    }

    /// Each attempt of a delivery, oldest first: (time, ok, code, error).
    public func attempts(deliveryID: Int64) throws -> [(at: Date, ok: Bool, code: Int?, error: String?)] {
        try withConnection { c, log in
            var found: [(at: Date, ok: Bool, code: Int?, error: String?)] = []
            for try await (at, ok, code, error) in try await c.query("""
                SELECT at, ok, code, error FROM delivery_attempts WHERE delivery_id = \(deliveryID) ORDER BY id
                """, logger: log).decode((Date, Int64, Int64?, String?).self) {
                found.append((at, ok != 0, code.map(Int.init), error))
            }
            return found
        }
    }

    private func deliveries(_ query: PostgresQuery) throws -> [Delivery] {
        try withConnection { c, log in
            var found: [Delivery] = []
            for try await row in try await c.query(query, logger: log) {
                found.append(try PostgresRowCoding.decode(DeliveryRow.self, from: row).delivery())
            }
            return found
        }
    }
}
