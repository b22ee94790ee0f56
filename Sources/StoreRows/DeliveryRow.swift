import Core
import Foundation

/// A row of `deliveries`: one notification for one receiver under its idempotency key, mapped
/// for either store (see `RowJSON`; each column named once, in `CodingKeys`).
package struct DeliveryRow: Codable, Sendable {
    package var id: Int64?
    package var key: String
    package var receiver: String
    package var state: String
    /// The notices, as JSON.
    package var entries: String
    package var attempts: Int
    package var createdAt: Date
    package var nextAttempt: Date
    package var lastAttempt: Date?
    package var lastCode: Int?
    package var lastError: String?
    package var sentAt: Date?

    package enum CodingKeys: String, CodingKey {
        case id, key, receiver, state, entries, attempts
        case createdAt = "created_at", nextAttempt = "next_attempt", lastAttempt = "last_attempt", lastCode = "last_code"
        case lastError = "last_error", sentAt = "sent_at"
    }

    /// The delivery as notify and `outbox` read it. A state this version does not know is an
    /// error naming the row's table, never a silent default.
    package func delivery() throws -> Delivery {
        guard let known = Delivery.State(rawValue: state) else { throw StoredValueError("deliveries", "state", state) }
        return Delivery(id: id ?? 0, key: key, receiver: receiver, state: known, entries: try RowJSON.decode([NoticeEntry].self, entries),
                        attempts: attempts, created: createdAt, nextAttempt: nextAttempt, lastAttempt: lastAttempt,
                        lastCode: lastCode, lastError: lastError, sentAt: sentAt)
    }
}

/// What one attempt writes: the delivery's new state and the attempt's row values.
package struct AttemptWrite: Sendable {
    package var state: Delivery.State
    package var code: Int?
    package var error: String?
    /// When to try again (a retry), else the delivery keeps its next attempt.
    package var next: Date?

    package init(_ outcome: AttemptOutcome) {
        (state, code, error, next) = switch outcome {
        case .sent(let code): (.sent, code, nil, nil)
        case .retry(let code, let error, let notBefore): (.pending, code, error, notBefore)
        case .dead(let code, let error): (.dead, code, error, nil)
        }
    }
}
