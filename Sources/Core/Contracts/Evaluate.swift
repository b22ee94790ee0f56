import Foundation

/// A milestone with what chipwatch knows about it.
public struct MilestoneStatus: Sendable, Equatable {
    public var milestone: Milestone
    public var state: MilestoneState
    /// The window overdue is measured against: the promise, or the latest slip.
    public var window: DateWindow
    /// When it shipped (or was cancelled): the publication date of the evidence.
    public var observed: Day?
    /// Against the promised window; negative when early, 0 when inside it.
    public var daysLate: Int?
    public var evidence: [EvidenceSnapshot]
    /// Stated dates that disagree with the window.
    public var conflicts: [EvidenceSnapshot]
    /// When chipwatch first evaluated it: silence before then is not news.
    public var watchedSince: Date?

    public init(milestone: Milestone) {
        self.milestone = milestone
        state = .pending
        window = milestone.window
        evidence = []
        conflicts = []
    }
}

/// One state change, with the evidence that caused it (none for overdue: the clock did).
public struct Transition: Sendable, Equatable {
    public var milestoneID: String
    public var from: MilestoneState
    public var to: MilestoneState
    public var windowBefore: DateWindow
    public var windowAfter: DateWindow
    public var observed: Day?
    public var daysLate: Int?
    public var evidence: [EvidenceSnapshot]
    public var note: String
    /// An overdue whose deadline passed before chipwatch watched the milestone: recorded,
    /// not alerted (no news is only news while someone is listening).
    public var unwatched: Bool

    public init(milestoneID: String, from: MilestoneState, to: MilestoneState, windowBefore: DateWindow,
                windowAfter: DateWindow, observed: Day?, daysLate: Int?, evidence: [EvidenceSnapshot], note: String,
                unwatched: Bool = false) {
        self.unwatched = unwatched
        self.milestoneID = milestoneID
        self.from = from
        self.to = to
        self.windowBefore = windowBefore
        self.windowAfter = windowAfter
        self.observed = observed
        self.daysLate = daysLate
        self.evidence = evidence
        self.note = note
    }
}

/// An alert as stored: its last state and when it was last queued for sending.
public struct StoredAlert: Sendable, Equatable {
    public var id: Int64
    public var alert: Alert
    public var lastQueued: Date?
    public var silencedBy: String?

    public init(id: Int64, alert: Alert, lastQueued: Date?, silencedBy: String?) {
        self.id = id
        self.alert = alert
        self.lastQueued = lastQueued
        self.silencedBy = silencedBy
    }
}

/// Stored alerts by fingerprint, read on demand inside the evaluation's transaction: an
/// evaluation looks up only the alerts its new signals and moved milestones fire, so its
/// cost follows the new work, not the number of alerts ever fired. Valid only inside the
/// `evaluate` call that hands it over.
public struct AlertLookup {
    private let find: (String) throws -> StoredAlert?

    public init(_ find: @escaping (String) throws -> StoredAlert?) { self.find = find }

    /// A lookup in a dictionary (tests, and stores that hold every alert in memory).
    public init(_ alerts: [String: StoredAlert]) { find = { alerts[$0] } }

    public func callAsFunction(_ fingerprint: String) throws -> StoredAlert? { try find(fingerprint) }
}

/// Everything one evaluation reads.
public struct EvaluationInput: Sendable {
    /// The roadmap's milestones as they stand. From the store: those it remembers (a
    /// milestone never evaluated is absent), until the stage brings them in line with the
    /// roadmap file.
    public var statuses: [MilestoneStatus]
    /// Signals not evaluated yet and published by `now`, oldest first.
    public var signals: [SignalRecord]
    /// The state alerts still firing, by fingerprint: those a moved milestone may resolve and
    /// an overdue one may remind of. Any other stored alert is found through `AlertLookup`.
    public var alerts: [String: StoredAlert]

    public init(statuses: [MilestoneStatus], signals: [SignalRecord], alerts: [String: StoredAlert]) {
        self.statuses = statuses
        self.signals = signals
        self.alerts = alerts
    }
}

/// An alert to store, and whether (and as what) it goes to the outbox now.
public struct AlertChange: Sendable, Equatable {
    public var alert: Alert
    public var notice: Notice?
    public var silencedBy: String?

    public init(alert: Alert, notice: Notice?, silencedBy: String?) {
        self.alert = alert
        self.notice = notice
        self.silencedBy = silencedBy
    }
}

/// Everything one evaluation writes, in one transaction.
public struct EvaluationResult: Sendable {
    public var statuses: [MilestoneStatus] = []
    public var transitions: [Transition] = []
    public var alerts: [AlertChange] = []
    public var evaluatedSignals: [Int64] = []

    public init() {}
}

/// Counts of one evaluate run.
public struct EvaluateRunSummary: Sendable, Equatable {
    public var signals = 0
    public var transitions = 0
    public var alertsFired = 0
    public var alertsResolved = 0
    public var queued = 0
    public var silenced = 0

    public init() {}
}

/// The evaluate stage's view of the store.
public protocol EvaluateStore: Sendable {
    /// Reads what it remembers of the roadmap's milestones, the signals published by `now` not
    /// evaluated yet and the alerts; hands them to `body`; writes what it returns (each
    /// returned milestone as listed in the roadmap, the others kept but hidden), the outbox
    /// entries included, and marks the signals evaluated, all in one transaction.
    func evaluate(roadmap: [Milestone], now: Date,
                  _ body: (EvaluationInput, AlertLookup) throws -> EvaluationResult) throws -> EvaluationResult
}
