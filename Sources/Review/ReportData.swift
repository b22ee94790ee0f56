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
    public var exportControls: [ExportMove]
    /// The ship, slip, announce and cancel events stated for each roadmap product: one mark per
    /// event, modality and day, counting its stories (each story once), oldest first.
    public var marks: [String: [Mark]]

    /// How many alerts a report shows.
    public static let shownAlerts = 50

    /// What a timeline mark shows of a signal. A year of news has a mark per story, so only
    /// this is held, not the signal with its sentence and links; the report draws one mark per
    /// product, event, modality and day (one position on the axis), with how many stories it stands for.
    public struct Mark: Sendable, Equatable {
        public var storyID: Int64
        public var event: EventKind
        public var modality: Modality
        public var published: Date
        /// The first story's title.
        public var title: String
        /// How many stories of that day the mark stands for.
        public var stories: Int

        public init(storyID: Int64, event: EventKind, modality: Modality, published: Date, title: String, stories: Int = 1) {
            self.storyID = storyID
            self.event = event
            self.modality = modality
            self.published = published
            self.title = title
            self.stories = stories
        }
    }

    /// What the report shows of an export-control signal: a year of news has thousands, so
    /// only this is held, not the signal record with its quantities, offsets and item.
    public struct ExportMove: Sendable, Equatable {
        public var event: EventKind
        public var modality: Modality
        public var published: Date?
        public var title: String
        public var url: String
        public var feedID: String
        /// The lists, regulators, vendors and products it names.
        public var named: [String]
        public var quote: String

        public init(_ record: SignalRecord) {
            let s = record.signal
            event = s.event
            modality = s.modality
            published = record.published
            title = record.title
            url = record.url
            feedID = record.feedID
            named = s.lists + s.regulators + s.vendors + s.products
            quote = s.evidence.text
        }
    }

    /// What a report of `milestones` (in the order shown) as known at `when` shows, read from a
    /// store: the claims of the log it can show, chosen as the log is read, and the latest alerts.
    public static func read(from store: any ReviewStore, at when: Date, milestones: [MilestoneView]) throws -> ReportData {
        var selection = SignalSelection(products: milestones.map(\.product))
        try store.eachSignal(signalFilter(until: when, products: milestones.map(\.product))) { selection.offer($0) }
        return ReportData(at: when, milestones: milestones, alerts: try store.alertViews(firstFiredBy: when, limit: shownAlerts),
                          alertCount: try store.alertCount(firstFiredBy: when), exportControls: selection.exportControls,
                          marks: selection.marks)
    }

    /// The filter that selects what a report reads of the log by `at`: claims of export
    /// controls and of the roadmap's products, in SQL, so the rest is never decoded.
    public static func signalFilter(until: Date, products: some Sequence<String>) -> SignalFilter {
        var filter = SignalFilter(until: until)
        filter.claimsOnly = true
        filter.tradeOrProducts = Array(Set(products)).sorted()
        return filter
    }

    public init(at: Date, milestones: [MilestoneView], alerts: [AlertView], alertCount: Int,
                exportControls: [ExportMove], marks: [String: [Mark]]) {
        self.alertCount = alertCount
        self.at = at
        self.milestones = milestones
        self.alerts = alerts
        self.exportControls = exportControls
        self.marks = marks
    }

    /// What of the signal log a report shows, chosen as the log is read (oldest first) so that a
    /// report holds these and not the log: export-control moves once per story, and the marks
    /// of the given products, one per event, modality and day, each story counted once.
    public struct SignalSelection {
        /// A story's claim of one kind (about one product): counted once, whatever the copies.
        private struct Claim: Hashable {
            var story: Int64
            var event: EventKind
            var product: Int
        }
        /// A mark's place: product, event, modality and day.
        private struct Place: Hashable {
            var product: Int
            var event: EventKind
            var modality: Modality
            var day: Day
        }
        private let products: [String: Int]
        private var seen = Set<Claim>()
        private var placed: [Place: Int] = [:]
        public private(set) var exportControls: [ExportMove] = []
        public private(set) var marks: [String: [Mark]] = [:]

        public init(products: some Sequence<String>) {
            var index: [String: Int] = [:]
            for product in products where index[product] == nil { index[product] = index.count }
            self.products = index
        }

        public mutating func offer(_ view: SignalRecord) {
            let s = view.signal
            guard s.modality.isEvent else { return }
            if s.event.isTrade {
                if seen.insert(Claim(story: view.storyID, event: s.event, product: -1)).inserted { exportControls.append(ExportMove(view)) }
            } else if let product = s.product, let number = products[product], let published = view.published,
                      [.ship, .slip, .announce, .cancel].contains(s.event),
                      seen.insert(Claim(story: view.storyID, event: s.event, product: number)).inserted {
                // Stories of one day draw at one place: one mark, counting them.
                let place = Place(product: number, event: s.event, modality: s.modality, day: Day(published))
                if let at = placed[place] {
                    marks[product]?[at].stories += 1
                } else {
                    placed[place] = marks[product, default: []].count
                    marks[product, default: []].append(Mark(storyID: view.storyID, event: s.event, modality: s.modality,
                                                            published: published, title: view.title))
                }
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
