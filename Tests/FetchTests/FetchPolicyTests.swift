import Core
import Fetch
import Foundation
import Testing

@Suite("Fetch policy")
struct FetchPolicyTests {
    @Test("backoff doubles per failure within ±25% jitter and stops at a day")
    func backoffGrowsAndCaps() {
        for failures in 1...12 {
            let expected = min(FetchPolicy.maxBackoff, FetchPolicy.baseBackoff * pow(2, Double(failures - 1)))
            let wait = FetchPolicy.backoff(failures: failures, feedID: "fr-bis")
            #expect(wait >= expected * 0.75 && wait <= min(expected * 1.25, FetchPolicy.maxBackoff))
        }
        #expect(FetchPolicy.backoff(failures: 50, feedID: "x") <= FetchPolicy.maxBackoff)
    }

    @Test("jitter is deterministic per feed but differs between feeds")
    func jitter() {
        #expect(FetchPolicy.backoff(failures: 3, feedID: "a") == FetchPolicy.backoff(failures: 3, feedID: "a"))
        let spread = Set((0..<20).map { FetchPolicy.backoff(failures: 3, feedID: "feed-\($0)") })
        #expect(spread.count > 10)
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfter() throws {
        let now = try #require(Timestamp.parse("2026-04-01T12:00:00Z"))
        #expect(FetchPolicy.retryAfterSeconds("120", now: now) == 120)
        #expect(FetchPolicy.retryAfterSeconds("Wed, 01 Apr 2026 13:00:00 GMT", now: now) == 3600)
        #expect(FetchPolicy.retryAfterSeconds("soon", now: now) == nil)
        #expect(FetchPolicy.retryAfterSeconds(nil, now: now) == nil)
    }

    @Test("validators are sent only for the URL they came from")
    func conditionalHeaders() {
        var health = FeedHealth(feedID: "a", url: "https://a.example/feed")
        health.etag = "\"x\""
        health.lastModified = "Wed, 01 Apr 2026 10:00:00 GMT"
        let same = FetchPolicy.conditionalHeaders(for: Feed(id: "a", url: "https://a.example/feed"), health: health)
        #expect(same.map(\.name) == ["If-None-Match", "If-Modified-Since"])
        let moved = FetchPolicy.conditionalHeaders(for: Feed(id: "a", url: "https://b.example/feed"), health: health)
        #expect(moved.isEmpty)
    }
}
