import Core
import Foundation
import PostgresStore
import Store
import TestSupport
import Testing

/// What the store tests read and write: every stage's view of the store, the review reads,
/// the outbox and delivery reads the notify tests check, and what the parse and extract tests
/// inspect. Both stores provide all of it, so one test runs unchanged against either.
protocol ScenarioStore: FetchStore, ParseStore, PageStore, ExtractStore, EvaluateStore, NotifyStore, ReviewStore {
    func documentParseStates() throws -> [Int64: (state: ParseState, error: String?)]
    func items(feedID: String) throws -> [(key: String, title: String, summary: String, revision: Int, parser: String)]
    func signalSummaries() throws -> [(item: Int64, story: Int64, event: String, modality: String, product: String?, window: String?)]
    func signalIdentities() throws -> [String]
    func itemStories() throws -> [Int64: Int64]
    func outboxNotices() throws -> [OutboxEntry]
    func deliveries(state: Delivery.State?) throws -> [Delivery]
    func attempts(deliveryID: Int64) throws -> [(at: Date, ok: Bool, code: Int?, error: String?)]
    func retryDead(id: Int64?, at now: Date) throws -> Int
}

extension Store: ScenarioStore {}
extension PostgresStageStore: ScenarioStore {}

extension FetchStore {
    /// Records `body` as a document of `feedID` fetched at `at`, exactly as the fetch stage
    /// would (a 200 with its content hash in the feed's health), for the parse stage to find.
    func recordFetched(_ feedID: String, _ body: String, at: Date) throws {
        let document = RawDocument(feedID: feedID, url: "https://\(feedID).example/feed", finalURL: "https://\(feedID).example/feed",
                                   status: 200, contentType: "application/rss+xml", etag: nil, lastModified: nil,
                                   fetchedAt: at, body: Array(body.utf8))
        var health = FeedHealth(feedID: feedID, url: document.url)
        health.lastContentHash = document.contentHash
        try record(FetchOutcome(feedID: feedID, result: .fetched(document), health: health, durationSeconds: 0))
    }
}

/// The two stores one test suite runs against: the embedded SQLite file, and PostgreSQL (a new
/// database on the private server of `PrivatePostgres`, migrated as `chipwatch store migrate` does).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store; `dir` holds the SQLite file.
    func open(in dir: TempDir) throws -> OpenedStore {
        switch self {
        case .sqlite:
            return OpenedStore(reopen: { try Store(directory: dir.path) }, close: {})
        case .postgres:
            let server = try PrivatePostgres.shared.get()
            let database = try server.createDatabase()
            let url = "postgres://chipwatch@localhost:\(server.port)/\(database)?host=\(server.folder)"
            let parsed = try PostgresSettings.parseURL(url).get()
            let settings = PostgresSettings(url: url, user: parsed.user, database: parsed.database, endpoint: parsed.endpoint,
                                            password: nil, tls: .disable, pool: 2)
            let store = PostgresStore(settings: settings, password: server.password)
            _ = try PostgresBlocking.wait { try await store.migrate() }
            var opened: [PostgresStageStore] = []
            return OpenedStore(reopen: {
                let stageStore = PostgresStageStore(store: store)
                opened.append(stageStore)
                return stageStore
            }, close: { opened.forEach { $0.close() } })
        }
    }
}

/// A store a test opened, and how to open it again as the next process would.
final class OpenedStore: @unchecked Sendable {
    private let opener: () throws -> any ScenarioStore
    private let closer: () -> Void

    init(reopen: @escaping () throws -> any ScenarioStore, close: @escaping () -> Void) {
        opener = reopen
        closer = close
    }

    func reopen() throws -> any ScenarioStore { try opener() }

    deinit { closer() }
}
