import Core
import Foundation

/// The webhook and log notification, schema version 1 (`Tests/Fixtures/notification.schema.json`,
/// README "Webhook schema"): one delivery of a group of notices.
public struct NotificationJSON: Encodable, Sendable {
    public static let version = "1"

    public var delivery: String
    public var receiver: String
    /// Labels every alert of the group shares (Notify decides them).
    public var groupLabels: [String: String]
    public var entries: [NoticeEntry]

    public init(delivery: String, receiver: String, groupLabels: [String: String], entries: [NoticeEntry]) {
        self.delivery = delivery
        self.receiver = receiver
        self.groupLabels = groupLabels
        self.entries = entries
    }

    enum CodingKeys: String, CodingKey {
        case version, delivery, receiver, status, alerts
        case groupLabels = "group_labels"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.version, forKey: .version)
        try c.encode(delivery, forKey: .delivery)
        try c.encode(receiver, forKey: .receiver)
        // Resolved only when every notice of the group is.
        try c.encode(entries.allSatisfy { $0.notice == .resolved } ? "resolved" : "firing", forKey: .status)
        try c.encode(groupLabels, forKey: .groupLabels)
        try c.encode(entries.map(AlertNotice.init), forKey: .alerts)
    }

    /// One alert of the notification.
    struct AlertNotice: Encodable {
        var entry: NoticeEntry

        enum CodingKeys: String, CodingKey {
            case fingerprint, notice, status, kind, rule, summary, severity, milestone, vendor, product, labels, evidence
            case oldState = "old_state", newState = "new_state", promisedWindow = "promised_window"
            case observedWindow = "observed_window", firedAt = "fired_at", evidenceOmitted = "evidence_omitted"
        }

        func encode(to encoder: Encoder) throws {
            let a = entry.alert
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(a.fingerprint, forKey: .fingerprint)
            try c.encode(entry.notice.rawValue, forKey: .notice)
            try c.encode(entry.notice == .resolved ? "resolved" : "firing", forKey: .status)
            try c.encode(a.kind.rawValue, forKey: .kind)
            try c.encode(a.rule, forKey: .rule)
            try c.encode(a.summary, forKey: .summary)
            try c.encode(a.severity.rawValue, forKey: .severity)
            try c.encodeOrNull(a.milestone, forKey: .milestone)
            try c.encodeOrNull(a.vendor, forKey: .vendor)
            try c.encodeOrNull(a.product, forKey: .product)
            try c.encodeOrNull(a.fromState, forKey: .oldState)
            try c.encodeOrNull(a.toState, forKey: .newState)
            try c.encodeOrNull(a.promisedWindow, forKey: .promisedWindow)
            try c.encodeOrNull(a.observedWindow, forKey: .observedWindow)
            try c.encode(a.labels, forKey: .labels)
            try c.encode(Timestamp.format(a.firedAt), forKey: .firedAt)
            try c.encode(a.evidence.map { EvidenceJSON($0, hasWindow: false) }, forKey: .evidence)
            // As Alertmanager's `truncatedAlerts`: copies counted beyond the kept evidence.
            try c.encodeIfPresent(a.evidenceOmitted, forKey: .evidenceOmitted)
        }
    }
}

/// A message for Slack's incoming webhooks: readable text only.
public struct SlackMessageJSON: Encodable, Sendable {
    public var text: String

    public init(text: String) { self.text = text }
}
