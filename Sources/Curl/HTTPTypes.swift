/// One HTTP transfer to perform.
public struct HTTPRequest: Sendable {
    /// http or https; anything else is refused by libcurl itself.
    public var url: String
    /// Extra request headers, e.g. `If-None-Match`.
    public var headers: [(name: String, value: String)]
    /// A POST body; nil means GET.
    public var body: [UInt8]?

    public init(url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// Limits and guards every transfer obeys.
public struct TransferLimits: Sendable {
    public var connectTimeoutSeconds = 10.0
    public var timeoutSeconds = 30.0
    /// Enforced on the decoded body while it arrives, so chunked and compressed bodies stop too.
    public var maxBodyBytes = 10_485_760
    public var maxRedirects = 5
    public var followRedirects = true
    public var allowPrivateNetworks = false
    public var userAgent = "chipwatch"
    public var lowSpeedBytesPerSecond = 100
    public var lowSpeedSeconds = 15.0

    public init() {}
}

/// A response that arrived whole (any status, including 4xx and 5xx).
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Headers of the final response, names lower-cased, in arrival order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The URL the last redirect led to.
    public var effectiveURL: String
    /// Statuses of the redirect responses that led here, in order (e.g. `[301, 302]`).
    public var redirectStatuses: [Int]
    public var totalSeconds: Double

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], effectiveURL: String,
                redirectStatuses: [Int] = [], totalSeconds: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
        self.redirectStatuses = redirectStatuses
        self.totalSeconds = totalSeconds
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }
}

/// Why a transfer produced no response.
public struct TransferError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case dns, connect, tls, timeout, tooLarge, badRedirect, refusedAddress, other
    }
    public var kind: Kind
    /// libcurl's own words, with the URL redacted of credentials.
    public var message: String
    /// The libcurl error code (CURLcode), for logs.
    public var code: Int

    public init(kind: Kind, message: String, code: Int) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
