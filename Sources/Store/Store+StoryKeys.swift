import Core
import Foundation
import GRDB

/// Story keys (`StoryKey`): chosen from a story's items the first time the story is
/// evaluated, then kept, so a later copy never renames a story that already alerted.
extension Store {
    /// The key of each story in `ids`, choosing and storing it where there is none yet.
    static func fixStoryKeys(_ ids: Set<Int64>, db: Database) throws -> [Int64: String] {
        var keys: [Int64: String] = [:]
        for id in ids.sorted() {
            if let key = try String.fetchOne(db, sql: "SELECT story_key FROM stories WHERE id = ?", arguments: [id]) {
                keys[id] = key
                continue
            }
            let candidates = try Row.fetchAll(db, sql: "SELECT feed_id, item_key, published FROM items WHERE story_id = ?",
                                              arguments: [id]).map {
                StoryKey.Candidate(feedID: $0["feed_id"], itemKey: $0["item_key"], published: $0["published"])
            }
            guard let key = StoryKey.choose(candidates) else { continue }
            try db.execute(sql: "UPDATE stories SET story_key = ? WHERE id = ?", arguments: [key, id])
            keys[id] = key
        }
        return keys
    }

    /// Schema v9: fixes the key of every story an alert is about and fingerprints those alerts
    /// with it, so nothing already notified is notified again under a new fingerprint.
    static func refingerprintStoryAlerts(db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, body FROM alerts")
        var alerts: [(id: Int64, alert: Alert, story: Int64)] = []
        for row in rows {
            let alert = try decode(Alert.self, row["body"])
            if alert.rule == Alert.conflictRule, let story = alert.evidence.first?.storyID {
                alerts.append((row["id"], alert, story))
            } else if alert.subject.hasPrefix("story:"), let story = Int64(alert.subject.dropFirst("story:".count)) {
                alerts.append((row["id"], alert, story))
            }
        }
        let keys = try fixStoryKeys(Set(alerts.map(\.story)), db: db)
        for (id, old, story) in alerts {
            guard let key = keys[story] else { continue }
            var alert = old
            if alert.rule == Alert.conflictRule {
                alert.fingerprint = Alert.conflictFingerprint(milestone: alert.milestone ?? alert.subject, storyKey: key,
                                                              window: alert.observedWindow)
            } else {
                alert.fingerprint = Alert.signalFingerprint(rule: alert.rule, storyKey: key, event: alert.toState ?? "")
            }
            for index in alert.evidence.indices where alert.evidence[index].storyID == story {
                alert.evidence[index].storyKey = key
            }
            try db.execute(sql: "UPDATE alerts SET fingerprint = ?, body = ? WHERE id = ?",
                           arguments: [alert.fingerprint, try encode(alert), id])
        }
    }
}
