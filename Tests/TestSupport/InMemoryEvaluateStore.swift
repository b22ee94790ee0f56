import Core
import Foundation

/// Core's `EvaluateStore` in memory, for the fast tier, with the SQLite store's meaning: it
/// remembers the milestones each evaluation returns, signals are evaluated once,
/// alerts are kept by fingerprint with when they were last queued, and every notice goes to
/// the outbox in the same step as the change. The integration tier runs the real store.
public final class InMemoryEvaluateStore: EvaluateStore, @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [String: MilestoneStatus] = [:]
    private var pending: [SignalRecord] = []
    private var alerts: [String: StoredAlert] = [:]
    /// Each notice written, as "notice: summary", in order.
    public private(set) var outbox: [String] = []

    public init() {}

    /// A signal as the extract stage would leave it, its source's tier copied onto it.
    public func add(_ record: SignalRecord) { lock.withLock { pending.append(record) } }

    public func status(_ milestone: String) -> MilestoneStatus? { lock.withLock { statuses[milestone] } }

    /// The stored alerts, in the order they were first written.
    public var storedAlerts: [Alert] { lock.withLock { alerts.values.sorted { $0.id < $1.id }.map(\.alert) } }

    public func evaluate(roadmap: [Milestone], now: Date,
                         _ body: (EvaluationInput, AlertLookup) throws -> EvaluationResult) throws -> EvaluationResult {
        try lock.withLock {
            let current = roadmap.compactMap { statuses[$0.id] }
            let due = pending.filter { ($0.published ?? now) <= now }
            // As the SQLite store: the firing state alerts up front, the rest on demand.
            let firing = alerts.filter { $0.value.alert.kind == .state && $0.value.alert.status == .firing }
            let result = try body(EvaluationInput(statuses: current, signals: due, alerts: firing), AlertLookup(alerts))
            for status in result.statuses { statuses[status.milestone.id] = status }
            for change in result.alerts {
                let fingerprint = change.alert.fingerprint
                let id = alerts[fingerprint]?.id ?? Int64(alerts.count + 1)
                let queued = change.notice != nil ? now : alerts[fingerprint]?.lastQueued
                alerts[fingerprint] = StoredAlert(id: id, alert: change.alert, lastQueued: queued, silencedBy: change.silencedBy)
                if let notice = change.notice { outbox.append("\(notice.rawValue): \(change.alert.summary)") }
            }
            let evaluated = Set(result.evaluatedSignals)
            pending.removeAll { evaluated.contains($0.id) }
            return result
        }
    }
}
