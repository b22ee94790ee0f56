import Foundation

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
