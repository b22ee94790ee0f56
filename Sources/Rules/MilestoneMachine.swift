import Core
import Foundation

/// The milestone state machine (DESIGN.md, "Milestones and alerts"). Pure: a status, the new
/// signals and the clock in; the new status and its transitions out.
///
/// A claim moves a milestone only when it is corroborated: one tier-1 source, or two
/// independent stories from two different sources (copies of one story count once). Only
/// confirmed and reported claims count; rumours are kept as evidence, denials and recaps too.
public enum MilestoneMachine {
    public static func step(_ status: MilestoneStatus, signals: [SignalRecord], now: Date) -> (MilestoneStatus, [Transition]) {
        var status = status
        var transitions: [Transition] = []
        let milestone = status.milestone
        // An item that reports a slip states its new date as a slip, not as a conflict.
        let slipItems = Set(signals.filter { $0.signal.product == milestone.product && $0.signal.event == .slip }.map(\.itemID))
        for record in signals where record.signal.product == milestone.product {
            let snapshot = EvidenceSnapshot(record)
            if !status.evidence.contains(where: { $0.itemID == snapshot.itemID && $0.event == snapshot.event }) {
                status.evidence.append(snapshot)
            }
            let signal = record.signal
            guard !status.state.isFinal, signal.modality.isEvent else { continue }
            if !slipItems.contains(record.itemID) { flagConflict(&status, record) }
            guard signal.modality == .confirmed || signal.modality == .reported else { continue }
            if signal.event == milestone.event, let corroboration = corroborated(status.evidence, event: milestone.event) {
                let observed = corroboration.compactMap(\.published).min().map(Day.init)
                    ?? record.published.map(Day.init) ?? Day(now)
                let late = daysLate(observed, milestone.window)
                transitions.append(move(&status, to: .shipped, window: status.window, observed: observed, daysLate: late,
                                        evidence: corroboration, note: lateness(late)))
            } else if signal.event == .cancel, let corroboration = corroborated(status.evidence, event: .cancel) {
                let observed = corroboration.compactMap(\.published).min().map(Day.init) ?? Day(now)
                transitions.append(move(&status, to: .cancelled, window: status.window, observed: observed, daysLate: nil,
                                        evidence: corroboration, note: "cancelled"))
            } else if signal.event == .slip {
                let current = status.window
                let later = status.evidence.filter { evidence in
                    guard evidence.event == .slip, let window = evidence.window else { return false }
                    return window.end > current.end
                }
                if let corroboration = corroborated(later, event: .slip),
                   let newWindow = corroboration.compactMap(\.window).max(by: { $0.end < $1.end }) {
                    transitions.append(move(&status, to: .slipped, window: newWindow, observed: nil, daysLate: nil,
                                            evidence: corroboration, note: "slipped from \(current) to \(newWindow)"))
                }
            }
        }
        // The absence of news: past the window's end plus grace with nothing shipped.
        if status.state == .pending || status.state == .slipped {
            let deadline = status.window.end.adding(days: status.milestone.graceDays)
            if Day(now) > deadline {
                let unwatched = status.watchedSince.map { deadline < Day($0) } ?? false
                var transition = move(&status, to: .overdue, window: status.window, observed: nil, daysLate: nil, evidence: [],
                                      note: "nothing shipped by \(deadline) (\(status.window) plus \(milestone.graceDays) days grace)"
                                          + (unwatched ? "; the deadline passed before chipwatch watched it" : ""))
                transition.unwatched = unwatched
                transitions.append(transition)
            }
        }
        return (status, transitions)
    }

    /// The evidence that corroborates `event`, or nil: a tier-1 source alone, or the first
    /// copies of two different stories from two different sources.
    static func corroborated(_ evidence: [EvidenceSnapshot], event: EventKind) -> [EvidenceSnapshot]? {
        let claims = evidence.filter { $0.event == event && ($0.modality == .confirmed || $0.modality == .reported) }
        if let official = claims.first(where: { $0.tier == .official }) { return [official] }
        var byStory: [EvidenceSnapshot] = []
        for claim in claims where !byStory.contains(where: { $0.storyID == claim.storyID }) {
            if byStory.contains(where: { $0.feedID != claim.feedID }) || byStory.isEmpty {
                byStory.append(claim)
            }
            if byStory.count == 2 { return byStory }
        }
        return nil
    }

    /// A date stated for the product that disagrees with the window is flagged, not accepted:
    /// plans and reports outside the window (slips are handled as slips; a confirmed shipment
    /// dated outside it is an early or late shipment).
    static func flagConflict(_ status: inout MilestoneStatus, _ record: SignalRecord) {
        let signal = record.signal
        // An exact day is usually the day of the news ("unveiled on March 2"), not a promise.
        guard signal.event == .announce || signal.event == status.milestone.event && signal.modality != .confirmed,
              let window = signal.window, window.granularity != .day else { return }
        // A year or half that contains the window agrees with it; only a disjoint date conflicts.
        guard window.end < status.window.start || window.start > status.window.end else { return }
        let snapshot = EvidenceSnapshot(record)
        // Syndicated copies of one story raise its conflict once.
        if !status.conflicts.contains(where: { $0.storyID == snapshot.storyID && $0.window == snapshot.window }) {
            status.conflicts.append(snapshot)
        }
    }

    /// Days after the window's end (positive), before its start (negative), or 0 inside it.
    public static func daysLate(_ observed: Day, _ window: DateWindow) -> Int {
        if observed > window.end { return window.end.days(to: observed) }
        if observed < window.start { return -observed.days(to: window.start) }
        return 0
    }

    public static func lateness(_ days: Int) -> String {
        days == 0 ? "on time" : days > 0 ? "\(days) day\(days == 1 ? "" : "s") late" : "\(-days) day\(days == -1 ? "" : "s") early"
    }

    private static func move(_ status: inout MilestoneStatus, to state: MilestoneState, window: DateWindow, observed: Day?,
                             daysLate: Int?, evidence: [EvidenceSnapshot], note: String) -> Transition {
        let transition = Transition(milestoneID: status.milestone.id, from: status.state, to: state, windowBefore: status.window,
                                    windowAfter: window, observed: observed, daysLate: daysLate, evidence: evidence, note: note)
        status.state = state
        status.window = window
        if observed != nil { status.observed = observed }
        if daysLate != nil { status.daysLate = daysLate }
        return transition
    }
}
