import Core
import Foundation
import Logging
import XML

/// The parse stage: turns each stored, unparsed document into items, one transaction per
/// document, so a crash never leaves half a document parsed nor parses one twice.
public struct ParseStage {
    public var logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func run(store: ParseStore, now: Date) throws -> ParseRunSummary {
        var summary = ParseRunSummary()
        var last: Int64 = 0
        while let document = try store.nextUnparsedDocument(after: last), let id = document.id {
            last = id
            let outcome: ParseOutcome
            do {
                let parsed = try FeedParser.parse(document.body, contentType: document.contentType,
                                                  url: document.finalURL, source: document.feedID)
                outcome = .parsed(ParsedDocument(items: try parsed.items.map(ItemRows.row), recovered: parsed.recovered,
                                                 error: parsed.error))
                if parsed.recovered {
                    summary.recovered += 1
                    logger.warning("document recovered", metadata: [
                        "feed.id": "\(document.feedID)", "document": "\(id)", "error": "\(parsed.error ?? "")",
                    ])
                }
            } catch {
                outcome = .failed("\(error)")
                summary.failed += 1
                logger.warning("document failed", metadata: [
                    "feed.id": "\(document.feedID)", "document": "\(id)", "error": "\(error)",
                ])
            }
            let counts = try store.recordParse(documentID: id, feedID: document.feedID, outcome: outcome, at: now)
            summary.documents += 1
            summary.newItems += counts.new
            summary.updatedItems += counts.updated
        }
        logger.info("parse finished", metadata: [
            "documents": "\(summary.documents)", "recovered": "\(summary.recovered)", "failed": "\(summary.failed)",
            "new_items": "\(summary.newItems)", "updated_items": "\(summary.updatedItems)",
        ])
        return summary
    }

    /// The article pass: extracts the main text of each fetched item page onto its item.
    /// Returns how many pages gave text and how many did not.
    public func runPages(store: PageStore) throws -> (extracted: Int, failed: Int) {
        var counts = (extracted: 0, failed: 0)
        var last: Int64 = 0
        while let page = try store.nextUnextractedPage(after: last) {
            last = page.itemID
            if let text = HTMLMainText.extract(page.body, url: page.url) {
                try store.recordPageText(itemID: page.itemID, text: text, error: nil)
                counts.extracted += 1
            } else {
                try store.recordPageText(itemID: page.itemID, text: nil,
                                         error: "\(page.feedID): \(page.url): no main text found in the page")
                counts.failed += 1
            }
        }
        if counts.extracted + counts.failed > 0 {
            logger.info("pages extracted", metadata: ["extracted": "\(counts.extracted)", "failed": "\(counts.failed)"])
        }
        return counts
    }
}
