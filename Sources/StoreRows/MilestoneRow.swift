import Core
import Foundation

/// A row of `milestones`: the roadmap's promise and where the milestone stands, mapped by
/// either store (see `RowJSON`; each column named once, in `CodingKeys`).
package struct MilestoneRow: Codable, Sendable {

    package var id: String
    package var vendor: String
    package var product: String
    package var event: String
    package var promisedWindow: String
    package var graceDays: Int
    package var sourceURL: String?
    package var sourceDate: String?
    package var state: String
    package var currentWindow: String
    package var observed: String?
    package var daysLate: Int?
    /// The flagged date conflicts, as JSON (the evidence itself is in `milestone_evidence`).
    package var conflicts: String
    package var inRoadmap: Bool
    package var watchedSince: Date
    package var updatedAt: Date

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id, vendor, product, event, state, observed, conflicts
        case promisedWindow = "promised_window", graceDays = "grace_days", sourceURL = "source_url"
        case sourceDate = "source_date", currentWindow = "current_window", daysLate = "days_late"
        case inRoadmap = "in_roadmap", watchedSince = "watched_since", updatedAt = "updated_at"
    }

    /// A status as evaluation returned it: listed in the roadmap.
    package init(_ status: MilestoneStatus, at now: Date) throws {
        let m = status.milestone
        id = m.id
        vendor = m.vendor
        product = m.product
        event = m.event.rawValue
        promisedWindow = m.window.description
        graceDays = m.graceDays
        sourceURL = m.sourceURL
        sourceDate = m.sourceDate?.description
        state = status.state.rawValue
        currentWindow = status.window.description
        observed = status.observed?.description
        daysLate = status.daysLate
        conflicts = try RowJSON.encode(status.conflicts)
        inRoadmap = true
        watchedSince = status.watchedSince ?? now
        updatedAt = now
    }

    /// Whether the row holds `milestone`'s promise as the roadmap file now states it.
    package func promises(_ milestone: Milestone) -> Bool {
        vendor == milestone.vendor && product == milestone.product && event == milestone.event.rawValue
            && promisedWindow == milestone.window.description && graceDays == milestone.graceDays
            && sourceURL == milestone.sourceURL && sourceDate == milestone.sourceDate?.description
    }

    /// What the store remembers of `milestone` (the roadmap's promise is the file's), without its
    /// evidence (see `Store.evidence`); without its conflicts when `withConflicts` is false (they
    /// are then never written back).
    package func status(of milestone: Milestone, withConflicts: Bool = true) throws -> MilestoneStatus {
        var status = MilestoneStatus(milestone: milestone)
        status.watchedSince = watchedSince
        status.state = try Self.state(state)
        status.window = DateWindow(currentWindow) ?? milestone.window
        status.observed = observed.flatMap(DateWindow.init).map(\.start)
        status.daysLate = daysLate
        if withConflicts { status.conflicts = try RowJSON.decode([EvidenceSnapshot].self, conflicts) }
        return status
    }

    package static func state(_ raw: String) throws -> MilestoneState {
        guard let state = MilestoneState(rawValue: raw) else { throw StoredValueError("milestones", "state", raw) }
        return state
    }
}

/// A row of `milestone_history`: one state change with its evidence.
package struct TransitionRow: Codable, Sendable {

    package var id: Int64?
    package var milestoneID: String
    package var at: Date
    package var fromState: String
    package var toState: String
    package var windowBefore: String
    package var windowAfter: String
    package var observed: String?
    package var daysLate: Int?
    package var evidence: String
    package var note: String
    package var unwatched: Bool

    package enum CodingKeys: String, CodingKey {
        case id, at, observed, evidence, note, unwatched
        case milestoneID = "milestone_id", fromState = "from_state", toState = "to_state"
        case windowBefore = "window_before", windowAfter = "window_after", daysLate = "days_late"
    }

    package init(_ t: Transition, at: Date) throws {
        milestoneID = t.milestoneID
        self.at = at
        fromState = t.from.rawValue
        toState = t.to.rawValue
        windowBefore = t.windowBefore.description
        windowAfter = t.windowAfter.description
        observed = t.observed?.description
        daysLate = t.daysLate
        evidence = try RowJSON.encode(t.evidence)
        note = t.note
        unwatched = t.unwatched
    }

    /// The entry as the review reads it; windows the store cannot read fall back to `promised`.
    package func entry(promised: DateWindow) throws -> HistoryEntry {
        HistoryEntry(at: at, transition: Transition(
            milestoneID: milestoneID, from: try MilestoneRow.state(fromState), to: try MilestoneRow.state(toState),
            windowBefore: DateWindow(windowBefore) ?? promised, windowAfter: DateWindow(windowAfter) ?? promised,
            observed: observed.flatMap(DateWindow.init).map(\.start), daysLate: daysLate,
            evidence: try RowJSON.decode([EvidenceSnapshot].self, evidence), note: note, unwatched: unwatched))
    }
}

extension MilestoneRow {
    /// The milestone as the review commands show it, now or as known at `at` (from its
    /// history; evidence and conflicts published by then). `evidence` is what the caller read
    /// of its claims (all, or none); the conflicts are read only `withConflicts`.
    package func view(history rows: [TransitionRow], evidence: [EvidenceSnapshot], withConflicts: Bool, at: Date?) throws -> MilestoneView {
        let promised = DateWindow(promisedWindow) ?? .year(2000)
        let history = try rows.map { try $0.entry(promised: promised) }
        var view = MilestoneView(
            id: id, vendor: vendor, product: product, promised: promised, window: DateWindow(currentWindow) ?? promised,
            state: try Self.state(state), observed: observed.flatMap(DateWindow.init).map(\.start), daysLate: daysLate,
            evidence: evidence, conflicts: withConflicts ? try RowJSON.decode([EvidenceSnapshot].self, conflicts) : [],
            history: history)
        guard let at else { return view }
        let known = history.filter { $0.at <= at }
        view.history = known
        if let last = known.last?.transition {
            view.state = last.to
            view.window = last.windowAfter
            view.observed = known.last { $0.transition.observed != nil }?.transition.observed
            view.daysLate = known.last { $0.transition.daysLate != nil }?.transition.daysLate
        } else {
            view.state = .pending
            view.window = promised
            view.observed = nil
            view.daysLate = nil
        }
        view.evidence = view.evidence.filter { ($0.published ?? .distantFuture) <= at }
        view.evidenceCount = view.evidence.count
        view.conflicts = view.conflicts.filter { ($0.published ?? .distantFuture) <= at }
        return view
    }
}
