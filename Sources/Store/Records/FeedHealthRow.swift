import Core
import Foundation
import GRDB

/// A row of `feed_health`, mapped by GRDB's Codable support: each column is named once, in
/// `CodingKeys`.
struct FeedHealthRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "feed_health"

    var feedID: String
    var url: String
    var consecutiveFailures: Int
    var lastAttempt: Date?
    var lastSuccess: Date?
    var lastStatus: Int?
    var lastErrorClass: String?
    var lastError: String?
    var nextAttempt: Date?
    var etag: String?
    var lastModified: String?
    var lastContentHash: String?
    var gone: Bool
    var movedTo: String?

    enum CodingKeys: String, CodingKey {
        case url, etag, gone
        case feedID = "feed_id", consecutiveFailures = "consecutive_failures", lastAttempt = "last_attempt"
        case lastSuccess = "last_success", lastStatus = "last_status", lastErrorClass = "last_error_class"
        case lastError = "last_error", nextAttempt = "next_attempt", lastModified = "last_modified"
        case lastContentHash = "last_content_hash", movedTo = "moved_to"
    }

    init(_ h: FeedHealth) {
        feedID = h.feedID
        url = h.url
        consecutiveFailures = h.consecutiveFailures
        lastAttempt = h.lastAttempt
        lastSuccess = h.lastSuccess
        lastStatus = h.lastStatus
        lastErrorClass = h.lastErrorClass?.rawValue
        lastError = h.lastError
        nextAttempt = h.nextAttempt
        etag = h.etag
        lastModified = h.lastModified
        lastContentHash = h.lastContentHash
        gone = h.gone
        movedTo = h.movedTo
    }

    var health: FeedHealth {
        var h = FeedHealth(feedID: feedID, url: url)
        h.consecutiveFailures = consecutiveFailures
        h.lastAttempt = lastAttempt
        h.lastSuccess = lastSuccess
        h.lastStatus = lastStatus
        // A class this version does not know reads as none: health is advice for the next
        // fetch, and the next outcome replaces it.
        h.lastErrorClass = lastErrorClass.flatMap(FetchErrorClass.init(rawValue:))
        h.lastError = lastError
        h.nextAttempt = nextAttempt
        h.etag = etag
        h.lastModified = lastModified
        h.lastContentHash = lastContentHash
        h.gone = gone
        h.movedTo = movedTo
        return h
    }
}
