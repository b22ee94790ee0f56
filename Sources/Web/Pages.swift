import Core
import Foundation
import Hummingbird
import Review

/// The server-rendered pages. Each reads the store once, renders on the store's queue and
/// answers whole; nothing here writes.
struct Pages {
    let site: WebSite

    func register(on router: Router<WebContext>, gate: Gate) {
        router.get("/static/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: HTML.stylesheet)))
        }
        router.get("/healthz") { _, _ in
            // A read of the store, so a store gone away shows here.
            do {
                _ = try await site.reader.read { try $0.alertCount(firstFiredBy: .distantPast) }
                return Self.text(.ok, "ok\n")
            } catch {
                return Self.text(.serviceUnavailable, "store unavailable\n")
            }
        }
        router.get("/login") { request, context in
            if context.user != nil { return Self.redirect(Self.safeNext(FormFields.parse(request.uri.query)["next"])) }
            return Self.loginPage(status: .ok, next: FormFields.parse(request.uri.query)["next"] ?? "/", message: nil)
        }
        router.post("/login") { request, context in try await login(request, context, gate) }
        router.post("/logout") { _, context in
            if let token = context.session { gate.sessions.close(token) }
            var response = Self.redirect("/login")
            response.setCookie(Cookie(name: Gate.cookie, value: "", maxAge: 0, path: "/", secure: context.overTLS, httpOnly: true,
                                      sameSite: .strict))
            return response
        }
        router.get("/") { _, context in try await html(context, cached: "/") { store in try board(store) } }
        router.get("/signals") { request, context in try await signals(request, context) }
        router.get("/milestones/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return try await html(context, cached: "/milestones/\(id)") { store in try milestone(store, id: id) }
        }
        router.get("/alerts") { request, context in
            let fields = FormFields.parse(request.uri.query)
            return try await html(context) { store in try alerts(store, after: fields["after"]) }
        }
        router.get("/alerts.atom") { _, _ in
            let atom = try await site.reader.read { store in
                AlertsFeed.render(try store.alertViews(firstFiredBy: Date(), limit: AlertsFeed.entries), now: Date())
            }
            return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: atom)))
        }
        router.get("/alerts/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            return try await html(context) { store in try alert(store, id: id) }
        }
        router.get("/feeds") { _, context in try await html(context, cached: "/feeds") { store in try feeds(store) } }
        router.get("/report") { request, context in try await report(request, context) }
    }

    // MARK: Answers

    /// A page rendered from the store; a missing thing is 404, a bad parameter 400.
    /// With `cached`, the page's body is kept until the store changes (`WebSite.cached`); the
    /// frame around it (the user's name) is made for each request.
    func html(_ context: WebContext, cached key: String? = nil,
              _ render: @escaping @Sendable (any ReviewStore) throws -> (String, String, String)) async throws -> Response {
        let user = context.user
        do {
            let (title, current, body): (String, String, String)
            if let key {
                let parts = try await site.cached(key) { store in
                    let (title, current, body) = try render(store)
                    return [title, current, body]
                }
                (title, current, body) = (parts[0], parts[1], parts[2])
            } else {
                (title, current, body) = try await site.reader.read(render)
            }
            return Self.htmlResponse(.ok, HTML.page(title, user: user, current: current, body))
        } catch let missing as Missing {
            return Self.htmlResponse(.notFound, HTML.page("Not found", user: user, current: "", "<p>\(HTML.esc(missing.what))</p>"))
        } catch let problem as SignalQuery.Problem {
            return Self.htmlResponse(.badRequest, HTML.page("Bad request", user: user, current: "",
                                                            "<p class=\"error\">\(HTML.esc(problem.message))</p>"))
        }
    }

    struct Missing: Error { var what: String }

    static func htmlResponse(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Where a login may send the browser back to: a path on this site only.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    // MARK: Login

    static func loginPage(status: HTTPResponse.Status, next: String, message: String?) -> Response {
        let body = """
            \(message.map { "<p class=\"error\">\(HTML.esc($0))</p>" } ?? "")
            <form class="login" method="post" action="/login">
            <input type="hidden" name="next" value="\(HTML.esc(safeNext(next)))">
            <label>User <input name="user" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Log in</button>
            </form>
            """
        return htmlResponse(status, HTML.page("Log in", user: nil, current: "/login", body))
    }

    private func login(_ request: Request, _ context: WebContext, _ gate: Gate) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 * 1024)
        let form = FormFields.parse(String(buffer: buffer))
        let next = Self.safeNext(form["next"])
        guard let user = form["user"], let password = form["password"], !user.isEmpty else {
            return Self.loginPage(status: .badRequest, next: next, message: "give a user name and a password")
        }
        switch await gate.check(user, password, from: context.client) {
        case .ok:
            var response = Self.redirect(next)
            response.setCookie(Cookie(name: Gate.cookie, value: gate.sessions.open(user: user, now: Date()), maxAge: Int(SessionBook.lifetime),
                                      path: "/", secure: context.overTLS, httpOnly: true, sameSite: .strict))
            return response
        case .refused:
            return Self.loginPage(status: .unauthorized, next: next, message: "wrong user name or password")
        case let .throttled(seconds):
            var response = Self.loginPage(status: .tooManyRequests, next: next,
                                          message: "too many failed logins from this address; try again in \(seconds) s")
            response.headers[.retryAfter] = "\(seconds)"
            return response
        }
    }
}
