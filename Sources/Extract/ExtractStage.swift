import Core
import Foundation
import Logging

/// `chipwatch extract`: each new or edited item becomes signals, in one transaction per
/// batch; an item is marked done in the transaction that writes its signals, so a process
/// killed at any instant loses no item and duplicates no signal.
public struct ExtractStage: Sendable {
    let extractor: Extractor
    let logger: Logger
    let batchSize: Int
    let matcher = StoryMatcher()

    public init(dictionary: ChipDictionary, logger: Logger, batchSize: Int = 200) {
        extractor = Extractor(dictionary: dictionary)
        self.logger = logger
        self.batchSize = batchSize
    }

    /// With `all`, every stored item is sent back first (after a dictionary change).
    public func run(store: ExtractStore, all: Bool, now: Date) throws -> ExtractRunSummary {
        var summary = ExtractRunSummary()
        if all {
            let count = try store.resetExtraction()
            logger.info("re-extracting every item", metadata: ["items": "\(count)"])
        }
        // Reading items is the store's, extracting them every core's: while one batch is stored
        // (one transaction, in order), the next is already being read on the other cores, where
        // the store allows reading ahead.
        var inputs = try store.itemsToExtract(after: 0, limit: batchSize)
        var pending = inputs.isEmpty ? nil : read(inputs)
        while let batch = pending {
            let outputs = batch.wait()
            var next: [ExtractInput] = []
            func readNext() throws {
                next = try store.itemsToExtract(after: inputs.last!.itemID, limit: batchSize)
                pending = next.isEmpty ? nil : read(next)
            }
            if store.readsAhead { try readNext() }
            let counts = try store.recordExtractions(outputs, stories: matcher, at: now)
            if !store.readsAhead { try readNext() }
            summary.items += inputs.count
            summary.signals += outputs.reduce(0) { $0 + $1.extraction.signals.count }
            summary.newStories += counts.newStories
            summary.joinedStories += counts.joined
            inputs = next
        }
        return summary
    }

    /// The batch read on other threads, every core at work; its outputs in input order. (A
    /// process killed before they are stored loses only this work: the items stay to do.)
    private func read(_ inputs: [ExtractInput]) -> Background<[ExtractOutput]> {
        let extractor = extractor
        return Background {
            Parallel.map(inputs) { input in
                let read = extractor.extractWithStoryKeys(title: input.title, text: ExtractStage.text(of: input),
                                                          published: input.published)
                return ExtractOutput(itemID: input.itemID, extraction: read.extraction, simhash: read.simhash,
                                     titleKey: read.titleKey, published: input.published)
            }
        }
    }

    /// The text an item is read by: the fullest it has. The article's main text when its page
    /// was fetched; else the longer of content and summary (feeds put the article in either,
    /// and some put a teaser in one and the whole story in the other).
    public static func text(of input: ExtractInput) -> String {
        if let fullText = input.fullText, !fullText.isEmpty { return fullText }
        return input.content.unicodeScalars.count > input.summary.unicodeScalars.count ? input.content : input.summary
    }
}

