import Core
import Foundation
import Wire

/// The rows of `chipwatch feeds`.
public enum FeedHealthListing {
    public static func status(_ feed: Feed, _ h: FeedHealth?) -> String {
        guard let h, h.lastAttempt != nil else { return "new" }
        if h.gone { return "gone" }
        if h.consecutiveFailures > 0 { return "failing" }
        return h.movedTo != nil ? "moved" : "ok"
    }

    public static func make(feeds: [Feed], health: [String: FeedHealth]) -> Listing {
        var rows: [[String]] = []
        var json: [String] = []
        func time(_ date: Date?) -> String { date.map(Timestamp.format) ?? "-" }
        for feed in feeds {
            let h = health[feed.id].flatMap { $0.url == feed.url ? $0 : nil }
            let error = h?.lastError.map { "\(h?.lastErrorClass?.rawValue ?? "error"): \($0)" } ?? ""
            rows.append([feed.id, "\(feed.tier.rawValue)", status(feed, h), "\(h?.consecutiveFailures ?? 0)",
                         time(h?.lastSuccess), time(h?.nextAttempt), error])
            json.append(WireJSON.line(FeedJSON(feed, health: h, status: status(feed, h))))
        }
        return Listing(columns: ["id", "tier", "status", "fails", "last success", "next attempt", "last error"],
                       rows: rows, json: json)
    }
}
