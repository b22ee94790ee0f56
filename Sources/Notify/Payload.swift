import Core
import Crypto
import Foundation
import Wire

/// The webhook and log notification: JSON, schema version 1 (documented in the README,
/// "Webhook schema", and in `Tests/Fixtures/notification.schema.json`).
public enum Payload {
    public static let version = NotificationJSON.version

    /// Labels every alert of the group shares.
    static func groupLabels(_ entries: [NoticeEntry]) -> [String: String] {
        guard var common = entries.first?.alert.labels else { return [:] }
        for entry in entries.dropFirst() { common = common.filter { entry.alert.labels[$0.key] == $0.value } }
        return common
    }

    /// The notification body, byte for byte the same for every attempt of a delivery.
    public static func body(key: String, receiver: String, entries: [NoticeEntry]) -> [UInt8] {
        WireJSON.bytes(NotificationJSON(delivery: key, receiver: receiver, groupLabels: groupLabels(entries), entries: entries))
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
            let mark = entry.notice == .resolved ? "RESOLVED" : a.severity.rawValue.uppercased()
            var line = "[\(mark)] \(a.summary)"
            for e in a.evidence.prefix(3) { line += "\n    <\(e.url)|\(e.title)> (\(e.feedID))" }
            // The rest of the story's copies, kept or only counted.
            let more = a.evidence.count - min(a.evidence.count, 3) + (a.evidenceOmitted ?? 0)
            if more > 0 { line += "\n    and \(more) more" }
            return line
        }
        return WireJSON.bytes(SlackMessageJSON(text: lines.joined(separator: "\n")))
    }
}
