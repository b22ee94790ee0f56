/// The `store:` section of `chipwatch.yaml`: how long raw feed bodies are kept.
public struct StoreSettings: Sendable, Equatable {
    /// Parsed documents fetched longer ago than this lose their raw body to
    /// `chipwatch store prune` (their row, items, signals and evidence stay). Unset: kept.
    public var documentRetention: Double?

    public init(documentRetention: Double? = nil) { self.documentRetention = documentRetention }
}
