import Foundation

/// What one feed's fetch came to in one run.
public enum FetchResult: Sendable, Equatable {
    /// A new body, to be stored.
    case fetched(RawDocument)
    /// 304: nothing new.
    case notModified
    /// 200 with the same body as last time: nothing stored.
    case unchanged
    /// Any failure; `retryAfter` is what the server asked for, in seconds.
    case failed(FetchErrorClass, message: String, status: Int?, retryAfter: Double?)
}

/// One feed's outcome and its health after it.
public struct FetchOutcome: Sendable, Equatable {
    public var feedID: String
    public var result: FetchResult
    public var health: FeedHealth
    public var durationSeconds: Double

    public init(feedID: String, result: FetchResult, health: FeedHealth, durationSeconds: Double) {
        self.feedID = feedID
        self.result = result
        self.health = health
        self.durationSeconds = durationSeconds
    }
}

/// A summary of one fetch run, kept so a run where nothing could connect is recorded as
/// the network's fault rather than each source's.
public struct FetchRunSummary: Sendable, Equatable, Codable {
    public var startedAt: Date
    public var finishedAt: Date
    public var attempted = 0
    public var fetched = 0
    public var notModified = 0
    public var unchanged = 0
    public var failed = 0
    public var skippedNotDue = 0
    /// Due feeds of sites another process was polling (a store shared by several hosts): left
    /// to that process. Reported, not stored.
    public var leftToOthers = 0
    /// Due feeds not started before the run's deadline: left due for the next run.
    public var deferred = 0
    /// Every attempted feed failed at the DNS or connect level.
    public var networkUnreachable = false

    public init(startedAt: Date, finishedAt: Date) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// Sites (URL hosts) a process polls, on a store several processes share.
public protocol SiteClaims {
    /// Of `sites`, those this process polls now. A store shared by several processes gives
    /// each site to one process at a time until it ends, so no feed or page is fetched twice
    /// and a site's connection limit holds across processes; a store used by one process at a
    /// time (the SQLite file, under the run lock) gives them all.
    func claim(sites: Set<String>) throws -> Set<String>
}

extension SiteClaims {
    public func claim(sites: Set<String>) throws -> Set<String> { sites }
}

/// The site a URL is fetched from: its host (the unit of the per-host limit).
public func fetchSite(of url: String) -> String { URLComponents(string: url)?.host ?? url }

/// The fetch stage's view of the store.
public protocol FetchStore: SiteClaims, Sendable {
    /// Records the feed list as configured (id, URL, tier, tags): the tier is stored with the
    /// feed and copied onto the signals extracted from it. Feeds no longer listed are kept.
    func syncFeeds(_ feeds: [Feed], at: Date) throws
    /// Health of every feed the store knows, keyed by feed id.
    func feedHealth() throws -> [String: FeedHealth]
    /// Records one outcome: the new health and, for `.fetched`, the document, in one transaction.
    func record(_ outcome: FetchOutcome) throws
    /// Records the run's summary.
    func record(_ run: FetchRunSummary) throws
}
