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
    /// Restrictions and relaxations published by `at` that count (not denied, not recaps),
    /// once per story, oldest first.
    public var exportControls: [SignalRecord]
    /// The ship, slip, announce and cancel events stated for each roadmap product, once per
    /// story and event, oldest first: the marks on the timeline.
    public var marks: [String: [Mark]]

    /// How many alerts a report shows.
    public static let shownAlerts = 50

    /// What a timeline mark shows of a signal. A year of news has a mark per story, so only
    /// this is held, not the signal with its sentence and links.
    public struct Mark: Sendable, Equatable {
        public var storyID: Int64
        public var event: EventKind
        public var modality: Modality
        public var published: Date
        public var title: String

        public init(storyID: Int64, event: EventKind, modality: Modality, published: Date, title: String) {
            self.storyID = storyID
            self.event = event
            self.modality = modality
            self.published = published
            self.title = title
        }
    }

    public init(at: Date, milestones: [MilestoneView], alerts: [AlertView], alertCount: Int,
                exportControls: [SignalRecord], marks: [String: [Mark]]) {
        self.alertCount = alertCount
        self.at = at
        self.milestones = milestones
        self.alerts = alerts
        self.exportControls = exportControls
        self.marks = marks
    }

    /// What of the signal log a report shows, chosen as the log is read (oldest first) so that a
    /// report holds these and not the log: export-control moves once per story, and the marks
    /// of the given products once per story, event and product.
    public struct SignalSelection {
        private let products: Set<String>
        private var seen = Set<String>()
        public private(set) var exportControls: [SignalRecord] = []
        public private(set) var marks: [String: [Mark]] = [:]

        public init(products: some Sequence<String>) { self.products = Set(products) }

        public mutating func offer(_ view: SignalRecord) {
            let s = view.signal
            guard s.modality.isEvent else { return }
            if s.event.isTrade {
                if seen.insert("\(view.storyID) \(s.event.rawValue)").inserted { exportControls.append(view) }
            } else if let product = s.product, products.contains(product), let published = view.published,
                      [.ship, .slip, .announce, .cancel].contains(s.event),
                      seen.insert("\(view.storyID) \(s.event.rawValue) \(product)").inserted {
                marks[product, default: []].append(Mark(storyID: view.storyID, event: s.event, modality: s.modality,
                                                        published: published, title: view.title))
            }
        }
    }

    /// The marks of a product on the timeline.
    func marks(for product: String) -> [Mark] { marks[product] ?? [] }

    public static func day(_ date: Date?) -> String { date.map { String(Timestamp.format($0).prefix(10)) } ?? "undated" }

    public static func late(_ days: Int?) -> String {
        guard let days else { return "" }
        return days == 0 ? "on time" : days > 0 ? "\(days) days late" : "\(-days) days early"
    }
}
