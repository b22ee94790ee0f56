import Core
import Foundation
import GRDB

extension Store: NotifyStore {
    public func unroutedOutbox() throws -> [OutboxEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, notice, created_at, payload FROM outbox WHERE state = 'new' ORDER BY id").map {
                OutboxEntry(id: $0["id"], created: $0["created_at"],
                            entry: NoticeEntry(notice: $0["notice"], alert: try Self.decode(Alert.self, $0["payload"])))
            }
        }
    }

    public func recordRouting(_ planned: [PlannedDelivery], outboxIDs: [Int64], at now: Date) throws {
        try pool.write { db in
            // Another notify process may have routed them first: then this one writes nothing.
            let ids = outboxIDs.map(String.init).joined(separator: ",")
            let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'new' AND id IN (\(ids.isEmpty ? "0" : ids))") ?? 0
            guard waiting == outboxIDs.count else { return }
            try db.execute(sql: "UPDATE outbox SET state = 'routed' WHERE id IN (\(ids.isEmpty ? "0" : ids))")
            for delivery in planned {
                try db.execute(sql: """
                    INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO NOTHING
                    """, arguments: [delivery.key, delivery.receiver, delivery.collecting ? "collecting" : "pending",
                                     try Self.encode(delivery.entries), now, now])
            }
        }
    }

    public func collectingDeliveries(receiver: String, before: Date) throws -> [Delivery] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM deliveries WHERE receiver = ? AND state = 'collecting' AND created_at < ? ORDER BY id
                """, arguments: [receiver, before]).map(Self.delivery)
        }
    }

    public func recordDigest(_ digest: PlannedDigest, at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt) VALUES (?, ?, 'pending', ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """, arguments: [digest.key, digest.target, try Self.encode(digest.entries), now, now])
            for id in digest.deliveryIDs {
                // Only what is still collecting: a second process that got here first already did it.
                try db.execute(sql: "UPDATE deliveries SET state = 'digested' WHERE id = ? AND state = 'collecting'", arguments: [id])
            }
        }
    }

    public func dueDeliveries(at now: Date) throws -> [Delivery] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE state = 'pending' AND next_attempt <= ? ORDER BY id",
                             arguments: [now]).map(Self.delivery)
        }
    }

    public func recordAttempt(deliveryID: Int64, at now: Date, outcome: AttemptOutcome, seconds: Double) throws {
        try pool.write { db in
            let (state, code, error, next): (String, Int?, String?, Date?) = switch outcome {
            case .sent(let code): ("sent", code, nil, nil)
            case .retry(let code, let error, let notBefore): ("pending", code, error, notBefore)
            case .dead(let code, let error): ("dead", code, error, nil)
            }
            try db.execute(sql: """
                INSERT INTO delivery_attempts (delivery_id, at, ok, code, error, seconds) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [deliveryID, now, state == "sent", code, error, seconds])
            try db.execute(sql: """
                UPDATE deliveries SET state = ?, attempts = attempts + 1, last_attempt = ?, last_code = ?, last_error = ?,
                    next_attempt = COALESCE(?, next_attempt), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                WHERE id = ?
                """, arguments: [state, now, code, error, next, state, now, deliveryID])
        }
    }

    static func delivery(_ row: Row) throws -> Delivery {
        Delivery(id: row["id"], key: row["key"], receiver: row["receiver"],
                 state: Delivery.State(rawValue: row["state"]) ?? .pending,
                 entries: try decode([NoticeEntry].self, row["entries"]), attempts: row["attempts"], created: row["created_at"],
                 nextAttempt: row["next_attempt"], lastAttempt: row["last_attempt"], lastCode: row["last_code"],
                 lastError: row["last_error"], sentAt: row["sent_at"])
    }

    /// Deliveries, newest first, optionally in one state (for `chipwatch outbox`).
    public func deliveries(state: Delivery.State? = nil) throws -> [Delivery] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveries WHERE ? IS NULL OR state = ? ORDER BY id DESC",
                             arguments: [state?.rawValue, state?.rawValue]).map(Self.delivery)
        }
    }

    /// Puts dead deliveries back in line (one by id, or all): due now, attempts from zero.
    public func retryDead(id: Int64?, at now: Date) throws -> Int {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt = ?, created_at = ?
                WHERE state = 'dead' AND (? IS NULL OR id = ?)
                """, arguments: [now, now, id, id])
            return db.changesCount
        }
    }

    /// Each attempt of a delivery, oldest first: (time, ok, code, error).
    public func attempts(deliveryID: Int64) throws -> [(at: Date, ok: Bool, code: Int?, error: String?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY id", arguments: [deliveryID])
                .map { ($0["at"], $0["ok"], $0["code"], $0["error"]) }
        }
    }
}
