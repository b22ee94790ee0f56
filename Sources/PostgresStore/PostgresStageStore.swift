import Core
import Foundation
import Logging
import NIOCore
import PostgresNIO
import StoreRows

/// The fetch and parse stages' store on PostgreSQL: the protocols the SQLite store implements,
/// for a stage process whose code is synchronous (each call waits for its queries). Work is
/// shared between processes and hosts as in the established designs: a stage claims its next
/// document or page with `FOR UPDATE SKIP LOCKED` in the transaction that then writes its
/// output, so no two processes take the same row, and a process that dies mid-row leaves it,
/// unlocked and still waiting, to the next.
public final class PostgresStageStore: FetchStore, ParseStore, PageStore, @unchecked Sendable {
    let store: PostgresStore
    /// One connection for the process; `claimed` is the row an open transaction holds.
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var claimed: (table: String, ids: Set<Int64>)?
    /// The stories this process has seen, for extract's near-duplicate lookups (`StoryIndex`).
    private var storyIndex = StoryIndex()

    /// Rows per page of a streamed review listing (`eachSignal`, `eachAlert`).
    let reviewPage: Int

    public init(store: PostgresStore, reviewPage: Int = 500) {
        self.store = store
        self.reviewPage = reviewPage
    }

    deinit { close() }

    /// Rolls back a claim never completed and closes the connection (a dying process's claim
    /// is released by the server when the connection drops).
    public func close() {
        lock.lock()
        let open = connection
        connection = nil
        claimed = nil
        lock.unlock()
        guard let open else { return }
        _ = try? PostgresBlocking.wait {
            try await open.close()
        }
    }

    /// Connects now and checks the schema, so a stage that cannot use the store stops before it starts.
    public func connect() throws { _ = try open() }

    /// Makes every later transaction of this process's session read only (`serve`): a write
    /// through this connection fails in the server, whatever the role may do. The role in the
    /// store URL should be a read-only one as well (README, "The web view").
    public func setReadOnly() throws {
        _ = try withConnection { c, log in
            try await c.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", logger: log)
            return true
        }
    }

    // MARK: fetch

    public func syncFeeds(_ feeds: [Feed], at now: Date) throws {
        try transaction { c, log in
            try await c.query("UPDATE feeds SET in_config = 0", logger: log)
            for feed in feeds {
                try await c.query("""
                    INSERT INTO feeds (id, url, tier, tags, in_config, updated_at)
                    VALUES (\(feed.id), \(feed.url), \(feed.tier.rawValue), \(try JSONWriter.string(feed.tags)), 1, \(now))
                    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, tier = EXCLUDED.tier, tags = EXCLUDED.tags,
                        in_config = 1, updated_at = EXCLUDED.updated_at
                    """, logger: log)
            }
        }
    }

    public func feedHealth() throws -> [String: FeedHealth] {
        try withConnection { c, log in
            var health: [String: FeedHealth] = [:]
            let rows = try await c.query("""
                SELECT feed_id, url, consecutive_failures, last_attempt, last_success, last_status, last_error_class, last_error,
                       next_attempt, etag, last_modified, last_content_hash, gone, moved_to FROM feed_health
                """, logger: log)
            for try await (id, url, failures, attempt, success, status, errorClass, error, next, etag, modified, hash, gone, moved)
                in rows.decode((String, String, Int, Date?, Date?, Int?, String?, String?, Date?, String?, String?, String?,
                                Int, String?).self) {
                var h = FeedHealth(feedID: id, url: url)
                h.consecutiveFailures = failures
                h.lastAttempt = attempt
                h.lastSuccess = success
                h.lastStatus = status
                h.lastErrorClass = errorClass.flatMap(FetchErrorClass.init(rawValue:))
                h.lastError = error
                h.nextAttempt = next
                h.etag = etag
                h.lastModified = modified
                h.lastContentHash = hash
                h.gone = gone != 0
                h.movedTo = moved
                health[id] = h
            }
            return health
        }
    }

