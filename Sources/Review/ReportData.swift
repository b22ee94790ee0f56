import Core
import Foundation

/// Everything a report shows, as known at one instant.
public struct ReportData: Sendable {
    public var at: Date
    public var milestones: [MilestoneView]
    /// The most recent alerts fired by `at` (newest first; the report shows these), and how
    /// many were fired by then in all.
    public var alerts: [AlertView]
    public var alertCount: Int
    /// Signals published by `at`: marks on the timeline, the export-control timeline.
    public var signals: [SignalRecord]

    /// How many alerts a report shows.
    public static let shownAlerts = 50

    public init(at: Date, milestones: [MilestoneView], alerts: [AlertView], alertCount: Int, signals: [SignalRecord]) {
        self.alertCount = alertCount
        self.at = at
        self.milestones = milestones
        self.alerts = alerts
        self.signals = signals
    }

    /// What of the signal log a report shows, chosen as the log is read so that a report holds
    /// these and not the log: export-control moves once per story, and the ship, slip,
    /// announce and cancel events of the given products once per story, event and product.
    public struct SignalSelection {
        private let products: Set<String>
        private var seen = Set<String>()
        public private(set) var kept: [SignalRecord] = []

        public init(products: some Sequence<String>) { self.products = Set(products) }

        public mutating func offer(_ view: SignalRecord) {
            let s = view.signal
            guard s.modality.isEvent else { return }
            if s.event.isTrade {
                if seen.insert("\(view.storyID) \(s.event.rawValue)").inserted { kept.append(view) }
            } else if let product = s.product, products.contains(product), view.published != nil,
                      [.ship, .slip, .announce, .cancel].contains(s.event),
                      seen.insert("\(view.storyID) \(s.event.rawValue) \(product)").inserted {
                kept.append(view)
            }
        }
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
