import Core
import Curl
import Foundation
import Logging

/// The article pass of the fetch process: fetches the own page of each new item of a
/// `full_text: true` feed, with the same limits and guards as feeds. The parse process
/// extracts the main text later; it never touches the network itself.
public struct PageFetchStage {
    public var settings: FetchSettings
    public var logger: Logger
    /// Pages fetched per run at most, so a feed that suddenly lists thousands of items
    /// cannot make one run take hours.
    public var maxPagesPerRun = 200

    public init(settings: FetchSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Returns how many pages were fetched, how many failed, and how many the run's deadline
    /// left for the next run (they stay wanted).
    public func run(feeds: [Feed], store: PageStore, now: Date) throws -> (fetched: Int, failed: Int, deferred: Int) {
        let feedIDs = feeds.filter(\.fullText).map(\.id)
        var wanted = try store.wantedPages(feedIDs: feedIDs, limit: maxPagesPerRun)
        // On a shared store, the pages of sites another process is fetching are left to it; the
        // list is read again once the sites are ours (a process before may have fetched some).
        if !wanted.isEmpty {
            let claimed = try store.claim(sites: Set(wanted.map { fetchSite(of: $0.url) }))
            wanted = try store.wantedPages(feedIDs: feedIDs, limit: maxPagesPerRun).filter { claimed.contains(fetchSite(of: $0.url)) }
        }
        var counts = (fetched: 0, failed: 0, deferred: 0)
        var storeError: Error?
        let notStarted = try TransferBatch.perform(
            wanted.map { HTTPRequest(url: $0.url) }, limits: TransferLimits(settings: settings), concurrency: settings.concurrency,
            perHost: settings.perHost, deadline: settings.effectiveRunDeadline) { index, result in
            let page = Self.page(for: wanted[index], result: result, now: now)
            if page.error == nil { counts.fetched += 1 } else {
                counts.failed += 1
                logger.warning("page failed", metadata: ["feed.id": "\(page.request.feedID)", "error": "\(page.error!)"])
            }
            do { try store.record(page) } catch {
                storeError = storeError ?? FetchStageError(reason: "cannot record the page of \(page.request.feedID): \(error)")
            }
        }
        if let storeError { throw storeError }
        counts.deferred = notStarted.count
        logger.info("pages fetched", metadata: ["fetched": "\(counts.fetched)", "failed": "\(counts.failed)",
                                                "deferred": "\(counts.deferred)"])
        return counts
    }

    static func page(for request: PageRequest, result: Result<HTTPResponse, TransferError>, now: Date) -> FetchedPage {
        switch result {
        case .failure(let error):
            return FetchedPage(request: request, finalURL: nil, status: nil, contentType: nil, body: nil,
                               error: "\(request.feedID): \(error.message)", fetchedAt: now)
        case .success(let response):
            let type = response.header("content-type")
            var error: String?
            if !(200..<300).contains(response.status) {
                error = "\(request.feedID): \(redactURL(response.effectiveURL)): HTTP \(response.status)"
            } else if let type, !type.lowercased().contains("html") {
                error = "\(request.feedID): \(redactURL(response.effectiveURL)): not an HTML page (\(type))"
            }
            return FetchedPage(request: request, finalURL: response.effectiveURL, status: response.status, contentType: type,
                               body: error == nil ? response.body : nil, error: error, fetchedAt: now)
        }
    }
}
