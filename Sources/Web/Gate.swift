import Foundation
import Hummingbird
import Logging

/// Who may read: every path but the login page, its stylesheet and the health check needs a
/// user, by HTTP Basic (curl, feed readers) or by the session cookie the login form sets
/// (browsers). Failed logins count per client address and are refused for a while past five.
/// Passwords are never logged; a failed login logs the name and the address.
struct Gate: RouterMiddleware {
    typealias Context = WebContext
    static let cookie = "chipwatch_session"
    static let open: Set<String> = ["/login", "/healthz", "/static/style.css"]

    let site: WebSite
    let logger: Logger
    let sessions = SessionBook()
    let throttle = LoginThrottle()
    let verified = VerifiedCredentials()

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        place(request, &context)
        if let token = request.cookies[Self.cookie]?.value, let user = sessions.user(token, now: Date()) {
            context.user = user
            context.session = token
        }
        if let basic = Self.basic(request) {
            switch await check(basic.user, basic.password, from: context.client) {
            case .ok: context.user = basic.user
            case .refused: return Self.unauthorized(request, message: "wrong user name or password")
            case let .throttled(seconds): return Self.throttled(seconds)
            }
        }
        if context.user == nil, !Self.open.contains(request.uri.path) { return Self.unauthorized(request, message: nil) }
        return try await next(request, context)
    }

    enum Verdict: Equatable { case ok, refused, throttled(Int) }

    /// Checks a name and password (bcrypt off the event loop, a recent success remembered).
    func check(_ user: String, _ password: String, from client: String) async -> Verdict {
        let now = Date()
        if let seconds = throttle.blocked(client, now: now) { return .throttled(seconds) }
        let key = VerifiedCredentials.key(user, password)
        if verified.contains(key, now: now) { return .ok }
        let users = site.users
        let good = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: users.verify(user, password)) }
        }
        if good {
            verified.insert(key, now: now)
            throttle.succeed(client)
            return .ok
        }
        throttle.fail(client, now: now)
        logger.warning("login failed", metadata: ["user": "\(user)", "client": "\(client)"])
        return .refused
    }

    /// The client's address and whether it came over TLS: from a trusted proxy's
    /// `X-Forwarded-For` (its last hop) and `X-Forwarded-Proto`, else the socket's peer.
    private func place(_ request: Request, _ context: inout WebContext) {
        guard site.settings.trustedProxies.contains(context.peer) else { return }
        if let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.client = last
        }
        context.overTLS = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func basic(_ request: Request) -> (user: String, password: String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// 401: a browser (it accepts HTML) gets the login form; anything else gets a Basic challenge.
    static func unauthorized(_ request: Request, message: String?) -> Response {
        let browser = request.headers[.accept]?.contains("text/html") == true
        if browser {
            let target = request.uri.path == "/login" ? "/" : request.uri.description
            return Pages.loginPage(status: .unauthorized, next: target, message: message)
        }
        return Response(status: .unauthorized,
                        headers: [.wwwAuthenticate: "Basic realm=\"chipwatch\", charset=\"UTF-8\"", .contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "401 Unauthorized: log in at /login or send HTTP Basic credentials\n")))
    }

    static func throttled(_ seconds: Int) -> Response {
        Response(status: .tooManyRequests, headers: [.retryAfter: "\(seconds)", .contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "429 Too Many Requests: too many failed logins from this address; try again in \(seconds) s\n")))
    }
}
