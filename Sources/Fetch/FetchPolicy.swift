import Core
import Curl
import Foundation

/// Pure decisions of the fetch stage: what to request, and what a response means for a
/// feed's health and schedule. No I/O, so every rule here is unit-tested directly.
public enum FetchPolicy {
    /// The first retry after a failure; each further failure doubles it.
    public static let baseBackoff = 300.0
    /// Backoff never exceeds a day, and never gives up.
    public static let maxBackoff = 86_400.0

    /// Seconds to wait after the `failures`-th consecutive failure: exponential, with a
    /// ±25% jitter that is deterministic per feed and attempt (so `--now` replays exactly,
    /// while feeds that fail together do not all come back at the same instant).
    public static func backoff(failures: Int, feedID: String) -> Double {
        Backoff.seconds(failures: failures, key: feedID, base: baseBackoff, maximum: maxBackoff)
    }

    /// Request headers for a conditional GET, when the stored validators belong to this URL.
    public static func conditionalHeaders(for feed: Feed, health: FeedHealth?) -> [(name: String, value: String)] {
        guard let health, health.url == feed.url else { return [] }
        var headers: [(name: String, value: String)] = []
        if let etag = health.etag { headers.append((name: "If-None-Match", value: etag)) }
        if let modified = health.lastModified { headers.append((name: "If-Modified-Since", value: modified)) }
        return headers
    }

    /// Reads Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    public static func retryAfterSeconds(_ value: String?, now: Date) -> Double? {
        Backoff.retryAfterSeconds(value, now: now)
    }

    /// What one transfer's result means for `feed`, given its health before.
    public static func outcome(feed: Feed, previous: FeedHealth?, result: Result<HTTPResponse, TransferError>,
                               now: Date, duration: Double) -> FetchOutcome {
        var health = previous ?? FeedHealth(feedID: feed.id, url: feed.url)
        if health.url != feed.url {
            // The configured URL changed: validators and redirect memory belonged to the old one.
            health = FeedHealth(feedID: feed.id, url: feed.url)
            health.consecutiveFailures = previous?.consecutiveFailures ?? 0
        }
        health.lastAttempt = now
        let fetchResult: FetchResult
        switch result {
        case .failure(let error):
            health.lastStatus = nil
            fetchResult = .failed(errorClass(error.kind), message: "\(feed.id): \(error.message)", status: nil, retryAfter: nil)
        case .success(let response):
            health.lastStatus = response.status
            fetchResult = interpret(response, feed: feed, health: &health, now: now)
        }
        switch fetchResult {
        case .fetched, .notModified, .unchanged:
            health.consecutiveFailures = 0
            health.lastSuccess = now
            health.lastError = nil
            health.lastErrorClass = nil
            health.gone = false
            health.nextAttempt = now.addingTimeInterval(feed.interval)
        case .failed(let errorClass, let message, _, let retryAfter):
            health.consecutiveFailures += 1
            health.lastError = message
            health.lastErrorClass = errorClass
            var wait = retryAfter ?? backoff(failures: health.consecutiveFailures, feedID: feed.id)
            if health.gone { wait = maxBackoff }
            health.nextAttempt = now.addingTimeInterval(max(wait, 1))
        }
        return FetchOutcome(feedID: feed.id, result: fetchResult, health: health, durationSeconds: duration)
    }

    private static func interpret(_ response: HTTPResponse, feed: Feed, health: inout FeedHealth,
                                  now: Date) -> FetchResult {
        let permanent = !response.redirectStatuses.isEmpty
            && response.redirectStatuses.allSatisfy { $0 == 301 || $0 == 308 }
        health.movedTo = permanent ? response.effectiveURL : nil
        let status = response.status
        switch status {
        case 200..<300:
            health.etag = response.header("etag")
            health.lastModified = response.header("last-modified")
            let document = RawDocument(feedID: feed.id, url: feed.url, finalURL: response.effectiveURL, status: status,
                                       contentType: response.header("content-type"), etag: health.etag,
                                       lastModified: health.lastModified, fetchedAt: now, body: response.body)
            if document.contentHash == health.lastContentHash { return .unchanged }
            health.lastContentHash = document.contentHash
            return .fetched(document)
        case 304:
            if let etag = response.header("etag") { health.etag = etag }
            if let modified = response.header("last-modified") { health.lastModified = modified }
            return .notModified
        case 410:
            health.gone = true
            return .failed(.http4xx, message: "\(feed.id): HTTP 410 Gone: the source says this feed is gone",
                           status: status, retryAfter: nil)
        case 429, 503:
            let wait = retryAfterSeconds(response.header("retry-after"), now: now)
            let waitText = wait.map { ", Retry-After \(Int($0))s" } ?? ""
            return .failed(status == 429 ? .http4xx : .http5xx,
                           message: "\(feed.id): HTTP \(status)\(waitText)", status: status, retryAfter: wait)
        case 300..<400:
            return .failed(.badRedirect, message: "\(feed.id): HTTP \(status) without a usable Location",
                           status: status, retryAfter: nil)
        case 400..<500:
            return .failed(.http4xx, message: "\(feed.id): HTTP \(status)", status: status, retryAfter: nil)
        default:
            return .failed(.http5xx, message: "\(feed.id): HTTP \(status)", status: status, retryAfter: nil)
        }
    }

    static func errorClass(_ kind: TransferError.Kind) -> FetchErrorClass {
        switch kind {
        case .dns: .dns
        case .connect: .connect
        case .tls: .tls
        case .timeout: .timeout
        case .tooLarge: .tooLarge
        case .badRedirect: .badRedirect
        case .refusedAddress: .refusedAddress
        case .other: .other
        }
    }
}
