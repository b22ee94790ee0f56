import Core
import Fetch
import Foundation
import Logging
import Store
import TestSupport
import Testing

/// The fetch stage against a real HTTP server on 127.0.0.1 and a real SQLite file.
@Suite("Fetch stage, against a real HTTP server", .serialized)
struct FetchStageTests {
    let server: LoopbackServer
    let dir: TempDir
    let store: Store
    let now = Date(timeIntervalSince1970: 1_775_044_800)  // 2026-04-01T12:00:00Z

    init() throws {
        server = try LoopbackServer()
        dir = try TempDir()
        store = try Store(directory: dir.path + "/state")
    }

    func settings(_ change: (inout FetchSettings) -> Void = { _ in }) -> FetchSettings {
        var settings = FetchSettings()
        settings.allowPrivateNetworks = true
        settings.timeoutSeconds = 5
        settings.connectTimeoutSeconds = 2
        settings.maxBodyBytes = 1_000_000
        change(&settings)
        return settings
    }

    func feed(_ id: String, _ path: String) -> Feed {
        Feed(id: id, url: server.url(path), tier: .tradePress, interval: 3600)
    }

    @discardableResult
    func fetch(_ feeds: [Feed], settings: FetchSettings? = nil, at time: Date? = nil, force: Bool = false) throws -> FetchRunSummary {
        try FetchStage(settings: settings ?? self.settings(), logger: Logger(label: "test"))
            .run(feeds: feeds, store: store, now: time ?? now, force: force)
    }

    func health(_ id: String) throws -> FeedHealth {
        try #require(try store.feedHealth()[id])
    }

    @Test("an ETag is sent back and a 304 stores nothing new")
    func etagConditionalGet() throws {
        let feeds = [feed("a", "/feed/etag")]
        let first = try fetch(feeds)
        #expect(first.fetched == 1)
        #expect(try health("a").etag == "\"v-1\"")
        let second = try fetch(feeds, force: true)
        #expect(second.notModified == 1 && second.fetched == 0)
        #expect(try server.stats().headers["/feed/etag"]?["if-none-match"] == "\"v-1\"")
        #expect(try store.documents(feedID: "a").count == 1)
    }

    @Test("Last-Modified is sent back as If-Modified-Since")
    func lastModifiedConditionalGet() throws {
        let feeds = [feed("a", "/feed/lastmod")]
        try fetch(feeds)
        let second = try fetch(feeds, force: true)
        #expect(second.notModified == 1)
        #expect(try server.stats().headers["/feed/lastmod"]?["if-modified-since"] == "Wed, 01 Apr 2026 10:00:00 GMT")
    }

    @Test("a body equal to the last stored one is not stored again")
    func unchangedBody() throws {
        let feeds = [feed("a", "/feed/plain")]
        try fetch(feeds)
        let second = try fetch(feeds, force: true)
        #expect(second.unchanged == 1)
        #expect(try store.documents(feedID: "a").count == 1)
    }

    @Test("a gzip body is decoded and offered encodings are announced")
    func gzipBody() throws {
        try fetch([feed("a", "/gzip")])
        let document = try #require(try store.documents(feedID: "a").first)
        #expect(String(decoding: document.body, as: UTF8.self).hasPrefix("<?xml"))
        let accept = try server.stats().headers["/gzip"]?["accept-encoding"] ?? ""
        #expect(accept.contains("gzip") && accept.contains("deflate"))
    }

    @Test("a chunked body under the cap arrives whole")
    func chunkedBody() throws {
        try fetch([feed("a", "/chunked?size=300000")])
        #expect(try store.documents(feedID: "a").first?.body.count == 300_000)
    }

    @Test("bodies over the cap are refused while receiving", arguments: [
        ("chunked", "/chunked?size=3000000"),
        ("content-length", "/big?size=3000000"),
        ("gzip bomb", "/bomb"),
    ])
    func oversizedBodies(name: String, path: String) throws {
        let summary = try fetch([feed("a", path)])
        #expect(summary.failed == 1, "\(name)")
        #expect(try health("a").lastErrorClass == .tooLarge, "\(name)")
        #expect(try store.documents(feedID: "a").isEmpty)
    }

