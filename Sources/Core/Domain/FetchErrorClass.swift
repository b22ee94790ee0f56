import Foundation

/// Why a fetch failed, as recorded and shown in `chipwatch feeds`.
public enum FetchErrorClass: String, Sendable, Codable, CaseIterable {
    case dns
    case connect
    case tls
    case timeout
    case tooLarge = "too-large"
    case http4xx = "http-4xx"
    case http5xx = "http-5xx"
    case badRedirect = "bad-redirect"
    case refusedAddress = "refused-address"
    /// Anything libcurl reports that fits none of the above (a protocol error, say).
    case other

    /// Failures that say nothing about the source itself, only about our own network.
    public var isNetworkLevel: Bool { self == .dns || self == .connect }
}
