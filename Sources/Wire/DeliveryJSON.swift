import Core
import Foundation

/// One line of `chipwatch outbox list --format json`: a delivery, its attempts so far and the
/// fingerprints of the alerts it carries.
public struct DeliveryJSON: Encodable, Sendable {
    public var delivery: Delivery

    public init(_ delivery: Delivery) { self.delivery = delivery }

    enum CodingKeys: String, CodingKey {
        case id, key, receiver, state, attempts, created, alerts
        case nextAttempt = "next_attempt", lastAttempt = "last_attempt", lastCode = "last_code"
        case lastError = "last_error", sentAt = "sent_at"
    }

    public func encode(to encoder: Encoder) throws {
        let d = delivery
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(d.id, forKey: .id)
        try c.encode(d.key, forKey: .key)
        try c.encode(d.receiver, forKey: .receiver)
        try c.encode(d.state.rawValue, forKey: .state)
        try c.encode(d.attempts, forKey: .attempts)
        try c.encode(Timestamp.format(d.created), forKey: .created)
        try c.encode(Timestamp.format(d.nextAttempt), forKey: .nextAttempt)
        try c.encodeOrNull(d.lastAttempt.map(Timestamp.format), forKey: .lastAttempt)
        try c.encodeOrNull(d.lastCode, forKey: .lastCode)
        try c.encodeOrNull(d.lastError, forKey: .lastError)
        try c.encodeOrNull(d.sentAt.map(Timestamp.format), forKey: .sentAt)
        try c.encode(d.entries.map(\.alert.fingerprint), forKey: .alerts)
    }
}
