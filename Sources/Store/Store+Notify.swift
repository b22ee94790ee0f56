import Core
import Foundation
import GRDB
import StoreRows

extension Store: NotifyStore {
    public func unroutedOutbox() throws -> [OutboxEntry] {
        try pool.read { db in
            try Queues.outbox.waiting(db, columns: "id, notice, created_at, payload").map {
                OutboxEntry(id: $0["id"], created: $0["created_at"],
                            entry: NoticeEntry(notice: try Self.value(Notice.self, $0, "notice", table: "outbox"), alert: try Self.decode(Alert.self, $0["payload"])))
            }
        }
    }

    public func recordRouting(_ planned: [PlannedDelivery], outboxIDs: [Int64], at now: Date) throws {
        try pool.write { db in
            // Another notify process may have routed them first: then this one writes nothing.
            guard try Queues.outbox.claim(db, outboxIDs).count == outboxIDs.count else { return }
            for id in outboxIDs { try Queues.outbox.complete(db, id, as: .routed) }
            for delivery in planned {
                try db.execute(sql: """
                    INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO NOTHING
                    """, arguments: [delivery.key, delivery.receiver, (delivery.collecting ? Delivery.State.collecting : .pending).rawValue,
                                     try Self.encode(delivery.entries), now, now])
            }
        }
    }

    public func collectingDeliveries(receiver: String, before: Date) throws -> [Delivery] {
        try pool.read { db in
            try Queues.digest.waiting(db, columns: "*", condition: "receiver = ? AND created_at < ?",
                                      arguments: [receiver, before]).map(Self.delivery)
        }
    }

    public func recordDigest(_ digest: PlannedDigest, at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO deliveries (key, receiver, state, entries, created_at, next_attempt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """, arguments: [digest.key, digest.target, Delivery.State.pending.rawValue, try Self.encode(digest.entries), now, now])
            // Only what is still collecting: a second process that got here first already did the rest.
            for id in try Queues.digest.claim(db, digest.deliveryIDs) {
                try Queues.digest.complete(db, id, as: .digested)
            }
        }
    }

    public func dueDeliveries(at now: Date) throws -> [Delivery] {
        try pool.read { db in
            try Queues.send.waiting(db, columns: "*", condition: "next_attempt <= ?", arguments: [now]).map(Self.delivery)
        }
    }

    public func recordAttempt(deliveryID: Int64, at now: Date, outcome: AttemptOutcome, seconds: Double) throws {
        try pool.write { db in
            let write = AttemptWrite(outcome)
            let (state, code, error, next) = (write.state, write.code, write.error, write.next)
            try db.execute(sql: """
                INSERT INTO delivery_attempts (delivery_id, at, ok, code, error, seconds) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [deliveryID, now, state == .sent, code, error, seconds])
            try db.execute(sql: "UPDATE deliveries SET attempts = attempts + 1, next_attempt = COALESCE(?, next_attempt) WHERE id = ?",
                           arguments: [next, deliveryID])
            try Queues.send.complete(db, deliveryID, as: state, setting: [
                "last_attempt": now, "last_code": code, "last_error": error, "sent_at": state == .sent ? now : nil,
            ])
        }
    }

    static func delivery(_ row: Row) throws -> Delivery { try DeliveryRow(row: row).delivery() }

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
            try Queues.send.requeue(db, where: "state = ? AND (? IS NULL OR id = ?)",
                                    arguments: [Delivery.State.dead.rawValue, id, id],
                                    setting: ["attempts": 0, "next_attempt": now, "created_at": now])
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
