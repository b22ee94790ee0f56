import Foundation
import Hummingbird

/// The request context of `chipwatch serve`: who is asking (after the gate), from where, and
/// whether the browser reached us over TLS (as a trusted proxy says).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address as the socket gives it (a proxy's, behind one).
    let peer: String
    /// The client's address: the peer, or the last `X-Forwarded-For` hop a trusted proxy added.
    var client: String
    var user: String?
    var overTLS = false
    /// The session token the request came with, when it named a live session.
    var session: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
        client = peer
    }
}

/// A form body or a query string as name → value (the first of each name), `+` read as a space.
enum FormFields {
    static func parse(_ text: String?) -> [String: String] {
        guard let text, !text.isEmpty else { return [:] }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
