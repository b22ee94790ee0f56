import Core
import Foundation

/// Turns outbox notices into deliveries: notices fired within `group_wait` of the first of
/// them (one evaluate run's notices always are) go out together; each receiver a matching
/// route names gets one delivery for the group.
public enum Routing {
    /// The outbox rows routed now and the deliveries they make. Notices are routed as soon as
    /// notify sees them: evaluate commits a run's notices at once, so the group is complete.
    public static func plan(_ outbox: [OutboxEntry], rules: RuleSet, now: Date) -> (ids: [Int64], deliveries: [PlannedDelivery]) {
        var ids: [Int64] = []
        var deliveries: [PlannedDelivery] = []
        var rest = outbox.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
        while let first = rest.first {
            let cutoff = first.created.addingTimeInterval(rules.groupWaitSeconds)
            let group = rest.prefix { $0.created <= cutoff }
            rest.removeFirst(group.count)
            ids += group.map(\.id)
            for receiver in rules.receivers {
                let routed = group.filter { entry in
                    rules.routes.contains { $0.receivers.contains(receiver.name) && $0.matches(entry.entry.alert) }
                }
                guard !routed.isEmpty else { continue }
                let key = String(ContentHash.sha256Hex(Array((["delivery", receiver.name] + routed.map { String($0.id) })
                    .joined(separator: "\u{1F}").utf8)).prefix(32))
                var collecting = false
                if case .digest = receiver.kind { collecting = true }
                deliveries.append(PlannedDelivery(receiver: receiver.name, key: key, entries: routed.map(\.entry),
                                                  collecting: collecting))
            }
        }
        return (ids, deliveries)
    }

    /// The digest `collector` sends to `target` for the period that ended at `periodEnd`, made of
    /// the deliveries it collected before then; nil when it collected nothing.
    public static func digest(collector: String, target: String, periodEnd: Date, collected: [Delivery]) -> PlannedDigest? {
        guard !collected.isEmpty else { return nil }
        let key = String(ContentHash.sha256Hex(Array("digest\u{1F}\(collector)\u{1F}\(Timestamp.format(periodEnd))".utf8)).prefix(32))
        return PlannedDigest(collector: collector, target: target, key: key, entries: collected.flatMap(\.entries),
                             deliveryIDs: collected.map(\.id))
    }

    /// The end of the digest period that `now` is in: the last `at` boundary, counting
    /// `every` from midnight UTC of 1970-01-01 plus the time of day.
    public static func lastPeriodEnd(_ digest: Receiver.Digest, now: Date) -> Date {
        let anchor = Double(digest.hour * 3600 + digest.minute * 60)
        let elapsed = now.timeIntervalSince1970 - anchor
        let periods = (elapsed / digest.everySeconds).rounded(.down)
        return Date(timeIntervalSince1970: anchor + periods * digest.everySeconds)
    }
}
