import Core
import Extract
import Foundation
import Testing

/// `StoryMatcher` as a table: which stored story an item joins, given what the store found.
@Suite("Story matcher")
struct StoryMatcherTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let day: TimeInterval = 86_400
    static let headline = "huawei ships ascend 950pr to first customers"
    static let hash: UInt64 = 0x0123_4567_89AB_CDEF

    static func item(title: String = headline, simhash: UInt64 = hash, published: Date? = now) -> ExtractOutput {
        ExtractOutput(itemID: 1, extraction: ItemExtraction(vendors: [], products: [], signals: []),
                      simhash: simhash, titleKey: title, published: published)
    }

    static func story(_ id: Int64, title: String = "another headline about chips", simhash: UInt64,
                      daysBefore: Double = 1) -> StoryCandidate {
        StoryCandidate(id: id, simhash: simhash, titleKey: title, firstPublished: now.addingTimeInterval(-daysBefore * day))
    }

    /// `hash` with its lowest `bits` bits flipped.
    static func near(_ bits: Int) -> UInt64 { hash ^ ((1 << UInt64(bits)) - 1) }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var item: ExtractOutput
        var candidates: [StoryCandidate]
        var joins: Int64?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "nothing stored starts a story", item: item(), candidates: [], joins: nil),
        Row(name: "the same headline within a week joins whatever the text",
            item: item(), candidates: [story(4, title: headline, simhash: ~hash, daysBefore: 6)], joins: 4),
        Row(name: "the same headline more than a week apart does not",
            item: item(), candidates: [story(4, title: headline, simhash: ~hash, daysBefore: 8)], joins: nil),
        Row(name: "a short headline is not a key",
            item: item(title: "nvidia earnings"), candidates: [story(4, title: "nvidia earnings", simhash: ~hash)], joins: nil),
        Row(name: "a SimHash within 10 bits joins",
            item: item(), candidates: [story(5, simhash: near(10))], joins: 5),
        Row(name: "11 bits apart is another story",
            item: item(), candidates: [story(5, simhash: near(11))], joins: nil),
        Row(name: "the nearest of two near stories wins",
            item: item(), candidates: [story(5, simhash: near(8)), story(6, simhash: near(2))], joins: 6),
        Row(name: "a tie goes to the older story",
            item: item(), candidates: [story(9, simhash: near(3)), story(6, simhash: near(3))], joins: 6),
        Row(name: "a near story that began over a month away is not compared",
            item: item(), candidates: [story(5, simhash: near(1), daysBefore: 31)], joins: nil),
        Row(name: "an item with no words (hash 0) joins only by headline",
            item: item(title: "a b c", simhash: 0), candidates: [story(5, simhash: 0)], joins: nil),
        Row(name: "an undated item is placed at the time of the run",
            item: item(published: nil), candidates: [story(5, simhash: near(1), daysBefore: 2)], joins: 5),
    ]

    @Test("choose", arguments: rows)
    func choose(_ row: Row) {
        #expect(StoryMatcher().choose(for: row.item, among: row.candidates, now: Self.now) == row.joins)
    }

    @Test("the query asks for a month either side, and for the headline only when it has 4 words")
    func query() {
        let query = StoryMatcher().query(for: Self.item(), now: Self.now)
        #expect(query.titleKey == Self.headline)
        #expect(query.from == Self.now.addingTimeInterval(-30 * Self.day))
        #expect(query.to == Self.now.addingTimeInterval(30 * Self.day))
        #expect(query.simhash == Self.hash && query.maxDistance == StoryKey.maxDistance)
        // What the query finds: the same headline at any time, or a near SimHash within the month.
        #expect(query.matches(Self.story(1, title: Self.headline, simhash: ~Self.hash, daysBefore: 300)))
        #expect(query.matches(Self.story(2, simhash: Self.near(10), daysBefore: 30)))
        #expect(!query.matches(Self.story(3, simhash: Self.near(11))))
        #expect(!query.matches(Self.story(4, simhash: Self.near(1), daysBefore: 31)))
        #expect(StoryMatcher().query(for: Self.item(title: "nvidia earnings"), now: Self.now).titleKey == nil)
    }
}
