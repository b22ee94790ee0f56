import Foundation

/// The `store:` section of chipwatch.yaml.
public struct StoreSettings: Sendable, Equatable {
    /// Parsed documents fetched longer ago than this lose their raw body to
    /// `chipwatch store prune` (their row, items, signals and evidence stay). Unset: kept.
    public var documentRetention: Double?
    /// A shared PostgreSQL store (`store: url:`); nil: the embedded SQLite file in the state directory.
    public var postgres: PostgresSettings?

    public init(documentRetention: Double? = nil, postgres: PostgresSettings? = nil) {
        self.documentRetention = documentRetention
        self.postgres = postgres
    }
}

/// Where a PostgreSQL store is and how to reach it (README, "More than one machine").
public struct PostgresSettings: Sendable, Equatable {
    public enum TLS: String, Sendable, Equatable, CaseIterable {
        /// Encrypted; the server's certificate is not checked (libpq's `sslmode=require`).
        case require
        /// Encrypted, and the certificate must be valid for the host name (`sslmode=verify-full`).
        case verifyFull = "verify-full"
        /// Plain text: accepted only over a Unix socket or loopback.
        case disable
    }

    /// The URL as written (it carries no password).
    public var url: String
    /// The user, the database and where the server listens, read from the URL.
    public var user: String
    public var database: String
    public var endpoint: Endpoint
    public var password: SecretSource?
    public var tls: TLS
    /// Connections a process may hold.
    public var pool: Int

    public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        /// The folder holding the server's socket, and the port that names the socket file.
        case socket(folder: String, port: Int)

        public var description: String {
            switch self {
            case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .socket(let folder, let port): "\(folder)/.s.PGSQL.\(port)"
            }
        }

        /// Plain text is safe only where no network carries it.
        public var isLocal: Bool {
            switch self {
            case .socket: true
            case .tcp(let host, _): host == "localhost" || host == "::1" || host.hasPrefix("127.")
            }
        }
    }

    public init(url: String, user: String, database: String, endpoint: Endpoint, password: SecretSource?, tls: TLS, pool: Int) {
        self.url = url
        self.user = user
        self.database = database
        self.endpoint = endpoint
        self.password = password
        self.tls = tls
        self.pool = pool
    }

    /// Reads `postgres://user@host:port/database`. The host may be a Unix socket folder,
    /// percent-encoded (`postgres://chipwatch@%2Frun%2Fpostgresql/chipwatch`) or given as
    /// `?host=/run/postgresql` as libpq reads it. Returns the problem when the URL is unusable.
    public static func parseURL(_ url: String) -> Result<(user: String, database: String, endpoint: Endpoint), URLProblem> {
        // Checked first, so no message below repeats a password written into the URL.
        if URLComponents(string: url)?.password != nil {
            return .failure(URLProblem("must not carry a password: use password_file, password_env or credential"))
        }
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            return .failure(URLProblem("\"\(url)\" must be a postgres:// URL, such as postgres://chipwatch@127.0.0.1:5432/chipwatch"))
        }
        guard let user = components.user, !user.isEmpty else {
            return .failure(URLProblem("\"\(url)\" names no user (postgres://USER@host/database)"))
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            return .failure(URLProblem("\"\(url)\" names no database (postgres://user@host/DATABASE)"))
        }
        let port = components.port ?? 5432
        let queryHost = components.queryItems?.first { $0.name == "host" }?.value
        if let extra = components.queryItems?.first(where: { $0.name != "host" }) {
            return .failure(URLProblem("\"\(extra.name)\" is not a setting chipwatch reads from the URL (only host=)"))
        }
        let host = queryHost ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if host.hasPrefix("/") { return .success((user.removingPercentEncoding ?? user, database, .socket(folder: host, port: port))) }
        guard !host.isEmpty else { return .failure(URLProblem("\"\(url)\" names no host")) }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return .success((user.removingPercentEncoding ?? user, database, .tcp(host: bare, port: port)))
    }

    public struct URLProblem: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }
}
