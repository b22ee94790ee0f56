import Core
import Foundation
import Logging

/// `chipwatch evaluate`: new signals and the clock move milestones; transitions and matching
/// signals become alerts; alerts due to be sent go to the outbox, in the same transaction as
/// the state change.
public struct EvaluateStage: Sendable {
    let roadmap: [Milestone]
    let rules: RuleSet
    let policy: AlertPolicy
    let logger: Logger

    public init(roadmap: [Milestone], rules: RuleSet, dictionary: ChipDictionary?, logger: Logger) {
        self.roadmap = roadmap
        self.rules = rules
        policy = AlertPolicy(rules: rules, roadmap: roadmap, dictionary: dictionary)
        self.logger = logger
    }

    /// Why an overdue alert is muted when its deadline passed before chipwatch was watching.
    public static let unwatchedReason = "the deadline passed before chipwatch watched this milestone"

    public func run(store: EvaluateStore, now: Date) throws -> EvaluateRunSummary {
        let result = try store.evaluate(roadmap: roadmap, now: now) { stored, lookup in
            var input = stored
            input.statuses = RoadmapSync.statuses(roadmap, stored: stored.statuses, now: now)
            return try evaluate(input, now: now, lookup: lookup)
        }
        var summary = EvaluateRunSummary()
        summary.signals = result.evaluatedSignals.count
        summary.transitions = result.transitions.count
        for change in result.alerts {
            if change.notice != nil { summary.queued += 1 }
            if change.silencedBy != nil { summary.silenced += 1 }
            if change.notice == .firing { summary.alertsFired += 1 }
            if change.notice == .resolved || (change.alert.status == .resolved && change.notice == nil) { summary.alertsResolved += 1 }
        }
        for transition in result.transitions {
            logger.info("milestone moved", metadata: ["milestone": "\(transition.milestoneID)",
                                                       "from": "\(transition.from.rawValue)", "to": "\(transition.to.rawValue)",
                                                       "note": "\(transition.note)"])
        }
        return summary
    }

    /// The whole decision, pure: what the store holds and the clock in, what to write out.
    /// `lookup` finds a stored alert the input does not carry (one a new signal fires again).
    public func evaluate(_ input: EvaluationInput, now: Date, lookup: AlertLookup = AlertLookup([:])) throws -> EvaluationResult {
        var result = EvaluationResult()
        result.evaluatedSignals = input.signals.map(\.id)
        var fired: [Alert] = []
        var stillTrue = Set<String>()      // state alerts whose condition holds
        var moved = Set<String>()          // milestones that changed state this run
        var unwatched = Set<String>()      // overdue before chipwatch watched: recorded, muted
        for status in input.statuses {
            let before = status
            let (after, transitions) = MilestoneMachine.step(status, signals: input.signals, now: now)
            result.statuses.append(after)
            result.transitions += transitions
            for transition in transitions {
                let alert = policy.alert(for: transition, status: after, now: now)
                if transition.unwatched { unwatched.insert(alert.fingerprint) }
                fired.append(alert)
                moved.insert(after.milestone.id)
                if alert.kind == .state && transition == transitions.last { stillTrue.insert(alert.fingerprint) }
            }
            for conflict in after.conflicts where !before.conflicts.contains(conflict) {
                fired.append(policy.alert(forConflict: conflict, status: after, now: now))
            }
        }
        for record in input.signals { fired += policy.alerts(for: record, now: now) }

        var changes: [String: AlertChange] = [:]
        var order: [String] = []
        func record(_ change: AlertChange) {
            if changes[change.alert.fingerprint] == nil { order.append(change.alert.fingerprint) }
            changes[change.alert.fingerprint] = change
        }
        for var alert in fired {
            let stored = try input.alerts[alert.fingerprint] ?? lookup(alert.fingerprint)
            if let previous = changes[alert.fingerprint]?.alert ?? stored?.alert {
                // The same alert again (another copy of a story, a second source): more evidence.
                var merged = previous
                merged.merge(evidence: alert.evidence)
                let refiring = previous.status == .resolved
                merged.status = .firing
                if refiring { merged.firedAt = now }
                alert = merged
                if !refiring {
                    record(AlertChange(alert: alert, notice: changes[alert.fingerprint]?.notice, silencedBy: changes[alert.fingerprint]?.silencedBy))
                    continue
                }
            }
            let silenced = unwatched.contains(alert.fingerprint)
                ? Self.unwatchedReason : policy.silence(for: alert, now: now)
            // Within the repeat interval of its last sending, the same fingerprint stays quiet.
            let recentlySent = stored?.lastQueued.map { now.timeIntervalSince($0) < rules.repeatIntervalSeconds } ?? false
            record(AlertChange(alert: alert, notice: silenced == nil && !recentlySent ? .firing : nil, silencedBy: silenced))
        }
        // State alerts whose milestone moved on resolve; those still firing may be reminded of.
        // In id order: the same inputs must give the same outbox, byte for byte.
        for (fingerprint, stored) in input.alerts.sorted(by: { $0.value.id < $1.value.id }) where changes[fingerprint] == nil {
            var alert = stored.alert
            guard alert.kind == .state, alert.status == .firing else { continue }
            let silenced = stored.silencedBy == Self.unwatchedReason ? Self.unwatchedReason : policy.silence(for: alert, now: now)
            if let milestone = alert.milestone, moved.contains(milestone), !stillTrue.contains(fingerprint) {
                alert.status = .resolved
                record(AlertChange(alert: alert, notice: stored.lastQueued != nil && silenced == nil ? .resolved : nil,
                                   silencedBy: silenced))
            } else if silenced == nil {
                if stored.lastQueued == nil {
                    record(AlertChange(alert: alert, notice: .firing, silencedBy: nil))   // its silence ran out
                } else if alert.toState == MilestoneState.overdue.rawValue, let last = stored.lastQueued,
                          now.timeIntervalSince(last) >= rules.repeatIntervalSeconds {
                    // Only overdue reminds: it is the one state that means "still nothing".
                    record(AlertChange(alert: alert, notice: .reminder, silencedBy: nil))
                }
            }
        }
        result.alerts = order.compactMap { changes[$0] }
        return result
    }
}
