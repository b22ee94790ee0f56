import Core
import Curl
import Fetch
import Foundation
import Testing

/// `FetchPolicy.outcome` as a table: a feed's health before, one transfer's result, and what
/// it comes to (the result kind, the error class, failures counted, when to try again).
@Suite("Fetch outcomes")
struct FetchOutcomeTests {
    static let feed = Feed(id: "fr-bis", url: "https://bis.example/feed", interval: 3600)

    enum Transfer: Sendable {
        case response(status: Int, headers: [String: String] = [:], body: String = "<rss/>", redirects: [Int] = [],
                      effective: String = "https://bis.example/feed")
        case error(TransferError.Kind)
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var failuresBefore = 0
        var hashBefore: String?
        var urlBefore = "https://bis.example/feed"
        var transfer: Transfer
        /// "fetched", "notModified", "unchanged" or "failed <class>".
        var result: String
        var failuresAfter: Int
        /// Seconds until the next attempt: exact, or the backoff's ±25% band when nil.
        var nextIn: Double?
        var gone = false
        var movedTo: String?
        var testDescription: String { name }
    }

    static let body = "<rss/>"
    static let bodyHash = ContentHash.sha256Hex(Array(body.utf8))

    static let rows: [Row] = [
        Row(name: "200 with a new body is fetched; failures reset; next at the interval",
            failuresBefore: 3, transfer: .response(status: 200), result: "fetched", failuresAfter: 0, nextIn: 3600),
        Row(name: "200 with the body of last time is unchanged",
            hashBefore: bodyHash, transfer: .response(status: 200), result: "unchanged", failuresAfter: 0, nextIn: 3600),
        Row(name: "304 is not modified",
            transfer: .response(status: 304), result: "notModified", failuresAfter: 0, nextIn: 3600),
        Row(name: "404 is a 4xx failure with backoff",
            transfer: .response(status: 404), result: "failed http-4xx", failuresAfter: 1, nextIn: nil),
        Row(name: "500 after two failures is the third",
            failuresBefore: 2, transfer: .response(status: 500), result: "failed http-5xx", failuresAfter: 3, nextIn: nil),
        Row(name: "429 with Retry-After waits what the server asked",
            transfer: .response(status: 429, headers: ["retry-after": "120"]), result: "failed http-4xx", failuresAfter: 1, nextIn: 120),
        Row(name: "503 with Retry-After waits what the server asked",
            transfer: .response(status: 503, headers: ["retry-after": "7200"]), result: "failed http-5xx", failuresAfter: 1, nextIn: 7200),
        Row(name: "410 Gone waits the longest backoff and says gone",
            transfer: .response(status: 410), result: "failed http-4xx", failuresAfter: 1, nextIn: FetchPolicy.maxBackoff, gone: true),
        Row(name: "a 3xx that arrived whole had no usable Location",
            transfer: .response(status: 302), result: "failed bad-redirect", failuresAfter: 1, nextIn: nil),
        Row(name: "only permanent redirects move the feed",
            transfer: .response(status: 200, redirects: [301, 308], effective: "https://new.example/feed"),
            result: "fetched", failuresAfter: 0, nextIn: 3600, movedTo: "https://new.example/feed"),
        Row(name: "a temporary redirect on the way does not move it",
            transfer: .response(status: 200, redirects: [301, 302], effective: "https://new.example/feed"),
            result: "fetched", failuresAfter: 0, nextIn: 3600),
        Row(name: "a DNS failure is classed dns", transfer: .error(.dns), result: "failed dns", failuresAfter: 1, nextIn: nil),
        Row(name: "a timeout is classed timeout", failuresBefore: 4, transfer: .error(.timeout), result: "failed timeout",
            failuresAfter: 5, nextIn: nil),
        Row(name: "a refused address is classed refused-address", transfer: .error(.refusedAddress),
            result: "failed refused-address", failuresAfter: 1, nextIn: nil),
        Row(name: "a changed URL forgets the old validators but keeps counting failures",
            failuresBefore: 2, hashBefore: bodyHash, urlBefore: "https://old.example/feed",
            transfer: .response(status: 200), result: "fetched", failuresAfter: 0, nextIn: 3600),
    ]

    @Test("outcome", arguments: rows)
    func outcome(_ row: Row) throws {
        let now = try #require(Timestamp.parse("2026-04-01T12:00:00Z"))
        var health = FeedHealth(feedID: Self.feed.id, url: row.urlBefore)
        health.consecutiveFailures = row.failuresBefore
        health.lastContentHash = row.hashBefore
        let result: Result<HTTPResponse, TransferError>
        switch row.transfer {
        case .response(let status, let headers, let body, let redirects, let effective):
            result = .success(HTTPResponse(status: status, headers: headers.map { (name: $0.key, value: $0.value) },
                                           body: Array(body.utf8), effectiveURL: effective, redirectStatuses: redirects))
        case .error(let kind):
            result = .failure(TransferError(kind: kind, message: "bis.example: \(kind)", code: 6))
        }
        let outcome = FetchPolicy.outcome(feed: Self.feed, previous: health, result: result, now: now, duration: 0.1)
        #expect(Self.describe(outcome.result) == row.result)
        #expect(outcome.health.consecutiveFailures == row.failuresAfter)
        #expect(outcome.health.gone == row.gone)
        #expect(outcome.health.movedTo == row.movedTo)
        #expect(outcome.health.url == Self.feed.url)
        let next = try #require(outcome.health.nextAttempt).timeIntervalSince(now)
        if let expected = row.nextIn {
            #expect(next == expected)
        } else {
            let base = min(FetchPolicy.maxBackoff, FetchPolicy.baseBackoff * pow(2, Double(row.failuresAfter - 1)))
            #expect(next >= base * 0.75 && next <= min(base * 1.25, FetchPolicy.maxBackoff))
        }
        if case .failed(_, let message, _, _) = outcome.result {
            #expect(message.hasPrefix("fr-bis: "), "an error names its feed")
        }
    }

    static func describe(_ result: FetchResult) -> String {
        switch result {
        case .fetched: "fetched"
        case .notModified: "notModified"
        case .unchanged: "unchanged"
        case .failed(let errorClass, _, _, _): "failed \(errorClass.rawValue)"
        }
    }
}
