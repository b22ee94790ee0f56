import Core
import Foundation
import Synchronization

/// An in-memory index of the stories table for near-duplicate lookups: each story's SimHash,
/// headline key and start, bucketed by day. Stories are only ever added, so the index follows
/// the table by reading the rows above `lastID`, inside the transaction that uses it (it sees
/// what other processes committed, and the stories the transaction itself adds); each store
/// reads those rows its own way (`refresh`).
/// A lookup compares SimHashes in memory over the days asked for, instead of reading and
/// decoding every story of a month from SQLite for each item.
package struct StoryIndex: Sendable {
    /// The highest story id held: the next refresh reads the rows above it.
    package private(set) var lastID: Int64 = 0
    private var byDay: [Int: Day] = [:]

    /// One day's stories, their SimHashes also kept apart: a lookup scans the hashes alone, a
    /// contiguous run of integers, and reads a story only when its hash is near (a lookup at
    /// 200k items scanned a hundred thousand stories, a tenth of an extract run, perf).
    private struct Day: Sendable {
        var simhashes: [UInt64] = []
        var stories: [StoryCandidate] = []

        mutating func add(_ story: StoryCandidate) {
            simhashes.append(story.simhash)
            stories.append(story)
        }
    }

    package static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    package init() {}

    package mutating func add(_ story: StoryCandidate) {
        byDay[Self.day(story.firstPublished), default: Day()].add(story)
        lastID = max(lastID, story.id)
    }

    /// Forgets everything (after a transaction that added stories rolled back).
    package mutating func reset() {
        lastID = 0
        byDay = [:]
    }

    /// The stories that began between the query's bounds with a SimHash within its distance.
    package func near(_ query: StoryQuery) -> [StoryCandidate] {
        var found: [StoryCandidate] = []
        for day in Self.day(query.from)...Self.day(query.to) {
            guard let stories = byDay[day] else { continue }
            stories.simhashes.withUnsafeBufferPointer { hashes in
                for index in hashes.indices where (hashes[index] ^ query.simhash).nonzeroBitCount <= query.maxDistance {
                    let story = stories.stories[index]
                    if story.firstPublished >= query.from && story.firstPublished <= query.to { found.append(story) }
                }
            }
        }
        return found
    }
}
