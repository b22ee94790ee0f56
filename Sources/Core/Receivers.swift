import Foundation

/// Where a secret comes from: never the YAML itself.
public enum SecretSource: Sendable, Equatable {
    case file(String)
    case environment(String)
    /// A file of that name in systemd's `$CREDENTIALS_DIRECTORY` (`LoadCredential=`).
    case credential(String)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        case .credential(let name): "credential \(name)"
        }
    }
}

/// A destination for notifications (`receivers:` in rules.yaml).
public struct Receiver: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case email(Email)
        case webhook(Webhook)
        /// A file path, or "-" for standard output.
        case log(path: String)
        case digest(Digest)
    }

    public struct Email: Sendable, Equatable {
        /// smtp://host:port (STARTTLS) or smtps://host:port (TLS from the start).
        public var url: String
        public var from: String
        public var to: [String]
        public var username: String?
        public var password: SecretSource?
        /// STARTTLS or TLS is required unless `tls: none` is written out or the server is on loopback.
        public var tlsRequired: Bool
        public init(url: String, from: String, to: [String], username: String? = nil, password: SecretSource? = nil,
                    tlsRequired: Bool = true) {
            self.url = url
            self.from = from
            self.to = to
            self.username = username
            self.password = password
            self.tlsRequired = tlsRequired
        }
    }

    public struct Webhook: Sendable, Equatable {
        public enum Format: String, Sendable { case chipwatch, slack }
        public var url: String
        public var secret: SecretSource?
        public var format: Format
        public init(url: String, secret: SecretSource? = nil, format: Format = .chipwatch) {
            self.url = url
            self.secret = secret
            self.format = format
        }
    }

    /// Collects alerts and sends one summary through `receiver` every `everySeconds`, at `at`.
    public struct Digest: Sendable, Equatable {
        public var receiver: String
        public var everySeconds: Double
        /// Hour and minute (UTC) the period ends at, e.g. 08:00.
        public var hour: Int
        public var minute: Int
        public init(receiver: String, everySeconds: Double, hour: Int, minute: Int) {
            self.receiver = receiver
            self.everySeconds = everySeconds
            self.hour = hour
            self.minute = minute
        }
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// Sends alerts whose severity and labels match to receivers. Every matching route applies;
/// a route with no `match` takes every alert.
public struct Route: Sendable, Equatable {
    public var severities: [Severity]
    public var labels: [String: String]
    public var receivers: [String]

    public init(severities: [Severity] = [], labels: [String: String] = [:], receivers: [String]) {
        self.severities = severities
        self.labels = labels
        self.receivers = receivers
    }

    public func matches(_ alert: Alert) -> Bool {
        (severities.isEmpty || severities.contains(alert.severity)) && labels.allSatisfy { alert.labels[$0.key] == $0.value }
    }
}

/// How hard deliveries try before they are dead letters.
public struct DeliverySettings: Sendable, Equatable {
    public var maxAttempts = 8
    public var maxAgeSeconds: Double = 2 * 86_400
    public var timeoutSeconds: Double = 30

    public init() {}
}
