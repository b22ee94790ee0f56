import Foundation

/// A milestone as the review commands show it, at now or at a past date.
public struct MilestoneView: Sendable {
    public var id: String
    public var vendor: String
    public var product: String
    public var promised: DateWindow
    /// The window overdue is measured against (differs from `promised` after a slip).
    public var window: DateWindow
    public var state: MilestoneState
    public var observed: Day?
    public var daysLate: Int?
    /// Every claim about the milestone so far, or only what a board shows of them (see
    /// `summarisingEvidence`); `evidenceCount` counts them all either way.
    public var evidence: [EvidenceSnapshot]
    public var evidenceCount: Int
    public var conflicts: [EvidenceSnapshot]
    public var history: [HistoryEntry]

    public init(id: String, vendor: String, product: String, promised: DateWindow, window: DateWindow, state: MilestoneState,
                observed: Day?, daysLate: Int?, evidence: [EvidenceSnapshot], conflicts: [EvidenceSnapshot], history: [HistoryEntry]) {
        self.id = id
        self.vendor = vendor
        self.product = product
        self.promised = promised
        self.window = window
        self.state = state
        self.observed = observed
        self.daysLate = daysLate
        self.evidence = evidence
        self.evidenceCount = evidence.count
        self.conflicts = conflicts
        self.history = history
    }

    /// The view keeping, of its evidence, only what the board and the report show: the newest
    /// event (not a denial or recap) and the newest claim of any kind (each the first of equals,
    /// in their order). The count stays that of all. A milestone's evidence grows with history;
    /// a board of every milestone need not hold it.
    public func summarisingEvidence() -> MilestoneView {
        func newest(_ list: [EvidenceSnapshot]) -> EvidenceSnapshot? {
            list.max { ($0.published ?? .distantPast) < ($1.published ?? .distantPast) }
        }
        var view = self
        let kept = [newest(evidence.filter { $0.modality.isEvent }), newest(evidence)].compactMap { $0 }
        view.evidence = evidence.filter { snapshot in kept.contains(snapshot) }
        view.evidenceCount = evidence.count
        return view
    }
}

/// How much of each milestone's evidence a reader of milestones needs: all of it (`explain`),
/// what a board shows (`summarisingEvidence`), or none (history only).
public enum EvidenceDetail: Sendable {
    case all, summary, none
}

/// One row of a milestone's history: a transition and when chipwatch made it.
public struct HistoryEntry: Sendable {
    public var at: Date
    public var transition: Transition

    public init(at: Date, transition: Transition) {
        self.at = at
        self.transition = transition
    }
}

/// An alert as the review commands show it.
public struct AlertView: Sendable {
    public var id: Int64
    public var alert: Alert
    public var firstFired: Date
    public var resolvedAt: Date?
    public var lastQueued: Date?
    public var silencedBy: String?

    public init(id: Int64, alert: Alert, firstFired: Date, resolvedAt: Date?, lastQueued: Date?, silencedBy: String?) {
        self.id = id
        self.alert = alert
        self.firstFired = firstFired
        self.resolvedAt = resolvedAt
        self.lastQueued = lastQueued
        self.silencedBy = silencedBy
    }
}

/// Figures for the Prometheus textfile and the run summary.
public struct StoreStats: Sendable {
    public var feedsFailingByClass: [String: Int] = [:]
    public var feedsGone = 0
    public var documentsByState: [String: Int] = [:]
    public var items = 0
    /// Items waiting for the extract stage.
    public var itemsToExtract = 0
    public var signalsByEvent: [String: Int] = [:]
    public var stories = 0
    public var milestonesByState: [String: Int] = [:]
    public var alertsFiring = 0
    /// Notices waiting for the notify stage.
    public var outboxDepth = 0
    public var deliveriesByState: [String: Int] = [:]
    public var lastFetch: FetchRunSummary?

    public init() {}
}

/// The signal log's filters (`chipwatch signals`): every condition given must hold.
public struct SignalFilter: Sendable, Equatable {
    public var since: Date?
    public var until: Date?
    /// A vendor the signal names, compared without case.
    public var vendor: String?
    /// Part of the product's canonical name, compared without case.
    public var product: String?
    public var event: EventKind?
    public var modality: Modality?
    public var minConfidence: Double?
    /// Words the item's title or the evidence sentence contains, compared without case (the web
    /// view's search box).
    public var text: String?
    /// Only signals that state an event (not recaps, not denials).
    public var claimsOnly = false
    /// Only export-control signals and signals of these products (exact canonical names): what
    /// a report shows, chosen in SQL so the rest of the log is never decoded.
    public var tradeOrProducts: [String]?

    public init(since: Date? = nil, until: Date? = nil, vendor: String? = nil, product: String? = nil, event: EventKind? = nil,
                modality: Modality? = nil, minConfidence: Double? = nil, text: String? = nil) {
        self.since = since
        self.until = until
        self.vendor = vendor
        self.product = product
        self.event = event
        self.modality = modality
        self.minConfidence = minConfidence
        self.text = text
    }

