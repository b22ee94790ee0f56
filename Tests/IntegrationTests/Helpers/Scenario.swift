import Config
import Core
import Extract
import Foundation
import Logging
import Parse
import Rules
import Store
import TestSupport

/// A dated story for the evaluate stage: items published on given days by feeds of given
/// tiers go through the real parse and extract stages into a real store (the SQLite file, or
/// a PostgreSQL database); then the real evaluate stage runs at chosen instants.
final class Scenario: @unchecked Sendable {
    let dir: TempDir
    let backend: StoreBackend
    private let opened: OpenedStore
    private(set) var store: any ScenarioStore
    var roadmap: [Milestone]
    var rules: RuleSet
    /// The feeds published from so far, each with its tier.
    private var feeds: [String: Feed] = [:]
    private var count = 0
    static let dictionary = Result { try DictionaryFile.load(path: CLI.repositoryRoot + "/feeds/dictionary.yaml") }

    init(roadmap: [Milestone], rules: RuleSet = RuleSet(), backend: StoreBackend = .sqlite) throws {
        dir = try TempDir()
        self.backend = backend
        opened = try backend.open(in: dir)
        store = try opened.reopen()
        self.roadmap = roadmap
        self.rules = rules
    }

    /// Opens the store again, as the next process would (migrations run then).
    func reopen() throws { store = try opened.reopen() }

    /// One item from `feed` (of `tier`), published on `date`, parsed and extracted at once.
    /// Its GUID is `guid`, else one numbered in the order of publication.
    func publish(_ feed: String, tier: SourceTier, _ date: String, _ title: String, _ text: String, guid: String? = nil) throws {
        feeds[feed] = Feed(id: feed, url: "https://\(feed).example/feed", tier: tier)
        try store.syncFeeds(Array(feeds.values), at: try instant(date))   // as the fetch stage would
        count += 1
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let published = try instant(date)
        let body = """
            <rss version="2.0"><channel><title>\(feed)</title><item><guid>\(guid ?? "\(feed)-\(count)")</guid><title>\(title)</title>
            <link>https://\(feed).example/\(count)</link><pubDate>\(formatter.string(from: published))</pubDate>
            <description>\(text)</description></item></channel></rss>
            """
        try store.recordFetched(feed, body, at: published)
        _ = try ParseStage(logger: Logger(label: "test")).run(store: store, now: published)
        _ = try ExtractStage(dictionary: try Self.dictionary.get(), logger: Logger(label: "test")).run(store: store, all: false, now: published)
    }

    @discardableResult
    func evaluate(_ date: String) throws -> EvaluateRunSummary {
        try EvaluateStage(roadmap: roadmap, rules: rules, dictionary: try Self.dictionary.get(), logger: Logger(label: "test"))
            .run(store: store, now: try instant(date))
    }

    func milestone(_ id: String, at: String? = nil) throws -> MilestoneView {
        let views = try store.milestoneViews(at: try at.map(instant))
        guard let view = views.first(where: { $0.id == id }) else { throw TestFailure("no milestone \(id)") }
        return view
    }

    /// Outbox notices as "notice: summary".
    func notices() throws -> [String] {
        try store.outboxNotices().map { "\($0.entry.notice.rawValue): \($0.entry.alert.summary)" }
    }
}
