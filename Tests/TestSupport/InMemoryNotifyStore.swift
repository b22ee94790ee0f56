import Core
import Foundation

/// Core's `NotifyStore` in memory, for the fast tier: the same meaning as the SQLite store
/// (keys unique, routing once, digests once), without a file. The integration tier runs the
/// notify stage on the real store.
public final class InMemoryNotifyStore: NotifyStore, @unchecked Sendable {
    private let lock = NSLock()
    private var outbox: [(entry: OutboxEntry, routed: Bool)] = []
    public private(set) var deliveries: [Delivery] = []
    public private(set) var attempts: [(deliveryID: Int64, outcome: AttemptOutcome)] = []

    public init() {}

    /// Puts a notice in the outbox, as the evaluate stage would.
    public func enqueue(_ entry: NoticeEntry, at created: Date) {
        lock.withLock { outbox.append((OutboxEntry(id: Int64(outbox.count + 1), created: created, entry: entry), false)) }
    }

    public func unroutedOutbox() throws -> [OutboxEntry] {
        lock.withLock { outbox.filter { !$0.routed }.map(\.entry) }
    }

    public func recordRouting(_ planned: [PlannedDelivery], outboxIDs: [Int64], at now: Date) throws {
        lock.withLock {
            let waiting = outbox.indices.filter { outboxIDs.contains(outbox[$0].entry.id) && !outbox[$0].routed }
            guard waiting.count == outboxIDs.count else { return }
            for index in waiting { outbox[index].routed = true }
            for delivery in planned {
                insert(key: delivery.key, receiver: delivery.receiver, state: delivery.collecting ? .collecting : .pending,
                       entries: delivery.entries, at: now)
            }
        }
    }

    public func collectingDeliveries(receiver: String, before: Date) throws -> [Delivery] {
        lock.withLock { deliveries.filter { $0.receiver == receiver && $0.state == .collecting && $0.created < before } }
    }

    public func recordDigest(_ digest: PlannedDigest, at now: Date) throws {
        lock.withLock {
            insert(key: digest.key, receiver: digest.target, state: .pending, entries: digest.entries, at: now)
            for index in deliveries.indices where digest.deliveryIDs.contains(deliveries[index].id) && deliveries[index].state == .collecting {
                deliveries[index].state = .digested
            }
        }
    }

    public func dueDeliveries(at now: Date) throws -> [Delivery] {
        lock.withLock { deliveries.filter { $0.state == .pending && $0.nextAttempt <= now } }
    }

    public func recordAttempt(deliveryID: Int64, at now: Date, outcome: AttemptOutcome, seconds: Double) throws {
        lock.withLock {
            attempts.append((deliveryID, outcome))
            guard let index = deliveries.firstIndex(where: { $0.id == deliveryID }) else { return }
            deliveries[index].attempts += 1
            deliveries[index].lastAttempt = now
            switch outcome {
            case .sent(let code):
                deliveries[index].state = .sent
                deliveries[index].lastCode = code
                deliveries[index].sentAt = now
            case .retry(let code, let error, let notBefore):
                deliveries[index].lastCode = code
                deliveries[index].lastError = error
                deliveries[index].nextAttempt = notBefore
            case .dead(let code, let error):
                deliveries[index].state = .dead
                deliveries[index].lastCode = code
                deliveries[index].lastError = error
            }
        }
    }

    /// A delivery with this key exists already: nothing (the key is unique, as in SQLite).
    private func insert(key: String, receiver: String, state: Delivery.State, entries: [NoticeEntry], at now: Date) {
        guard !deliveries.contains(where: { $0.key == key }) else { return }
        deliveries.append(Delivery(id: Int64(deliveries.count + 1), key: key, receiver: receiver, state: state, entries: entries,
                                   attempts: 0, created: now, nextAttempt: now, lastAttempt: nil, lastCode: nil, lastError: nil,
                                   sentAt: nil))
    }
}
