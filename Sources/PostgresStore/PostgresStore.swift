import Core
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// Why a PostgreSQL store could not be used. `kind` decides the exit status: an unreachable
/// store is 74, a configuration the server refuses (login, database, TLS) and a schema this
/// version cannot use are 78.
public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable { case unreachable, configuration, schema }
    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// A PostgreSQL store (`store: url:` in chipwatch.yaml): how to reach it, what it holds, and its
/// numbered schema, migrated under an advisory lock so hosts starting together migrate once.
public struct PostgresStore: Sendable {
    public let settings: PostgresSettings
    let password: String?
    let logger: Logger

    /// The advisory-lock key of migrations: any fixed 64-bit number ("chipwat" in ASCII).
    static let migrationLock: Int64 = 0x63_6869_7077_6174

    /// The schema version this chipwatch writes.
    public static var currentVersion: Int { PostgresSchema.migrations.last?.version ?? 0 }

    public init(settings: PostgresSettings, password: String?, logger: Logger = Logger(label: "chipwatch.postgres")) {
        self.settings = settings
        self.password = password
        self.logger = logger
    }

    /// What `check-config --connect` reports.
    public struct Status: Sendable {
        public var serverVersion: String
        /// nil: an empty database (`chipwatch store migrate` sets it up).
        public var schemaVersion: Int?
    }

    public func status() async throws -> Status {
        try await withConnection { connection in
            var server = ""
            for try await version in try await connection.query("SHOW server_version", logger: logger).decode(String.self) {
                server = version
            }
            return Status(serverVersion: server, schemaVersion: try await schemaVersion(connection))
        }
    }

    /// Brings the schema to `currentVersion`, each step in its own transaction, under a session
    /// advisory lock (released when the connection closes, also if this process dies).
    /// Returns the version before and after.
    @discardableResult
    public func migrate() async throws -> (from: Int, to: Int) {
        try await withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLock))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS chipwatch_schema (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            let before = try await schemaVersion(connection) ?? 0
            try refuseNewer(before)
            for migration in PostgresSchema.migrations where migration.version > before {
                try await connection.withTransaction(logger: logger) { transaction in
                    for statement in migration.statements {
                        try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await transaction.query(
                        "INSERT INTO chipwatch_schema (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger)
                }
            }
            try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: logger)
            return (before, Self.currentVersion)
        }
    }

    /// The store's schema version; nil when chipwatch never migrated it.
    func schemaVersion(_ connection: PostgresConnection) async throws -> Int? {
        var exists = false
        for try await found in try await connection.query(
            "SELECT to_regclass('chipwatch_schema') IS NOT NULL", logger: logger).decode(Bool.self) { exists = found }
        guard exists else { return nil }
        var version = 0
        for try await v in try await connection.query("SELECT COALESCE(MAX(version), 0) FROM chipwatch_schema",
                                                      logger: logger).decode(Int.self) { version = v }
        return version
    }

    func refuseNewer(_ version: Int) throws {
        if version > Self.currentVersion {
            throw PostgresStoreError(.schema, "store \(settings.url): written by a newer chipwatch (schema \(version), "
                                     + "this version knows \(Self.currentVersion)); use that version or a newer one")
        }
    }

    /// Opens one connection, runs `body` on it and closes it; errors come back naming the store.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try configuration(), id: 1, logger: logger)
        } catch {
            throw describe(error)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw describe(error)
        }
    }

    func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch settings.endpoint {
        case .socket(let folder, let port):
            // A Unix socket carries no network traffic: TLS does not apply (libpq ignores sslmode here too).
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: settings.user, password: password,
                                  database: settings.database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch settings.tls {
            case .disable:
                tls = .disable
            case .require, .verifyFull:
                var client = TLSConfiguration.makeClientConfiguration()
                // require encrypts without checking who answers (libpq's sslmode=require);
                // verify-full checks the chain against the system's roots and the host name.
                if settings.tls == .require { client.certificateVerification = .none }
                do {
                    tls = .require(try NIOSSLContext(configuration: client))
                } catch {
                    throw PostgresStoreError(.configuration, "store \(settings.url): cannot set up TLS: \(error)")
                }
            }
            configuration = .init(host: host, port: port, username: settings.user, password: password,
                                  database: settings.database, tls: tls)
            if settings.tls == .verifyFull { configuration.options.tlsServerName = host }
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// An error from postgres-nio as a user reads it: what went wrong, with the store's URL
    /// (which never carries the password).
    func describe(_ error: any Error) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        let store = "store \(settings.url)"
        guard let psql = error as? PSQLError else {
            return PostgresStoreError(.unreachable, "\(store): \(error)")
        }
        let message = psql.serverInfo?[.message] ?? ""
        switch psql.code {
        case .server:
            switch psql.serverInfo?[.sqlState] ?? "" {
            case "28P01", "28000":
                return PostgresStoreError(.configuration, "\(store): the server refused the login of \(settings.user): \(message)")
            case "3D000":
                return PostgresStoreError(.configuration, "\(store): \(message) (create it: createdb -O \(settings.user) \(settings.database))")
            case "57P01", "57P02", "57P03", "08006", "08003", "08000":
                return PostgresStoreError(.unreachable, "\(store): the server went away: \(message)")
            default:
                return PostgresStoreError(.unreachable, "\(store): the server answered: \(message)")
            }
        case .sslUnsupported:
            return PostgresStoreError(.configuration, "\(store): the server does not offer TLS (tls: \(settings.tls.rawValue)); "
                                      + "tls: disable is accepted only for a Unix socket or loopback")
        case .authMechanismRequiresPassword:
            return PostgresStoreError(.configuration, "\(store): the server asks for a password: give password_file, password_env or credential")
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            let cause = psql.underlying.map { "\($0)" } ?? "\(psql.code)"
            if cause.contains("NIOSSL") || cause.contains("handshake") || cause.contains("certificate") {
                return PostgresStoreError(.configuration, "\(store): TLS failed (tls: \(settings.tls.rawValue)): \(cause)")
            }
            return PostgresStoreError(.unreachable, "\(store): cannot reach the server at \(settings.endpoint): \(cause)")
        default:
            return PostgresStoreError(.unreachable, "\(store): \(psql.code)\(message.isEmpty ? "" : ": \(message)")")
        }
    }
}
