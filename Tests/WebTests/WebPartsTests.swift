import CompressNIO
import Core
import Foundation
import HummingbirdBcrypt
import TestSupport
import Testing
@testable import Web

/// The parts of the web view that need no server: each is where a mistake would open a hole
/// (escaping, redirects, the throttle) or show the wrong rows (query parsing).
@Suite("Web view parts")
struct WebPartsTests {
    @Test("escaping: the five HTML specials; only http(s) sources become links")
    func escaping() {
        #expect(HTML.esc("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTML.sourceLink("javascript:alert(1)", "t<") == "t&lt;")
        #expect(HTML.sourceLink("HTTPS://example.com/?a=1&b=\"2\"", "t") == "<a href=\"HTTPS://example.com/?a=1&amp;b=&quot;2&quot;\" rel=\"noreferrer noopener\">t</a>")
    }

    @Test("a link's query reads back as written: spaces, plus signs, ampersands", arguments: ["a b", "C++ & co", "50%", "x=y"])
    func queryRoundTrip(value: String) {
        let link = HTML.path("/signals", [("q", value), ("vendor", "")])
        #expect(!link.contains("vendor="), "empty fields are left out")
        let query = String(link.split(separator: "?", maxSplits: 1)[1])
        #expect(FormFields.parse(query)["q"] == value, "\(link)")
    }

    @Test("after login, only a path of this site", arguments: [
        ("/alerts?x=1", "/alerts?x=1"), ("//evil.example/", "/"), ("https://evil.example/", "/"), ("/\\evil.example", "/"), (nil, "/"), ("alerts", "/"),
    ] as [(String?, String)])
    func safeNext(next: String?, expected: String) {
        #expect(Pages.safeNext(next) == expected)
    }

    @Test("signal query: every filter read, limit and cursor bounded")
    func signalQuery() throws {
        let query = try SignalQuery.parse(["since": "2026-01-01", "until": "2026-06-30T00:00:00Z", "vendor": "Huawei", "product": "950",
                                           "event": "slip", "modality": "reported", "min_confidence": "0.7", "q": "Ascend", "limit": "10",
                                           "after": "2026-05-01 02:00:00.000|42", "stories": "1", "junk": "x"])
        #expect(query.filter.since == Timestamp.parse("2026-01-01T00:00:00Z") && query.filter.until == Timestamp.parse("2026-06-30T00:00:00Z"))
        #expect(query.filter.vendor == "Huawei" && query.filter.product == "950" && query.filter.text == "Ascend")
        #expect(query.filter.event == .slip && query.filter.modality == .reported && query.filter.minConfidence == 0.7)
        #expect(query.limit == 10 && query.after == SignalCursor(time: "2026-05-01 02:00:00.000", id: 42))
        #expect(query.fields["junk"] == nil && query.fields["stories"] == "1", "only known fields are carried to the next link")
        #expect(try SignalQuery.parse(["after": "2026-05-01 02:00:00+00|7"]).after?.id == 7, "PostgreSQL's cursor shape")
        #expect(try SignalQuery.parse(["vendor": "  "]).filter.vendor == nil, "a blank field is no filter")
    }

