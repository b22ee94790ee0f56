import Core
import Foundation
import Synchronization

/// An in-memory index of the stories table for near-duplicate lookups: each story's SimHash
/// and start, bucketed by day. It holds only the days a batch asked for: a run reads the stories
/// of its items' month around them, not the whole history (at 200k items every story ever was
/// read by each run, whatever it had to do). Stories are only ever added, so the index follows
/// the table inside the transaction that uses it: the rows above `lastID` (what other processes
/// committed since, any day), and the days not held yet (`reading`, then `read`); each store
/// reads those rows its own way (`refresh`).
/// A lookup compares SimHashes in memory over the days asked for, instead of reading and
/// decoding every story of a month from SQLite for each item. Candidates from the index carry
/// no headline key: stories sharing a headline are found through the table's index on it.
package struct StoryIndex: Sendable {
    /// The highest story id held: the next refresh reads the rows above it.
    package private(set) var lastID: Int64 = 0
    private var byDay: [Int: Day] = [:]
    /// The days whose stories up to `lastID` are all held; nil before the first refresh.
    private var held: ClosedRange<Int>? = nil

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
        held = nil
    }

    /// What a refresh reads so that lookups over `days` see every story up to `top`, the
    /// table's highest id now: the rows above `since` (any day), and the rows up to `upTo` that
    /// began in `gaps`, the days not held yet. Nothing is read twice.
    package struct Reading: Equatable, Sendable {
        package var since: Int64
        package var gaps: [Range<Date>]
        package var upTo: Int64
    }

    package func reading(days: ClosedRange<Int>, top: Int64) -> Reading {
        guard let held else { return Reading(since: top, gaps: [Self.dates(days)], upTo: top) }
        var gaps: [Range<Date>] = []
        if days.lowerBound < held.lowerBound { gaps.append(Self.dates(days.lowerBound...(held.lowerBound - 1))) }
        if days.upperBound > held.upperBound { gaps.append(Self.dates((held.upperBound + 1)...days.upperBound)) }
        return Reading(since: lastID, gaps: gaps, upTo: lastID)
    }

    /// Adds a row a refresh read for `days`: a row above `since` that began outside the days
    /// held after this refresh is left for the gap read that will come with those days.
    package mutating func add(_ story: StoryCandidate, reading days: ClosedRange<Int>) {
        if held(with: days).contains(Self.day(story.firstPublished)) { add(story) }
    }

    /// After the rows of `reading(days:top:)` were added: the days and ids now held.
    package mutating func read(days: ClosedRange<Int>, top: Int64) {
        held = held(with: days)
        lastID = max(lastID, top)
    }

    /// The days held once `days` are read too: one run, the gaps between filled.
    private func held(with days: ClosedRange<Int>) -> ClosedRange<Int> {
        held.map { min($0.lowerBound, days.lowerBound)...max($0.upperBound, days.upperBound) } ?? days
    }

    /// The days a batch of queries looks at.
    package static func days(_ queries: [StoryQuery]) -> ClosedRange<Int>? {
        guard let from = queries.map(\.from).min(), let to = queries.map(\.to).max() else { return nil }
        return day(from)...day(to)
    }

    private static func dates(_ days: ClosedRange<Int>) -> Range<Date> {
        Date(timeIntervalSince1970: Double(days.lowerBound) * 86_400)..<Date(timeIntervalSince1970: Double(days.upperBound + 1) * 86_400)
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
