import Core
import Crypto
import Foundation

/// The webhook and log notification: JSON, schema version 1 (documented in the README,
/// "Webhook schema", and in `Tests/Fixtures/notification.schema.json`).
public enum Payload {
    public static let version = "1"

    static func evidence(_ e: EvidenceSnapshot) -> [String: Any] {
        ["source": e.feedID, "tier": e.tier.rawValue, "title": e.title, "url": e.url,
         "published": e.published.map(Timestamp.format) ?? NSNull(), "quote": e.quote, "event": e.event.rawValue,
         "modality": e.modality.rawValue]
    }

    static func alert(_ entry: NoticeEntry) -> [String: Any] {
        let a = entry.alert
        func value(_ text: String?) -> Any { text ?? NSNull() }
        return [
            "fingerprint": a.fingerprint, "notice": entry.notice, "status": entry.notice == "resolved" ? "resolved" : "firing",
            "kind": a.kind.rawValue, "rule": a.rule, "summary": a.summary, "severity": a.severity.rawValue,
            "milestone": value(a.milestone), "vendor": value(a.vendor), "product": value(a.product),
            "old_state": value(a.fromState), "new_state": value(a.toState),
            "promised_window": value(a.promisedWindow), "observed_window": value(a.observedWindow),
            "labels": a.labels, "fired_at": Timestamp.format(a.firedAt), "evidence": a.evidence.map(evidence),
        ]
    }

    /// Labels every alert of the group shares.
    static func groupLabels(_ entries: [NoticeEntry]) -> [String: String] {
        guard var common = entries.first?.alert.labels else { return [:] }
        for entry in entries.dropFirst() { common = common.filter { entry.alert.labels[$0.key] == $0.value } }
        return common
    }

    /// The notification body, byte for byte the same for every attempt of a delivery.
    public static func body(key: String, receiver: String, entries: [NoticeEntry]) -> [UInt8] {
        let status = entries.allSatisfy { $0.notice == "resolved" } ? "resolved" : "firing"
        let object: [String: Any] = ["version": version, "delivery": key, "receiver": receiver, "status": status,
                                     "group_labels": groupLabels(entries), "alerts": entries.map(alert)]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }

    /// `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the receiver's secret.
    public static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        var message = Array("\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A readable message for Slack's incoming webhooks.
    public static func slack(_ entries: [NoticeEntry]) -> [UInt8] {
        let lines = entries.map { entry -> String in
            let a = entry.alert
            let mark = entry.notice == "resolved" ? "RESOLVED" : a.severity.rawValue.uppercased()
            var line = "[\(mark)] \(a.summary)"
            for e in a.evidence.prefix(3) { line += "\n    <\(e.url)|\(e.title)> (\(e.feedID))" }
            return line
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["text": lines.joined(separator: "\n")],
                                                options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }
}