    @Test("a server trickling bytes is cut off by the low-speed limit")
    func trickle() throws {
        let start = Date()
        try fetch([feed("a", "/slow")], settings: settings {
            $0.timeoutSeconds = 60
            $0.lowSpeedBytesPerSecond = 100
            $0.lowSpeedSeconds = 2
        })
        #expect(try health("a").lastErrorClass == .timeout)
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("a hanging server hits the total timeout")
    func hang() throws {
        try fetch([feed("a", "/hang?s=20")], settings: settings { $0.timeoutSeconds = 1.5 })
        #expect(try health("a").lastErrorClass == .timeout)
    }

    @Test("hanging sources give their slot up and cost their timeout side by side, not one after another")
    func hangersSideBySide() throws {
        let hangers = (1...3).map { feed("h\($0)", "/hang?s=20&n=\($0)") }
        let others = (1...4).map { feed("f\($0)", "/feed/plain?n=\($0)") }
        let start = Date()
        let summary = try fetch(hangers + others, settings: settings {
            // One transfer at a time; a host may have as many silent ones beside it.
            $0.concurrency = 1
            $0.perHost = 3
            $0.connectTimeoutSeconds = 0.3
            $0.timeoutSeconds = 3
        })
        let elapsed = Date().timeIntervalSince(start)
        #expect(summary.fetched == 4 && summary.failed == 3 && summary.deferred == 0)
        for h in hangers { #expect(try health(h.id).lastErrorClass == .timeout) }
        // One after another the three would take at least 9 s; side by side about 3.
        #expect(elapsed < 6, "took \(elapsed) s")
        #expect(try server.stats().peak >= 3, "silent transfers kept their slot")
    }

    @Test("the run's deadline ends what still runs as a timeout and leaves the rest due for the next run")
    func runDeadline() throws {
        let feeds = [feed("h", "/hang?s=20"), feed("a", "/feed/plain?n=1"), feed("b", "/feed/plain?n=2")]
        let limited = settings {
            $0.concurrency = 1
            $0.perHost = 1
            $0.connectTimeoutSeconds = 5
            $0.timeoutSeconds = 10
            $0.runDeadlineSeconds = 1
        }
        let start = Date()
        let first = try fetch(feeds, settings: limited)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(first.attempted == 1 && first.failed == 1 && first.deferred == 2)
        let h = try health("h")
        #expect(h.lastErrorClass == .timeout)
        #expect(h.lastError?.contains("deadline") == true, "\(h.lastError ?? "")")
        #expect(try store.feedHealth()["a"]?.lastAttempt == nil)
        #expect(try store.fetchRuns(limit: 1).first?.deferred == 2)
        // The next run (the hanging feed now backing off) takes the two that waited.
        let second = try fetch(feeds, settings: limited, at: now.addingTimeInterval(60))
        #expect(second.fetched == 2 && second.deferred == 0 && second.skippedNotDue == 1)
    }

    @Test("a transfer the deadline cuts just after it started is not blamed: it waits for the next run")
    func lateStartAtDeadline() throws {
        // One slot: "h" hangs from the start and gives its slot up after a second of silence;
        // "late" (hanging too) starts then, and the deadline comes before it could be silent as long.
        let feeds = [feed("h", "/hang?s=20"), feed("late", "/hang?s=20"), feed("b", "/feed/plain?n=1")]
        let limited = settings {
            $0.concurrency = 1
            $0.perHost = 1
            $0.connectTimeoutSeconds = 1
            $0.timeoutSeconds = 10
            $0.runDeadlineSeconds = 1.4
        }
        let summary = try fetch(feeds, settings: limited)
        #expect(summary.failed == 1 && summary.deferred == 2, "\(summary)")
        #expect(try health("h").lastErrorClass == .timeout)
        #expect(try store.feedHealth()["late"]?.lastAttempt == nil, "a late start is not recorded as a failure")
        #expect(try store.feedHealth()["b"]?.lastAttempt == nil)
    }

    @Test("HTTP errors are recorded with their class and back off", arguments: [
        ("/status/500", FetchErrorClass.http5xx),
        ("/status/404", FetchErrorClass.http4xx),
    ])
    func httpErrors(path: String, errorClass: FetchErrorClass) throws {
        try fetch([feed("a", path)])
        let h = try health("a")
        #expect(h.lastErrorClass == errorClass)
        #expect(h.consecutiveFailures == 1)
        #expect(h.lastStatus == path.split(separator: "/").last.flatMap { Int($0) })
        let wait = try #require(h.nextAttempt).timeIntervalSince(now)
        #expect(wait >= FetchPolicy.baseBackoff * 0.75 && wait <= FetchPolicy.baseBackoff * 1.25)
    }

    @Test("429 and 503 honour Retry-After", arguments: [429, 503])
    func retryAfter(status: Int) throws {
        try fetch([feed("a", "/status/\(status)?retry=7200")])
        let h = try health("a")
        #expect(h.nextAttempt == now.addingTimeInterval(7200))
        #expect(h.lastError?.contains("Retry-After 7200s") == true)
    }

    @Test("410 marks the feed gone")
    func gone() throws {
        try fetch([feed("a", "/status/410")])
        let h = try health("a")
        #expect(h.gone)
        #expect(h.lastErrorClass == .http4xx)
    }

    @Test("a permanent redirect is followed and recorded; the configured URL is kept")
    func permanentRedirect() throws {
        try fetch([feed("a", "/redirect/308")])
        let h = try health("a")
        #expect(h.url == server.url("/redirect/308"))
        #expect(h.movedTo == server.url("/feed/plain?from=301"))
        let document = try #require(try store.documents(feedID: "a").first)
        #expect(document.finalURL == server.url("/feed/plain?from=301"))
        #expect(document.url == server.url("/redirect/308"))
    }

    @Test("a temporary redirect is followed but not recorded as a move")
    func temporaryRedirect() throws {
        try fetch([feed("a", "/redirect/temporary")])
        #expect(try health("a").movedTo == nil)
        #expect(try store.documents(feedID: "a").count == 1)
    }

    @Test("redirects to file:// and redirect loops are refused", arguments: ["/redirect/file", "/redirect/loop"])
    func badRedirects(path: String) throws {
        try fetch([feed("a", path)])
        #expect(try health("a").lastErrorClass == .badRedirect)
        #expect(try store.documents(feedID: "a").isEmpty)
    }

    @Test("loopback addresses are refused unless allow_private_networks is set")
    func privateAddressGuard() throws {
        try fetch([feed("a", "/feed/plain")], settings: settings { $0.allowPrivateNetworks = false })
        #expect(try health("a").lastErrorClass == .refusedAddress)
        #expect(try server.stats().hits["/feed/plain"] == nil)
    }

    @Test("a feed is not polled again before its interval, unless forced")
    func dueness() throws {
        let feeds = [feed("a", "/feed/plain")]
        try fetch(feeds)
        let early = try fetch(feeds, at: now.addingTimeInterval(600))
        #expect(early.attempted == 0 && early.skippedNotDue == 1)
        let forced = try fetch(feeds, at: now.addingTimeInterval(600), force: true)
        #expect(forced.attempted == 1)
        let later = try fetch(feeds, at: now.addingTimeInterval(600 + 3601))
        #expect(later.attempted == 1)
        #expect(try server.stats().hits["/feed/plain"] == 3)
    }

    @Test("one broken feed never stops the others")
    func brokenFeedIsolated() throws {
        let feeds = [feed("ok", "/feed/plain"), feed("bad", "/status/500"), feed("bomb", "/bomb"),
                     feed("ok2", "/feed/etag")]
        let summary = try fetch(feeds)
        #expect(summary.fetched == 2 && summary.failed == 2)
        #expect(try store.documents(feedID: "ok").count == 1)
        #expect(try store.documents(feedID: "ok2").count == 1)
    }

    @Test("failures back off, then a success resets the count")
    func recovery() throws {
        let feeds = [feed("a", "/flaky/x?n=2")]
        try fetch(feeds)
        let first = try health("a")
        let firstNext = try #require(first.nextAttempt)
        try fetch(feeds, at: firstNext)
        let second = try health("a")
        let secondNext = try #require(second.nextAttempt)
        #expect(second.consecutiveFailures == 2)
        #expect(secondNext.timeIntervalSince(firstNext) > firstNext.timeIntervalSince(now))
        try fetch(feeds, at: secondNext)
        let third = try health("a")
        #expect(third.consecutiveFailures == 0 && third.lastError == nil)
        #expect(third.nextAttempt == secondNext.addingTimeInterval(3600))
    }

    @Test("no more than per_host transfers go to one host at once")
    func perHostLimit() throws {
        let feeds = (0..<6).map { feed("d\($0)", "/delay?ms=400&i=\($0)") }
        // Answers within the 2 s after which a silent transfer would give its slot up.
        try fetch(feeds, settings: settings { $0.perHost = 2; $0.concurrency = 16; $0.timeoutSeconds = 30 })
        #expect(try server.stats().peak == 2)
    }

    @Test("when nothing can connect, the run is the network's fault, not each source's")
    func networkUnreachable() throws {
        let feeds = [Feed(id: "a", url: "http://127.0.0.1:1/feed", interval: 3600),
                     Feed(id: "b", url: "http://127.0.0.2:1/feed", interval: 3600)]
        let summary = try fetch(feeds)
        #expect(summary.networkUnreachable)
        let h = try health("a")
        #expect(h.consecutiveFailures == 0)
        #expect(h.lastError?.contains("network unreachable") == true)
        #expect(try store.fetchRuns().first?.networkUnreachable == true)
    }

    @Test("a name that does not resolve is a dns failure")
    func dnsFailure() throws {
        try fetch([Feed(id: "a", url: "http://nonexistent.invalid/feed", interval: 3600),
                   feed("b", "/feed/plain")])
        #expect(try health("a").lastErrorClass == .dns)
        #expect(try health("a").consecutiveFailures == 1)
    }
}