    /// Whether the conditions a store does not check itself (vendor, product, text) hold.
    public func matchesNames(_ record: SignalRecord) -> Bool {
        let s = record.signal
        if let vendor, !s.vendors.contains(where: { $0.caseInsensitiveCompare(vendor) == .orderedSame }) { return false }
        if let product, !(s.product?.localizedCaseInsensitiveContains(product) ?? false) { return false }
        if let text, !text.isEmpty, !record.title.localizedCaseInsensitiveContains(text),
           !s.evidence.text.localizedCaseInsensitiveContains(text) { return false }
        // (Stores select these in SQL too; checked here so every store answers alike.)
        if claimsOnly, !s.modality.isEvent { return false }
        if let products = tradeOrProducts, !s.event.isTrade, !(s.product.map(products.contains) ?? false) { return false }
        return true
    }
}

/// One page of the signal log, newest first (`ReviewStore.signalPage`).
public struct SignalPage: Sendable {
    public var records: [SignalRecord]
    /// Where the next page starts (opaque; the store made it), nil on the last page.
    public var next: String?

    public init(records: [SignalRecord], next: String?) {
        self.records = records
        self.next = next
    }
}

/// Where a page of the signal log ends: the last row's sort time, as the store's own text (so
/// no rounding through `Date` can repeat or skip a row), and its id. Written as `time|id`.
public struct SignalCursor: Sendable, Equatable {
    public var time: String
    public var id: Int64

    public init(time: String, id: Int64) {
        self.time = time
        self.id = id
    }

    public init?(_ text: String) {
        guard let bar = text.lastIndex(of: "|"), let id = Int64(text[text.index(after: bar)...]) else { return nil }
        self.init(time: String(text[..<bar]), id: id)
    }

    public var text: String { "\(time)|\(id)" }
}

/// What the review commands (`signals`, `milestones`, `alerts`, `explain`, `report`, `export`,
/// `feeds`, `dictionary suggest`) read, from either store. Lists that grow with history are
/// handed over one record at a time (`each…`), never held whole.
public protocol ReviewStore {
    /// The roadmap's milestones, now or as known at `at`, with as much evidence as `evidence` asks;
    /// with `only`, that one milestone (none when it is not on the roadmap): `explain` reads one
    /// milestone's evidence, not every milestone's.
    func milestoneViews(at: Date?, evidence: EvidenceDetail, only: String?) throws -> [MilestoneView]
    /// Each signal the filter selects, oldest first (with `byStory`, story by story).
    func eachSignal(_ filter: SignalFilter, byStory: Bool, _ body: (SignalRecord) throws -> Void) throws
    /// At most `limit` signals the filter selects, newest first, after `cursor` (a page's `next`):
    /// the web view's pages. A malformed cursor starts from the newest.
    func signalPage(_ filter: SignalFilter, after cursor: SignalCursor?, limit: Int) throws -> SignalPage
    /// Signals whose product the dictionary does not know yet, oldest first.
    func unknownProductSignals() throws -> [SignalRecord]
    /// Each alert fired since `since`, newest first (or oldest first).
    func eachAlert(since: Date?, oldestFirst: Bool, _ body: (AlertView) throws -> Void) throws
    /// One alert by its id or fingerprint.
    func alertView(_ key: String) throws -> AlertView?
    /// The `limit` alerts fired most recently among those first fired by `time`, newest first.
    func alertViews(firstFiredBy time: Date, limit: Int) throws -> [AlertView]
    /// How many alerts were first fired by `time`.
    func alertCount(firstFiredBy time: Date) throws -> Int
    /// Health of every feed the store knows, keyed by feed id.
    func feedHealth() throws -> [String: FeedHealth]
}

extension ReviewStore {
    public func milestoneViews(at: Date? = nil) throws -> [MilestoneView] { try milestoneViews(at: at, evidence: .all, only: nil) }
    public func milestoneViews(at: Date?, evidence: EvidenceDetail) throws -> [MilestoneView] {
        try milestoneViews(at: at, evidence: evidence, only: nil)
    }
    /// One milestone with all its evidence, as `explain` shows it.
    public func milestoneView(_ id: String, at: Date? = nil) throws -> MilestoneView? {
        try milestoneViews(at: at, evidence: .all, only: id).first
    }
    public func eachSignal(_ filter: SignalFilter, _ body: (SignalRecord) throws -> Void) throws {
        try eachSignal(filter, byStory: false, body)
    }
    public func eachAlert(since: Date?, _ body: (AlertView) throws -> Void) throws { try eachAlert(since: since, oldestFirst: false, body) }
    /// Alerts fired since `since` (all when nil), newest first, held whole (for tests and short lists).
    public func alertViews(since: Date? = nil) throws -> [AlertView] {
        var views: [AlertView] = []
        try eachAlert(since: since) { views.append($0) }
        return views
    }
}

extension Array where Element == MilestoneView {
    /// In the roadmap file's order (the order a reader wrote it in), whatever order a store
    /// keeps them in; milestones the roadmap no longer lists keep their place after the rest.
    public func inRoadmapOrder(_ ids: [String]?) -> [MilestoneView] {
        guard let ids else { return self }
        let position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return enumerated().sorted { a, b in
            (position[a.element.id] ?? Int.max, a.offset) < (position[b.element.id] ?? Int.max, b.offset)
        }.map(\.element)
    }
}
