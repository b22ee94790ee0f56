import Core
import Curl
import Foundation
import Logging

/// The fetch stage: polls the feeds that are due, in parallel, and hands each outcome to
/// the store as soon as it arrives, so a crash mid-run keeps what was already fetched.
public struct FetchStage {
    public var settings: FetchSettings
    public var logger: Logger

    public init(settings: FetchSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Which feeds this run polls: the named ones (due or not), else every due feed, or
    /// every feed when `force` is set.
    public static func select(feeds: [Feed], health: [String: FeedHealth], now: Date,
                              force: Bool, only: [String]) -> [Feed] {
        if !only.isEmpty {
            let wanted = Set(only)
            return feeds.filter { wanted.contains($0.id) }
        }
        if force { return feeds }
        return feeds.filter { feed in
            guard let known = health[feed.id], known.url == feed.url else { return true }
            return known.isDue(at: now)
        }
    }

    /// Runs the stage. Throws only when the stage itself cannot run (store or libcurl
    /// unusable); a failing feed is recorded and never stops the others.
    public func run(feeds: [Feed], store: FetchStore, now: Date, force: Bool = false,
                    only: [String] = []) throws -> FetchRunSummary {
        let started = Date()
        try store.syncFeeds(feeds, at: now)
        // Sites are claimed before health is read, so what is due is read after any process
        // that polled them before has recorded its outcome.
        let claimed = try store.claim(sites: Set(feeds.map(Self.site(of:))))
        let health = try store.feedHealth()
        let mine = feeds.filter { claimed.contains(Self.site(of: $0)) }
        let chosen = Self.select(feeds: mine, health: health, now: now, force: force, only: only)
        var summary = FetchRunSummary(startedAt: now, finishedAt: now)
        if mine.count < feeds.count {
            let others = feeds.filter { !claimed.contains(Self.site(of: $0)) }
            summary.leftToOthers = Self.select(feeds: others, health: health, now: now, force: force, only: only).count
        }
        summary.skippedNotDue = feeds.count - chosen.count - summary.leftToOthers
        summary.attempted = chosen.count

        let requests = chosen.map { feed in
            HTTPRequest(url: feed.url, headers: FetchPolicy.conditionalHeaders(for: feed, health: health[feed.id]))
        }
        // Network-level failures are held back until the end: if every feed failed that way,
        // the network is at fault and no source is blamed.
        var heldBack: [FetchOutcome] = []
        var storeError: Error?
        let notStarted = try TransferBatch.perform(requests, limits: limits, concurrency: settings.concurrency,
                                                   perHost: settings.perHost, deadline: settings.effectiveRunDeadline) { index, result in
            let feed = chosen[index]
            let duration = (try? result.get().totalSeconds) ?? 0
            let outcome = FetchPolicy.outcome(feed: feed, previous: health[feed.id], result: result,
                                              now: now, duration: duration)
            count(outcome, into: &summary)
            if case .failed(let errorClass, _, _, _) = outcome.result, errorClass.isNetworkLevel {
                heldBack.append(outcome)
                return
            }
            do { try store.record(outcome) } catch {
                storeError = storeError ?? FetchStageError(reason: "cannot record feed \(feed.id): \(error)")
            }
        }
        if let storeError { throw storeError }
        summary.deferred = notStarted.count
        summary.attempted -= notStarted.count
        if !notStarted.isEmpty {
            logger.warning("fetch deadline passed", metadata: [
                "deadline_seconds": "\(settings.effectiveRunDeadline)", "deferred": "\(notStarted.count)",
            ])
        }

        let hosts = Set(chosen.map(Self.site(of:)))
        summary.networkUnreachable = !heldBack.isEmpty && heldBack.count == summary.attempted && hosts.count >= 2
        for var outcome in heldBack {
            if summary.networkUnreachable {
                outcome = Self.networkUnreachable(outcome, previous: health[outcome.feedID], now: now)
            }
            try store.record(outcome)
        }
        summary.finishedAt = now.addingTimeInterval(Date().timeIntervalSince(started))
        try store.record(summary)
        logger.info("fetch finished", metadata: [
            "attempted": "\(summary.attempted)", "fetched": "\(summary.fetched)",
            "not_modified": "\(summary.notModified)", "unchanged": "\(summary.unchanged)",
            "failed": "\(summary.failed)", "not_due": "\(summary.skippedNotDue)", "deferred": "\(summary.deferred)",
            "network_unreachable": "\(summary.networkUnreachable)",
        ])
        return summary
    }

    static func site(of feed: Feed) -> String { fetchSite(of: feed.url) }

    /// When nothing could connect, a feed keeps its failure count and is retried soon:
    /// the outage is ours, not the source's.
    static func networkUnreachable(_ outcome: FetchOutcome, previous: FeedHealth?, now: Date) -> FetchOutcome {
        var result = outcome
        result.health.consecutiveFailures = previous?.consecutiveFailures ?? 0
        result.health.lastError = "network unreachable: no feed could be reached in this run"
        result.health.nextAttempt = now.addingTimeInterval(FetchPolicy.baseBackoff)
        return result
    }

    private func count(_ outcome: FetchOutcome, into summary: inout FetchRunSummary) {
        switch outcome.result {
        case .fetched: summary.fetched += 1
        case .notModified: summary.notModified += 1
        case .unchanged: summary.unchanged += 1
        case .failed(let errorClass, let message, _, _):
            summary.failed += 1
            logger.warning("fetch failed", metadata: [
                "feed.id": "\(outcome.feedID)", "class": "\(errorClass.rawValue)", "error": "\(message)",
            ])
        }
    }
    private var limits: TransferLimits { TransferLimits(settings: settings) }
}

extension TransferLimits {
    /// The limits and guards of the `fetch:` configuration.
    init(settings: FetchSettings) {
        self.init()
        connectTimeoutSeconds = settings.connectTimeoutSeconds
        timeoutSeconds = settings.timeoutSeconds
        maxBodyBytes = settings.maxBodyBytes
        maxRedirects = settings.maxRedirects
        allowPrivateNetworks = settings.allowPrivateNetworks
        userAgent = settings.resolvedUserAgent
        lowSpeedBytesPerSecond = settings.lowSpeedBytesPerSecond
        lowSpeedSeconds = settings.lowSpeedSeconds
    }
}

/// Why the fetch stage itself could not finish (the store refused a write, say).
public struct FetchStageError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
