import Foundation

/// One alert notice in a notification.
public struct NoticeEntry: Sendable, Equatable, Codable {
    public var notice: Notice
    public var alert: Alert

    public init(notice: Notice, alert: Alert) {
        self.notice = notice
        self.alert = alert
    }
}

/// An outbox row waiting to be routed.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var created: Date
    public var entry: NoticeEntry

    public init(id: Int64, created: Date, entry: NoticeEntry) {
        self.id = id
        self.created = created
        self.entry = entry
    }
}

/// A notification for one receiver, as routing made it.
public struct PlannedDelivery: Sendable, Equatable {
    public var receiver: String
    /// The idempotency key: the same for every attempt, so receivers can drop duplicates.
    public var key: String
    public var entries: [NoticeEntry]
    /// Digest receivers collect instead of sending.
    public var collecting: Bool

    public init(receiver: String, key: String, entries: [NoticeEntry], collecting: Bool) {
        self.receiver = receiver
        self.key = key
        self.entries = entries
        self.collecting = collecting
    }
}

/// A digest ready to go out: the collected deliveries of one period, as one delivery.
public struct PlannedDigest: Sendable, Equatable {
    /// The digest receiver that collected, and the receiver that sends.
    public var collector: String
    public var target: String
    /// Derived from the collector and the period, so a digest is made once per period.
    public var key: String
    public var entries: [NoticeEntry]
    /// The collecting deliveries it replaces.
    public var deliveryIDs: [Int64]

    public init(collector: String, target: String, key: String, entries: [NoticeEntry], deliveryIDs: [Int64]) {
        self.collector = collector
        self.target = target
        self.key = key
        self.entries = entries
        self.deliveryIDs = deliveryIDs
    }
}

/// A delivery as stored.
public struct Delivery: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable { case collecting, pending, sent, dead, digested }
    public var id: Int64
    public var key: String
    public var receiver: String
    public var state: State
    public var entries: [NoticeEntry]
    public var attempts: Int
    public var created: Date
    public var nextAttempt: Date
    public var lastAttempt: Date?
    public var lastCode: Int?
    public var lastError: String?
    public var sentAt: Date?

    public init(id: Int64, key: String, receiver: String, state: State, entries: [NoticeEntry], attempts: Int, created: Date,
                nextAttempt: Date, lastAttempt: Date?, lastCode: Int?, lastError: String?, sentAt: Date?) {
        self.id = id
        self.key = key
        self.receiver = receiver
        self.state = state
        self.entries = entries
        self.attempts = attempts
        self.created = created
        self.nextAttempt = nextAttempt
        self.lastAttempt = lastAttempt
        self.lastCode = lastCode
        self.lastError = lastError
        self.sentAt = sentAt
    }
}

/// What one attempt came to.
public enum AttemptOutcome: Sendable, Equatable {
    case sent(code: Int?)
    case retry(code: Int?, error: String, notBefore: Date)
    case dead(code: Int?, error: String)
}

/// Counts of one notify run.
public struct NotifyRunSummary: Sendable, Equatable {
    public var routed = 0
    public var sent = 0
    public var retrying = 0
    public var dead = 0
    public var digests = 0

    public init() {}
}

/// The notify stage's view of the store.
public protocol NotifyStore: Sendable {
    /// Outbox notices not routed yet, oldest first.
    func unroutedOutbox() throws -> [OutboxEntry]
    /// Writes the planned deliveries and marks those outbox rows routed, in one transaction.
    func recordRouting(_ planned: [PlannedDelivery], outboxIDs: [Int64], at: Date) throws
    /// A digest receiver's deliveries still collecting that were created before `before`, oldest first.
    func collectingDeliveries(receiver: String, before: Date) throws -> [Delivery]
    /// Writes the digest as one pending delivery (none if its key exists) and marks the
    /// deliveries it replaces digested, in one transaction.
    func recordDigest(_ digest: PlannedDigest, at: Date) throws
    /// Pending deliveries whose next attempt is due.
    func dueDeliveries(at: Date) throws -> [Delivery]
    /// Records one attempt and the delivery's new state, in one transaction.
    func recordAttempt(deliveryID: Int64, at: Date, outcome: AttemptOutcome, seconds: Double) throws
}
