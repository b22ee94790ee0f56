/// The `fetch:` section of `chipwatch.yaml`: limits every transfer obeys.
public struct FetchSettings: Sendable, Equatable {
    /// Transfers at once.
    public var concurrency = 16
    /// Transfers at once to one host.
    public var perHost = 2
    public var connectTimeoutSeconds = 10.0
    /// The whole transfer, connect included.
    public var timeoutSeconds = 30.0
    /// The body cap, enforced while receiving (after decompression).
    public var maxBodyBytes = 10_485_760
    public var maxRedirects = 5
    /// When false, loopback, link-local and private addresses are refused.
    public var allowPrivateNetworks = false
    /// `VERSION` in it is replaced by chipwatch's version.
    public var userAgent = "chipwatch/VERSION (+https://example.invalid/contact)"
    /// A transfer slower than this many bytes a second for `lowSpeedSeconds` is cut off.
    public var lowSpeedBytesPerSecond = 100
    public var lowSpeedSeconds = 15.0
    /// The whole run: transfers still going then end as timeouts, feeds not started wait for
    /// the next run. Unset: twice `timeoutSeconds`.
    public var runDeadlineSeconds: Double?

    /// The run's deadline as used.
    public var effectiveRunDeadline: Double { runDeadlineSeconds ?? 2 * timeoutSeconds }

    public init() {}

    /// The User-Agent header as sent.
    public var resolvedUserAgent: String {
        userAgent.replacingOccurrences(of: "VERSION", with: ChipwatchVersion.current)
    }
}