    @Test("signal query: a bad parameter is named", arguments: [
        ("since", "yesterday"), ("event", "shipped"), ("modality", "maybe"), ("min_confidence", "1.5"), ("limit", "0"), ("limit", "501"),
        ("after", "x"), ("after", "x|1"), ("after", "2026-05-01 02:00:00|one"),
    ])
    func badParameter(name: String, value: String) {
        #expect {
            _ = try SignalQuery.parse([name: value])
        } throws: { error in
            (error as? SignalQuery.Problem)?.message.hasPrefix("\(name): \"\(value)\"") == true
        }
    }

    @Test("throttle: five failures block an address for the window, others unaffected; a success clears")
    func throttle() {
        let throttle = LoginThrottle(limit: 5, window: 300)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<4 { throttle.fail("203.0.113.7", now: start.addingTimeInterval(Double(i))) }
        #expect(throttle.blocked("203.0.113.7", now: start.addingTimeInterval(5)) == nil, "four failures: not yet")
        throttle.fail("203.0.113.7", now: start.addingTimeInterval(5))
        #expect(throttle.blocked("203.0.113.7", now: start.addingTimeInterval(10)) == 290)
        #expect(throttle.blocked("198.51.100.2", now: start.addingTimeInterval(10)) == nil)
        #expect(throttle.blocked("203.0.113.7", now: start.addingTimeInterval(301)) == nil, "the window since the first failure passed")
        throttle.fail("192.0.2.1", now: start)
        throttle.succeed("192.0.2.1")
        #expect(throttle.remembered == 0)
    }

    @Test("throttle: memory stays bounded under failures from many addresses; the blocked stay blocked")
    func throttleBound() {
        let throttle = LoginThrottle(limit: 2, window: 300)
        let start = Date(timeIntervalSince1970: 1_000_000)
        throttle.fail("blocked", now: start)
        throttle.fail("blocked", now: start)
        for i in 0..<LoginThrottle.capacity { throttle.fail("10.0.\(i / 256).\(i % 256)", now: start) }
        throttle.fail("late", now: start.addingTimeInterval(10))
        #expect(throttle.remembered == 2, "the once-failed went; the blocked and the newest stay")
        #expect(throttle.blocked("blocked", now: start.addingTimeInterval(10)) != nil)
    }

    @Test("sessions: a token maps to its user until it expires or is closed")
    func sessions() {
        let book = SessionBook()
        let now = Date()
        let token = book.open(user: "ann", now: now)
        #expect(token.count == 64 && token != book.open(user: "ann", now: now))
        #expect(book.user(token, now: now.addingTimeInterval(60)) == "ann")
        #expect(book.user(token, now: now.addingTimeInterval(SessionBook.lifetime + 1)) == nil)
        let other = book.open(user: "bob", now: now)
        book.close(other)
        #expect(book.user(other, now: now) == nil && book.user("made-up", now: now) == nil)
    }

    @Test("verified credentials: remembered five minutes after their last use, not after their check")
    func verifiedCredentials() {
        let verified = VerifiedCredentials()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let key = VerifiedCredentials.key("ann", "pw")
        #expect(key != VerifiedCredentials.key("ann", "pw2") && key.count == 64)
        verified.insert(key, now: start)
        for minute in 1...20 { #expect(verified.contains(key, now: start.addingTimeInterval(Double(minute) * 60)), "in use at minute \(minute)") }
        #expect(!verified.contains(key, now: start.addingTimeInterval(20 * 60 + VerifiedCredentials.lifetime + 1)), "unused for longer")
    }

    @Test("users: htpasswd's $2y$ hashes verify; wrong passwords and unknown names do not")
    func users() throws {
        let hash = Bcrypt.hash("s3cret word", cost: 4)
        let users = WebUsers(hashes: ["ann": hash, "htp": "$2y$" + hash.dropFirst(4)])
        #expect(users.verify("ann", "s3cret word") && users.verify("htp", "s3cret word"))
        #expect(!users.verify("ann", "s3cret") && !users.verify("nobody", "s3cret word"))
        #expect(WebUsers.validName("ann.o-b_1@x") && !WebUsers.validName("a:b") && !WebUsers.validName("") && !WebUsers.validName("ä"))
    }

    @Test("users file: comments and blank lines skipped; a bad line named by number")
    func usersFile() throws {
        let dir = try TempDir()
        let hash = Bcrypt.hash("x", cost: 4)
        let good = try dir.write("users", "# team\n\nann:\(hash)\n")
        #expect(try WebUsers.load(path: good).names == ["ann"])
        #expect(try WebUsers.load(path: dir.path + "/missing").names.isEmpty)
        for (text, message) in [("ann:plain\n", ":1: the hash of ann is not a bcrypt hash"), ("# c\nno-colon\n", ":2: expected name:bcrypt-hash"),
                                ("a b:\(hash)\n", ":1: \"a b\" is not a user name")] {
            let file = try dir.write("bad", text)
            #expect(throws: WebUsers.Problem.self) { try WebUsers.load(path: file) }
            do { _ = try WebUsers.load(path: file) } catch { #expect("\(error)".hasPrefix(file + message), "\(error)") }
        }
    }
}

/// The answers kept until the store changes.
@Suite("Web view render cache")
struct RenderCacheTests {
    /// Counts how often an answer is made, and can be told to fail or to take its time.
    final class Maker: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var made: Int { lock.withLock { count } }
        func make(_ value: String, delay: UInt64 = 0, fail: Bool = false) async throws -> [String] {
            lock.withLock { count += 1 }
            if delay > 0 { try await Task.sleep(nanoseconds: delay) }
            if fail { throw CancellationError() }
            return [value]
        }
    }

    @Test("the same version is served from the entry; a new version, or none, makes it again")
    func versions() async throws {
        let cache = RenderCache<[String]>(), maker = Maker()
        #expect(try await cache.value("/", version: "v1") { try await maker.make("a") } == ["a"])
        #expect(try await cache.value("/", version: "v1") { try await maker.make("b") } == ["a"])
        #expect(maker.made == 1)
        #expect(try await cache.value("/", version: "v2") { try await maker.make("c") } == ["c"])
        #expect(try await cache.value("/feeds", version: "v2") { try await maker.make("d") } == ["d"], "keys apart")
        #expect(try await cache.value("/", version: nil) { try await maker.make("e") } == ["e"])
        #expect(try await cache.value("/", version: nil) { try await maker.make("f") } == ["f"], "no version: nothing kept")
        #expect(maker.made == 5)
    }

    @Test("requests arriving while an answer is made wait for that one")
    func singleFlight() async throws {
        let cache = RenderCache<[String]>(), maker = Maker()
        let answers = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { try await cache.value("/", version: "v1") { try await maker.make("a", delay: 200_000_000) } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 8 && answers.allSatisfy { $0 == ["a"] })
        #expect(maker.made == 1)
    }

    @Test("a failure is not kept; the oldest entry goes past the capacity")
    func failuresAndCapacity() async throws {
        let cache = RenderCache<[String]>(capacity: 2), maker = Maker()
        await #expect(throws: CancellationError.self) { try await cache.value("/", version: "v1") { try await maker.make("x", fail: true) } }
        #expect(try await cache.value("/", version: "v1") { try await maker.make("a") } == ["a"], "tried again")
        _ = try await cache.value("/b", version: "v1") { try await maker.make("b") }
        _ = try await cache.value("/c", version: "v1") { try await maker.make("c") }
        #expect(try await cache.value("/c", version: "v1") { try await maker.make("c2") } == ["c"])
        #expect(try await cache.value("/", version: "v1") { try await maker.make("a2") } == ["a2"], "the oldest was dropped")
    }

    @Test("gzip: offered when asked for and not refused; the packed body reads back as the text", arguments: [
        ("gzip, deflate, br", true), ("br", false), ("gzip;q=0", false), ("GZIP ; q=0.5", true), ("*", true), ("identity", false),
    ])
    func gzip(header: String, accepted: Bool) throws {
        #expect(PackedBody.acceptsGzip(header) == accepted)
        let text = String(repeating: "<svg><rect/></svg>\n", count: 2000)
        let body = PackedBody(text)
        var packed = try #require(body.gzip)
        #expect(packed.readableBytes < body.plain.readableBytes / 10)
        let back = try packed.decompress(with: .gzip(), maxSize: 1 << 20)
        #expect(String(buffer: back) == text && String(buffer: body.plain) == text)
        #expect(!PackedBody.acceptsGzip(nil))
    }

    @Test("a SQLite store's version moves with a write to its WAL, and is nil without the files")
    func sqliteVersion() throws {
        let dir = try TempDir()
        let version = sqliteStoreVersion(directory: dir.path, fileName: "s.sqlite")
        #expect(version() == nil)
        _ = try dir.write("s.sqlite", "db")
        let wal = try dir.write("s.sqlite-wal", "")
        let first = try #require(version())
        #expect(version() == first)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: wal))
        try handle.write(contentsOf: Data("frame".utf8))
        try handle.close()
        #expect(version() != first)
    }
}
