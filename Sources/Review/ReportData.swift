import Core
import Foundation

/// Everything a report shows, as known at one instant.
public struct ReportData: Sendable {
    public var at: Date
    public var milestones: [MilestoneView]
    public var alerts: [AlertView]
    /// Signals published by `at`: marks on the timeline, the export-control timeline.
    public var signals: [SignalRecord]

    public init(at: Date, milestones: [MilestoneView], alerts: [AlertView], signals: [SignalRecord]) {
        self.at = at
        self.milestones = milestones
        self.alerts = alerts
        self.signals = signals
    }

    /// Restrictions and relaxations that count (not denied, not recaps), once per story.
    var exportControls: [SignalRecord] {
        var seen = Set<String>()
        return signals.filter { view in
            guard view.signal.event.isTrade, view.signal.modality.isEvent else { return false }
            return seen.insert("\(view.storyID) \(view.signal.event.rawValue)").inserted
        }
    }

    /// The ship, slip and announce events stated for a product, once per story and event.
    func marks(for product: String) -> [SignalRecord] {
        var seen = Set<String>()
        return signals.filter { view in
            guard view.signal.product == product, view.signal.modality.isEvent,
                  [.ship, .slip, .announce, .cancel].contains(view.signal.event), view.published != nil else { return false }
            return seen.insert("\(view.storyID) \(view.signal.event.rawValue)").inserted
        }
    }

    static func day(_ date: Date?) -> String { date.map { String(Timestamp.format($0).prefix(10)) } ?? "undated" }

    static func late(_ days: Int?) -> String {
        guard let days else { return "" }
        return days == 0 ? "on time" : days > 0 ? "\(days) days late" : "\(-days) days early"
    }
}
