import Core
import Foundation

/// Core's `ExtractStore` in memory, for the fast tier: items wait until extracted, each item
/// keeps the story it was first given, and stories are found by the stage's own query. The
/// integration tier runs the extract stage on the real store.
public final class InMemoryExtractStore: ExtractStore, @unchecked Sendable {
    public struct Story: Sendable, Equatable {
        public var candidate: StoryCandidate
        public var items: [Int64]
    }

    private let lock = NSLock()
    private var inputs: [ExtractInput] = []
    private var waiting = Set<Int64>()
    public private(set) var stories: [Story] = []
    /// Each extracted item's signals, as the last extraction left them.
    public private(set) var signals: [Int64: [Signal]] = [:]
    private var storyOfItem: [Int64: Int64] = [:]

    public init() {}

    /// Stores an item as the parse stage would, waiting for extraction.
    public func add(_ input: ExtractInput) {
        lock.withLock {
            inputs.append(input)
            waiting.insert(input.itemID)
        }
    }

    public func itemsToExtract(after id: Int64, limit: Int) throws -> [ExtractInput] {
        lock.withLock {
            Array(inputs.filter { $0.itemID > id && waiting.contains($0.itemID) }.sorted { $0.itemID < $1.itemID }.prefix(limit))
        }
    }

    public func recordExtractions(_ outputs: [ExtractOutput], stories matcher: StoryMatching,
                                  at now: Date) throws -> (newStories: Int, joined: Int) {
        lock.withLock {
            var counts = (newStories: 0, joined: 0)
            for output in outputs where waiting.remove(output.itemID) != nil {
                if storyOfItem[output.itemID] == nil {
                    let query = matcher.query(for: output, now: now)
                    let candidates = stories.map(\.candidate).filter(query.matches)
                    if let id = matcher.choose(for: output, among: candidates, now: now),
                       let index = stories.firstIndex(where: { $0.candidate.id == id }) {
                        stories[index].items.append(output.itemID)
                        storyOfItem[output.itemID] = id
                        counts.joined += 1
                    } else {
                        let id = Int64(stories.count + 1)
                        stories.append(Story(candidate: StoryCandidate(id: id, simhash: output.simhash, titleKey: output.titleKey,
                                                                       firstPublished: output.published ?? now),
                                             items: [output.itemID]))
                        storyOfItem[output.itemID] = id
                        counts.newStories += 1
                    }
                }
                signals[output.itemID] = output.extraction.signals
            }
            return counts
        }
    }

    public func resetExtraction() throws -> Int {
        lock.withLock {
            waiting = Set(inputs.map(\.itemID))
            return waiting.count
        }
    }
}
