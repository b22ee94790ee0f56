import Core
import Foundation
import Testing

/// A story's content key: the same whatever order its items arrived in.
@Suite("Story keys")
struct StoryKeyTests {
    static let early = Date(timeIntervalSince1970: 1_780_000_000)
    static let late = early.addingTimeInterval(3600)

    @Test("the earliest published item names the story", arguments: [
        ([("wire-b", "b1", late), ("wire-a", "a1", early)], "wire-a a1"),
        ([("wire-a", "a1", late), ("wire-b", "b1", early)], "wire-b b1"),
        ([("wire-b", "b1", early), ("wire-a", "a9", early)], "wire-a a9"),
        ([("wire-a", "a2", early), ("wire-a", "a1", early)], "wire-a a1"),
        ([("agg", "x", nil), ("wire-z", "z", late)], "wire-z z"),
        ([("wire-b", "b", nil), ("wire-a", "a", nil)], "wire-a a"),
    ] as [([(String, String, Date?)], String)])
    func choose(_ items: [(String, String, Date?)], _ expected: String) {
        let candidates = items.map { StoryKey.Candidate(feedID: $0.0, itemKey: $0.1, published: $0.2) }
        #expect(StoryKey.choose(candidates) == expected)
        #expect(StoryKey.choose(candidates.reversed()) == expected, "the order items came in does not matter")
    }

    @Test("a story with no items has no key")
    func empty() {
        #expect(StoryKey.choose([]) == nil)
    }
}