    /// The health row and the new document (if any) commit together, as on SQLite.
    public func record(_ outcome: FetchOutcome) throws {
        let h = outcome.health
        try transaction { c, log in
            try await c.query("""
                INSERT INTO feed_health (feed_id, url, consecutive_failures, last_attempt, last_success, last_status,
                    last_error_class, last_error, next_attempt, etag, last_modified, last_content_hash, gone, moved_to)
                VALUES (\(h.feedID), \(h.url), \(h.consecutiveFailures), \(h.lastAttempt), \(h.lastSuccess), \(h.lastStatus),
                    \(h.lastErrorClass?.rawValue), \(h.lastError), \(h.nextAttempt), \(h.etag), \(h.lastModified),
                    \(h.lastContentHash), \(h.gone ? 1 : 0), \(h.movedTo))
                ON CONFLICT (feed_id) DO UPDATE SET url = EXCLUDED.url, consecutive_failures = EXCLUDED.consecutive_failures,
                    last_attempt = EXCLUDED.last_attempt, last_success = EXCLUDED.last_success, last_status = EXCLUDED.last_status,
                    last_error_class = EXCLUDED.last_error_class, last_error = EXCLUDED.last_error,
                    next_attempt = EXCLUDED.next_attempt, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
                    last_content_hash = EXCLUDED.last_content_hash, gone = EXCLUDED.gone, moved_to = EXCLUDED.moved_to
                """, logger: log)
            if case .fetched(let d) = outcome.result {
                // The same body again is kept once (UNIQUE (feed_id, content_hash)). Bodies stay as
                // fetched here: compression is the SQLite store's, after parse.
                try await c.query("""
                    INSERT INTO documents (feed_id, url, final_url, status, content_type, etag, last_modified, fetched_at,
                        content_hash, body, body_encoding, body_size)
                    VALUES (\(d.feedID), \(d.url), \(d.finalURL), \(d.status), \(d.contentType), \(d.etag), \(d.lastModified),
                        \(d.fetchedAt), \(d.contentHash), \(ByteBuffer(bytes: d.body)), 'identity', \(d.body.count))
                    ON CONFLICT (feed_id, content_hash) DO NOTHING
                    """, logger: log)
            }
        }
    }

    public func record(_ run: FetchRunSummary) throws {
        try transaction { c, log in
            try await c.query("""
                INSERT INTO fetch_runs (started_at, finished_at, attempted, fetched, not_modified, unchanged, failed,
                    skipped_not_due, network_unreachable, deferred)
                VALUES (\(run.startedAt), \(run.finishedAt), \(run.attempted), \(run.fetched), \(run.notModified),
                    \(run.unchanged), \(run.failed), \(run.skippedNotDue), \(run.networkUnreachable ? 1 : 0), \(run.deferred))
                """, logger: log)
        }
    }

    /// Each site is taken with a session-level advisory lock (class "chip", key the site's
    /// `hashtext`), held until this process ends: two sites sharing a hash are only polled
    /// one after the other, never twice at once. Sites are tried in a random order, so hosts
    /// starting together share them out rather than one taking all.
    public func claim(sites: Set<String>) throws -> Set<String> {
        try withConnection { c, log in
            var claimed: Set<String> = []
            for site in sites.shuffled() {
                for try await got in try await c.query("""
                    SELECT pg_try_advisory_lock(\(Self.siteLockClass), hashtext(\(site)))
                    """, logger: log).decode(Bool.self) where got {
                    claimed.insert(site)
                }
            }
            return claimed
        }
    }

    /// The advisory-lock class of sites being polled ("chip" in ASCII).
    static let siteLockClass: Int32 = 0x6368_6970

    // MARK: pages

    public func wantedPages(feedIDs: [String], limit: Int) throws -> [PageRequest] {
        guard !feedIDs.isEmpty else { return [] }
        return try withConnection { c, log in
            var wanted: [PageRequest] = []
            for try await (id, feed, link) in try await c.query("""
                SELECT i.id, i.feed_id, i.link FROM items i LEFT JOIN pages p ON p.item_id = i.id
                WHERE p.item_id IS NULL AND i.link <> '' AND i.feed_id = ANY(\(feedIDs)) ORDER BY i.id LIMIT \(limit)
                """, logger: log).decode((Int64, String, String).self) {
                wanted.append(PageRequest(itemID: id, feedID: feed, url: link))
            }
            return wanted
        }
    }

    public func record(_ page: FetchedPage) throws {
        try transaction { c, log in
            let state = (page.error == nil ? PageState.new : .failed).rawValue
            try await c.query("""
                INSERT INTO pages (item_id, feed_id, url, final_url, status, content_type, body, fetched_at, state, error)
                VALUES (\(page.request.itemID), \(page.request.feedID), \(page.request.url), \(page.finalURL), \(page.status),
                    \(page.contentType), \(page.body.map { ByteBuffer(bytes: $0) }), \(page.fetchedAt), \(state), \(page.error))
                ON CONFLICT (item_id) DO NOTHING
                """, logger: log)
        }
    }

