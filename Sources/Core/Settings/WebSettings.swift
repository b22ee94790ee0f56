import Foundation

/// The `web:` section of chipwatch.yaml (`chipwatch serve`).
public struct WebSettings: Sendable, Equatable {
    /// The address and port the server listens on; loopback unless the file says otherwise.
    public var host: String
    public var port: Int
    /// `name:bcrypt-hash` lines (as `htpasswd -B` writes them, or `chipwatch web adduser`).
    public var usersFile: String
    /// Addresses of reverse proxies whose `X-Forwarded-Proto` and `X-Forwarded-For` are believed
    /// (a session cookie is marked Secure behind a proxy that terminates TLS). None by default.
    public var trustedProxies: [String]

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8640

    public init(host: String = defaultHost, port: Int = defaultPort, usersFile: String, trustedProxies: [String] = []) {
        self.host = host
        self.port = port
        self.usersFile = usersFile
        self.trustedProxies = trustedProxies
    }

    /// `host:port`, `[v6]:port`; nil when malformed.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        host = host.trimmingCharacters(in: .whitespaces)[...]
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(host), port)
    }
}
