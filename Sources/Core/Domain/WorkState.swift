/// Where a piece of work stands in the queue between two stages. Each queue has one waiting
/// state (`new`, or for deliveries `collecting` and `pending`) and its final states; the store
/// keeps them as these names.

/// A fetched document, between fetch and parse.
public enum ParseState: String, Sendable, CaseIterable {
    case new, parsed, recovered, failed
}

/// A fetched item page, between the page fetch and the parse process's text extraction.
public enum PageState: String, Sendable, CaseIterable {
    case new, extracted, failed
}

/// An item, between parse (or a page's text) and extract.
public enum ExtractState: String, Sendable, CaseIterable {
    case new, done
}

/// A signal, between extract and evaluate.
public enum EvaluateState: String, Sendable, CaseIterable {
    case new, done
}

/// A notice in the outbox, between evaluate and notify's routing.
public enum OutboxState: String, Sendable, CaseIterable {
    case new, routed
}