    public func nextUnextractedPage(after itemID: Int64) throws -> StoredPage? {
        try claim(table: "pages") { c, log in
            for try await (id, feed, url, body) in try await c.query("""
                SELECT item_id, feed_id, COALESCE(final_url, url), body FROM pages
                WHERE state = 'new' AND item_id > \(itemID) ORDER BY item_id LIMIT 1 FOR UPDATE SKIP LOCKED
                """, logger: log).decode((Int64, String, String, ByteBuffer?).self) {
                return ([id], StoredPage(itemID: id, feedID: feed, url: url, body: body.map { Array($0.readableBytesView) } ?? []))
            }
            return nil
        }
    }

    public func recordPageText(itemID: Int64, text: String?, error: String?) throws {
        _ = try complete(table: "pages", id: itemID, waiting: "state = 'new'", key: "item_id") { c, log in
            if let text {
                try await c.query("UPDATE items SET full_text = \(text), extract_state = 'new' WHERE id = \(itemID)", logger: log)
                try await c.query("UPDATE pages SET state = 'extracted', body = NULL WHERE item_id = \(itemID)", logger: log)
            } else {
                try await c.query("UPDATE pages SET state = 'failed', error = \(error) WHERE item_id = \(itemID)", logger: log)
            }
            return true
        }
    }

    /// Reads or changes the story index under the lock.
    func withStoryIndex<T>(_ body: (inout StoryIndex) -> T) -> T { lock.withLock { body(&storyIndex) } }

    // MARK: singletons

    /// Work one process at a time does, across every host on the store: elected with a
    /// session-level advisory lock on the process's connection, held until the process ends
    /// (the server releases it when the connection drops, so a killed holder frees it).
    public enum Singleton: Int64, Sendable {
        /// "chipeval" in ASCII.
        case evaluate = 0x6368_6970_6576_616C
        /// "chipntfy" in ASCII.
        case notify = 0x6368_6970_6E74_6679
    }

    /// Takes `singleton` if no other process holds it; false when another does.
    public func take(_ singleton: Singleton) throws -> Bool {
        try withConnection { c, log in
            var taken = false
            for try await got in try await c.query("SELECT pg_try_advisory_lock(\(singleton.rawValue))", logger: log).decode(Bool.self) {
                taken = got
            }
            return taken
        }
    }

    // MARK: connection and transactions

    typealias Work<T> = @Sendable (PostgresConnection, Logger) async throws -> T

    /// Runs `work` on the process's connection (opened on first use), outside any claim.
    func withConnection<T: Sendable>(_ work: @escaping Work<T>) throws -> T {
        let c = try open()
        // A query on a connection the server already closed never answers: say so instead.
        let lost = PostgresStoreError(.unreachable, "store \(store.settings.url): the server closed the connection "
                                      + "(it went away or ended this session); the open transaction was rolled back")
        guard !c.isClosed else { throw lost }
        let log = store.logger
        return try PostgresBlocking.wait(abandoning: (c, lost)) {
            do { return try await work(c, log) } catch { throw self.store.describe(error) }
        }
    }

