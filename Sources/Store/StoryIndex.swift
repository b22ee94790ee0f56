import Core
import Foundation
import GRDB
import Synchronization

/// An in-memory index of the stories table for near-duplicate lookups: each story's SimHash,
/// headline key and start, bucketed by day. Stories are only ever added, so the index follows
/// the table by reading the rows above the last id it holds, inside the transaction that uses
/// it (it sees what other processes committed, and the stories the transaction itself adds).
/// A lookup compares SimHashes in memory over the days asked for, instead of reading and
/// decoding every story of a month from SQLite for each item.
struct StoryIndex {
    private var lastID: Int64 = 0
    private var byDay: [Int: [StoryCandidate]] = [:]

    static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// Reads the stories added since the last call.
    mutating func refresh(_ db: Database) throws {
        // A table that shrank (a test rebuilt it) is read again from the start.
        if let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM stories"), maxID < lastID { reset() }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, simhash, title_key, first_published FROM stories WHERE id > ? ORDER BY id
            """, arguments: [lastID])
        while let row = try rows.next() {
            add(StoryCandidate(id: row["id"], simhash: UInt64(bitPattern: row["simhash"]), titleKey: row["title_key"],
                               firstPublished: row["first_published"]))
        }
    }

    mutating func add(_ story: StoryCandidate) {
        byDay[Self.day(story.firstPublished), default: []].append(story)
        lastID = max(lastID, story.id)
    }

    /// Forgets everything (after a transaction that added stories rolled back).
    mutating func reset() {
        lastID = 0
        byDay = [:]
    }

    /// The stories that began between the query's bounds with a SimHash within its distance.
    func near(_ query: StoryQuery) -> [StoryCandidate] {
        var found: [StoryCandidate] = []
        for day in Self.day(query.from)...Self.day(query.to) {
            for story in byDay[day] ?? [] where story.firstPublished >= query.from && story.firstPublished <= query.to
                && (story.simhash ^ query.simhash).nonzeroBitCount <= query.maxDistance {
                found.append(story)
            }
        }
        return found
    }
}
