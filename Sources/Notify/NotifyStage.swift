import Core
import Foundation
import Logging

/// `chipwatch notify`: routes the outbox into deliveries and delivers what is due, at least
/// once: a delivery is marked sent only after the receiver accepted it, so a process killed
/// mid-send sends it again, under the same idempotency key.
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

    public func run(store: NotifyStore, now: Date) throws -> NotifyRunSummary {
        var summary = NotifyRunSummary()
        let outbox = try store.unroutedOutbox()
        if !outbox.isEmpty && rules.routes.isEmpty {
            logger.warning("no routes configured: notices wait in the outbox", metadata: ["notices": "\(outbox.count)"])
        } else {
            let plan = Routing.plan(outbox, rules: rules, now: now)
            if !plan.ids.isEmpty {
                try store.recordRouting(plan.deliveries, outboxIDs: plan.ids, at: now)
                summary.routed = plan.deliveries.count
            }
        }
        for receiver in rules.receivers {
            guard case .digest(let digest) = receiver.kind else { continue }
            if try store.releaseDigest(receiver: receiver.name, target: digest.receiver,
                                       periodEnd: Routing.lastPeriodEnd(digest, now: now), at: now) {
                summary.digests += 1
            }
        }
        for delivery in try store.dueDeliveries(at: now) {
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
