import Foundation

/// What the parse stage read from one document, as the store keeps it.
public struct ParsedDocument: Sendable, Equatable {
    public var items: [ItemRow]
    /// Errors were skipped; `error` says the first.
    public var recovered: Bool
    public var error: String?

    public init(items: [ItemRow], recovered: Bool, error: String?) {
        self.items = items
        self.recovered = recovered
        self.error = error
    }
}

/// What parsing one document came to.
public enum ParseOutcome: Sendable, Equatable {
    /// Items were read; `recovered` says whether errors were skipped.
    case parsed(ParsedDocument)
    /// Nothing could be read; the message names the feed.
    case failed(String)
}

/// Counts of one parse run.
public struct ParseRunSummary: Sendable, Equatable {
    public var documents = 0
    public var recovered = 0
    public var failed = 0
    public var newItems = 0
    public var updatedItems = 0

    public init() {}
}

/// The parse stage's view of the store.
public protocol ParseStore: Sendable {
    /// The oldest document not parsed yet with an id above `id`.
    func nextUnparsedDocument(after id: Int64) throws -> RawDocument?
    /// Writes the document's items and marks it parsed, recovered or failed, in one
    /// transaction. Returns how many items were new and how many were updates.
    func recordParse(documentID: Int64, feedID: String, outcome: ParseOutcome, at: Date) throws -> (new: Int, updated: Int)
}
