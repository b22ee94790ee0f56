import Core
import Foundation
import Logging

/// `chipwatch notify`: routes the outbox into deliveries and delivers what is due, at least
/// once: a delivery is marked sent only after the receiver accepted it, so a process killed
/// mid-send sends it again, under the same idempotency key.
/// What one notify run would do at a given instant (`NotifyStage.plan`).
public struct NotifyPlan: Sendable, Equatable {
    /// The outbox notices not yet routed.
    public var outbox: [OutboxEntry] = []
    /// The outbox rows routing takes now, and the deliveries it makes (digest receivers' ones collect).
    public var routedIDs: [Int64] = []
    public var deliveries: [PlannedDelivery] = []
    /// Digests whose period ended.
    public var digests: [PlannedDigest] = []
    /// Deliveries already pending and due.
    public var due: [Delivery] = []

    public init() {}

    /// Every notification a run would attempt now, as receiver, key and entries: the due ones,
    /// then what routing makes (not what a digest collects), then the digests released.
    public var sends: [(receiver: String, key: String, entries: [NoticeEntry])] {
        due.map { ($0.receiver, $0.key, $0.entries) }
            + deliveries.filter { !$0.collecting }.map { ($0.receiver, $0.key, $0.entries) }
            + digests.map { ($0.target, $0.key, $0.entries) }
    }
}

public struct NotifyStage: Sendable {
    let rules: RuleSet
    let logger: Logger

    /// The first retry after a failure, doubling; never more than six hours apart.
    static let baseBackoff = 30.0
    static let maxBackoff = 6 * 3600.0

    public init(rules: RuleSet, logger: Logger) {
        self.rules = rules
        self.logger = logger
    }

    /// What a run at `now` would do, read from the store and changing nothing: route the
    /// unrouted outbox, release the digests whose period ended, and attempt what is due.
    /// `run` carries it out; `notify --dry-run` prints it.
    public func plan(store: NotifyStore, now: Date) throws -> NotifyPlan {
        var plan = NotifyPlan()
        plan.outbox = try store.unroutedOutbox()
        if !plan.outbox.isEmpty && !rules.routes.isEmpty {
            let routing = Routing.plan(plan.outbox, rules: rules, now: now)
            plan.routedIDs = routing.ids
            plan.deliveries = routing.deliveries
        }
        for receiver in rules.receivers {
            guard case .digest(let digest) = receiver.kind else { continue }
            let periodEnd = Routing.lastPeriodEnd(digest, now: now)
            let collected = try store.collectingDeliveries(receiver: receiver.name, before: periodEnd)
            if let planned = Routing.digest(collector: receiver.name, target: digest.receiver, periodEnd: periodEnd, collected: collected) {
                plan.digests.append(planned)
            }
        }
        plan.due = try store.dueDeliveries(at: now)
        return plan
    }

    public func run(store: NotifyStore, now: Date) throws -> NotifyRunSummary {
        var summary = NotifyRunSummary()
        let plan = try plan(store: store, now: now)
        if !plan.outbox.isEmpty && rules.routes.isEmpty {
            logger.warning("no routes configured: notices wait in the outbox", metadata: ["notices": "\(plan.outbox.count)"])
        } else if !plan.routedIDs.isEmpty {
            try store.recordRouting(plan.deliveries, outboxIDs: plan.routedIDs, at: now)
            summary.routed = plan.deliveries.count
        }
        for digest in plan.digests {
            try store.recordDigest(digest, at: now)
            summary.digests += 1
        }
        // What routing and digests just made pending is due now too, with its stored id.
        let due = plan.deliveries.isEmpty && plan.digests.isEmpty ? plan.due : try store.dueDeliveries(at: now)
        for delivery in due {
            let started = Date()
            let outcome = attempt(delivery, now: now)
            try store.recordAttempt(deliveryID: delivery.id, at: now, outcome: outcome, seconds: Date().timeIntervalSince(started))
            switch outcome {
            case .sent: summary.sent += 1
            case .retry(_, let error, let next):
                summary.retrying += 1
                logger.warning("delivery failed, will retry", metadata: ["receiver": "\(delivery.receiver)", "error": "\(error)",
                                                                         "next": "\(Timestamp.format(next))"])
            case .dead(_, let error):
                summary.dead += 1
                logger.error("delivery dead-lettered", metadata: ["receiver": "\(delivery.receiver)", "error": "\(error)",
                                                                  "delivery": "\(delivery.id)"])
            }
        }
        return summary
    }

    /// Sends one delivery and decides what its result means: sent, retry later, or dead.
    func attempt(_ delivery: Delivery, now: Date) -> AttemptOutcome {
        guard let receiver = rules.receivers.first(where: { $0.name == delivery.receiver }) else {
            return .dead(code: nil, error: "receiver \(delivery.receiver) is no longer configured")
        }
        let timeout = rules.delivery.timeoutSeconds
        let result: SendResult
        switch receiver.kind {
        case .webhook(let hook):
            result = Senders.webhook(hook, key: delivery.key, entries: delivery.entries, receiver: receiver.name, now: now, timeout: timeout)
        case .email(let mail):
            result = Senders.email(mail, key: delivery.key, entries: delivery.entries, receiver: receiver.name, now: now, timeout: timeout)
        case .log(let path):
            result = Senders.log(path: path, key: delivery.key, entries: delivery.entries, receiver: receiver.name)
        case .digest:
            return .dead(code: nil, error: "\(receiver.name) is a digest: it collects, it does not send")
        }
        return Self.outcome(of: result, delivery: delivery, settings: rules.delivery, now: now)
    }

    /// What a send's result means for the delivery: sent; dead (a permanent refusal, or the
    /// attempts or age allowed are spent); or retry after the backoff, or after the receiver's
    /// Retry-After when that is longer. Pure, so the retry policy is tested on its own.
    static func outcome(of result: SendResult, delivery: Delivery, settings: DeliverySettings, now: Date) -> AttemptOutcome {
        switch result {
        case .ok(let code):
            return .sent(code: code)
        case .permanent(let code, let error):
            return .dead(code: code, error: error)
        case .temporary(let code, let error, let retryAfter):
            let attempts = delivery.attempts + 1
            if attempts >= settings.maxAttempts || now.timeIntervalSince(delivery.created) >= settings.maxAgeSeconds {
                return .dead(code: code, error: error + " (gave up after \(attempts) attempts)")
            }
            let wait = max(retryAfter ?? 0, Backoff.seconds(failures: attempts, key: delivery.key, base: baseBackoff,
                                                            maximum: maxBackoff))
            return .retry(code: code, error: error, notBefore: now.addingTimeInterval(wait))
        }
    }
}
