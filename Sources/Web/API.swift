import Core
import Foundation
import Hummingbird
import Review
import Wire

/// `/api/v1/…`: the CLI's `--format json` shapes (Wire), each list as
/// `{"items": [...], "next": cursor-or-null}`; `next` goes back as `after` for the next page.
/// Described by `/api/v1/openapi.yaml`.
struct API {
    let site: WebSite

    func register(on router: Router<WebContext>) {
        router.get("/api/v1/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.get("/api/v1/signals") { request, _ in
            let query: SignalQuery
            do { query = try SignalQuery.parse(FormFields.parse(request.uri.query)) } catch let problem as SignalQuery.Problem {
                return Self.error(.badRequest, problem.message)
            }
            return try await json {
                let page = try $0.signalPage(query.filter, after: query.after, limit: query.limit)
                return Self.list(page.records.map { WireJSON.line(SignalLogJSON($0)) }, next: page.next)
            }
        }
        router.get("/api/v1/milestones") { _, _ in
            let order = site.roadmapOrder
            return try await json(cached: "/api/v1/milestones") { store in
                Self.list(MilestoneListing.make(try store.milestoneViews(at: nil, evidence: .summary).inRoadmapOrder(order)).json, next: nil)
            }
        }
        router.get("/api/v1/alerts") { request, _ in
            let fields = FormFields.parse(request.uri.query)
            var limit = 50
            if let text = fields["limit"] {
                guard let value = Int(text), (1...SignalQuery.maxLimit).contains(value) else {
                    return Self.error(.badRequest, "limit: \"\(text)\" must be a whole number from 1 to \(SignalQuery.maxLimit)")
                }
                limit = value
            }
            if let after = fields["after"], Int64(after) == nil { return Self.error(.badRequest, "after: \"\(after)\" is not a cursor this server gave") }
            let size = limit
            return try await json { store in
                let (views, next) = try Pages.alertPage(store, after: fields["after"], limit: size)
                return Self.list(views.map { WireJSON.line(AlertJSON($0)) }, next: next)
            }
        }
        router.get("/api/v1/feeds") { _, _ in
            let feeds = site.feeds
            return try await json(cached: "/api/v1/feeds") { store in Self.list(FeedHealthListing.make(feeds: feeds, health: try store.feedHealth()).json, next: nil) }
        }
    }

    /// With `cached`, the answer is kept until the store changes (`WebSite.cached`).
    private func json(cached key: String? = nil, _ render: @escaping @Sendable (any ReviewStore) throws -> String) async throws -> Response {
        do {
            if let key { return Self.response(.ok, try await site.cached(key) { [try render($0)] }[0]) }
            return Self.response(.ok, try await site.reader.read(render))
        } catch {
            // The query was checked before it reached the store: this is the server's trouble
            // (a store gone, a lost connection), to retry later.
            return Self.error(.serviceUnavailable, "the store could not answer this query: \(error)")
        }
    }

    /// The list envelope around JSON lines that are already encoded.
    static func list(_ lines: [String], next: String?) -> String {
        let items = lines.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: ",")
        let cursor = next.map { String(decoding: (try? JSONWriter.bytes($0, iso8601Dates: false)) ?? Array("null".utf8), as: UTF8.self) } ?? "null"
        return "{\"items\":[\(items)],\"next\":\(cursor)}\n"
    }

    static func response(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        response(status, "{\"error\":\(String(decoding: (try? JSONWriter.bytes(message, iso8601Dates: false)) ?? Array("\"\"".utf8), as: UTF8.self))}\n")
    }
}
