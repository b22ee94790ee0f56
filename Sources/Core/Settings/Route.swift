import Foundation

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
