import Core
import Foundation
import Hummingbird
import Logging

/// What the web view serves from: the store (read only), the configuration's feeds, roadmap
/// and rules, and the users who may read it.
public struct WebSite: Sendable {
    let reader: StoreReader
    let feeds: [Feed]
    let roadmap: [Milestone]
    let rules: RuleSet?
    let users: WebUsers
    let settings: WebSettings
    /// The store's version (`sqliteStoreVersion`), for the answers kept until it changes; nil
    /// keeps none.
    let version: @Sendable () -> String?
    let cache = RenderCache<[String]>()
    /// Whole answers with their gzip form (the report, one per `at` asked): a few, since a
    /// report at 500k signals is 6 MB.
    let packed = RenderCache<PackedBody>(capacity: 8)

    /// `store` is read from one thread at a time unless `concurrentReads` (a SQLite pool reads
    /// in parallel; a PostgreSQL stage store holds one session).
    public init(store: any ReviewStore, concurrentReads: Bool, feeds: [Feed], roadmap: [Milestone], rules: RuleSet?,
                users: WebUsers, settings: WebSettings, version: @escaping @Sendable () -> String? = { nil }) {
        reader = StoreReader(store, concurrent: concurrentReads)
        self.version = version
        self.feeds = feeds
        self.roadmap = roadmap
        self.rules = rules
        self.users = users
        self.settings = settings
    }

    var roadmapOrder: [String] { roadmap.map(\.id) }

    /// What a kept answer is valid for: the store's version and the day (pages draw "today" on
    /// their timelines); nil when the store has no version.
    private var keptVersion: String? { version().map { "\($0) \(Timestamp.format(Date()).prefix(10))" } }

    /// Strings read from the store for `key`, kept until the store's version or the day changes.
    func cached(_ key: String, _ read: @escaping @Sendable (any ReviewStore) throws -> [String]) async throws -> [String] {
        let reader = self.reader
        return try await cache.value(key, version: keptVersion) { try await reader.read(read) }
    }

    /// A whole answer read from the store for `key`, kept with its gzip form as `cached` keeps.
    func packed(_ key: String, _ read: @escaping @Sendable (any ReviewStore) throws -> String) async throws -> PackedBody {
        let reader = self.reader
        return try await packed.value(key, version: keptVersion) { PackedBody(try await reader.read(read)) }
    }
}

/// Runs the store's blocking reads off the server's event loops, on a queue of their own.
final class StoreReader: @unchecked Sendable {
    // The store is only touched on `queue` (serial unless the store reads in parallel).
    private let store: any ReviewStore
    private let queue: DispatchQueue

    init(_ store: any ReviewStore, concurrent: Bool) {
        self.store = store
        queue = DispatchQueue(label: "chipwatch.web.store", attributes: concurrent ? .concurrent : [])
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any ReviewStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do { continuation.resume(returning: try body(self.store)) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}

/// `chipwatch serve`: the pages, the API and the login, on Hummingbird.
public enum WebServer {
    /// Builds the application; `onListening` gets the bound address (the port may be 0 in the file).
    public static func application(_ site: WebSite, logger: Logger,
                                   onListening: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let router = Router(context: WebContext.self)
        let gate = Gate(site: site, logger: logger)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: gate)
        Pages(site: site).register(on: router, gate: gate)
        API(site: site).register(on: router)
        return Application(router: router,
                           configuration: .init(address: .hostname(site.settings.host, port: site.settings.port),
                                                serverName: nil),
                           onServerRunning: { channel in
                               let address = channel.localAddress
                               let host = address?.ipAddress ?? site.settings.host
                               onListening("\(host.contains(":") ? "[\(host)]" : host):\(address?.port ?? site.settings.port)")
                           },
                           logger: logger)
    }
}

/// Headers on every answer: a Content-Security-Policy that allows no script at all, one
/// stylesheet from here and nothing framed; no MIME sniffing, no referrer to the sources linked.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = WebContext
    static let policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = Response(status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: (error.body ?? error.status.reasonPhrase) + "\n")))
        }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