    /// Runs `work` in a transaction of its own; a claim still open is given back first.
    @discardableResult
    func transaction<T: Sendable>(_ work: @escaping Work<T>) throws -> T {
        try releaseClaim()
        return try withConnection { c, log in
            try await c.query("BEGIN", logger: log)
            do {
                let result = try await work(c, log)
                try await c.query("COMMIT", logger: log)
                return result
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
    }

    /// Begins a transaction and locks the rows `work` selects; keeps the transaction open when
    /// it finds some (the claim), ends it when it finds none.
    func claim<T: Sendable>(table: String, _ work: @escaping Work<([Int64], T)?>) throws -> T? {
        try releaseClaim()
        let found = try withConnection { c, log -> ([Int64], T)? in
            try await c.query("BEGIN", logger: log)
            do {
                let found = try await work(c, log)
                if found == nil { try await c.query("COMMIT", logger: log) }
                return found
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
        guard let found else { return nil }
        lock.withLock { claimed = (table, Set(found.0)) }
        return found.1
    }

    /// Writes a claimed row's output and commits. Without the claim (a caller that did not
    /// claim first), the row is locked now, and skipped when it no longer waits.
    func complete<T: Sendable>(table: String, id: Int64, waiting: String, key: String = "id",
                                       _ work: @escaping Work<T>) throws -> T? {
        let held = lock.withLock { claimed.map { $0.table == table && $0.ids == [id] } ?? false }
        if !held { try releaseClaim() }
        lock.withLock { claimed = nil }
        return try withConnection { c, log -> T? in
            do {
                if !held {
                    try await c.query("BEGIN", logger: log)
                    var still = false
                    for try await _ in try await c.query(PostgresQuery(unsafeSQL: """
                        SELECT 1 FROM \(table) WHERE \(key) = \(id) AND \(waiting) FOR UPDATE
                        """), logger: log) { still = true }
                    if !still {
                        try await c.query("COMMIT", logger: log)
                        return nil
                    }
                }
                let result = try await work(c, log)
                try await c.query("COMMIT", logger: log)
                return result
            } catch {
                await c.rollback(log, after: error)
                throw error
            }
        }
    }

    /// The rows of `table` this process claimed, taken back from the claim (the caller
    /// completes them in the open transaction).
    func takeClaim(table: String) -> Set<Int64>? {
        lock.withLock {
            guard let held = claimed, held.table == table else { return nil }
            claimed = nil
            return held.ids
        }
    }

    func releaseClaim() throws {
        let held = lock.withLock { () -> Bool in
            defer { claimed = nil }
            return claimed != nil
        }
        if held { _ = try withConnection { c, log in await c.rollback(log); return true } }
    }

    private func open() throws -> PostgresConnection {
        if let connection = lock.withLock({ connection }) { return connection }
        let store = self.store
        let opened = try PostgresBlocking.wait { () -> PostgresConnection in
            do {
                let c = try await PostgresConnection.connect(configuration: try store.configuration(), id: 4, logger: store.logger)
                do {
                    let version = try await store.schemaVersion(c)
                    guard version == PostgresStore.currentVersion else {
                        try store.refuseNewer(version ?? 0)
                        throw PostgresStoreError(.schema, "store \(store.settings.url): holds schema \(version.map(String.init) ?? "none"), "
                                                 + "this version needs \(PostgresStore.currentVersion): run chipwatch store migrate")
                    }
                } catch {
                    try? await c.close()
                    throw error
                }
                return c
            } catch {
                throw store.describe(error)
            }
        }
        lock.withLock { connection = opened }
        return opened
    }
}

extension PostgresConnection {
    /// Ends the open transaction (a claim given back), or the one `error` interrupted. Without
    /// an error, after an SQL error or one of chipwatch's own, the session stands: ROLLBACK.
    /// After any other (the server ended the session, the connection failed) nothing: the
    /// server rolls back what a session that ends had open, and the connection may be closing
    /// but not yet closed, where a query, or even `close()`, waits forever (seen: ROLLBACK, then
    /// close, sent just after the server's FATAL). The next use of the connection finds it
    /// closed and says so (exit 74).
    func rollback(_ logger: Logger, after error: (any Error)? = nil) async {
        guard !isClosed else { return }
        if let failure = error as? PSQLError {
            let severity = failure.serverInfo?[.severity]
            guard failure.code == .server, severity != "FATAL", severity != "PANIC" else { return }
        }
        _ = try? await query("ROLLBACK", logger: logger)
    }
}

/// Waits for async work from synchronous code (stage processes are synchronous): the work runs
/// as a task, this thread waits for its result. The task runs on a queue of its own, not on
/// Swift's cooperative pool: a caller blocked here may itself be one of that pool's few threads
/// (a test, a library calling back), and with all of them waiting no task could ever finish.
public enum PostgresBlocking {
    public static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        try wait(abandoning: nil, work)
    }

    /// With `abandoning`, gives up with its error once its connection has been closed for a
    /// second and the work still waits: postgres-nio 1.33 sometimes never resumes a query that
    /// was in flight when the server ended the session (seen with pg_terminate_backend while
    /// the query waited on a lock), and a stage must exit (74), not hang.
    static func wait<T: Sendable>(abandoning watch: (connection: PostgresConnection, error: any Error)?,
                                  _ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let executor = QueueExecutor()
        Task(executorPreference: executor) {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        var closedChecks = 0
        while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
            guard let watch, watch.connection.isClosed else { closedChecks = 0; continue }
            closedChecks += 1
            if closedChecks >= 4 {
                // The stuck task may yet resume: its executor must outlive it.
                _ = Unmanaged.passRetained(executor)
                throw watch.error
            }
        }
        withExtendedLifetime(executor) {}   // alive until the task is done, whatever the task keeps
        return try box.result!.get()
    }

    /// Written once by the task, read after the signal.
    private final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    /// Runs a task's jobs one at a time on a serial dispatch queue (whose threads the system
    /// adds as others block).
    private final class QueueExecutor: TaskExecutor, @unchecked Sendable {
        private let queue = DispatchQueue(label: "chipwatch.postgres.wait")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }
}
