/// Where a feed's authority comes from; a tier-1 source alone can corroborate a milestone.
public enum SourceTier: Int, Sendable, Codable, CaseIterable, Comparable {
    /// An official register or the vendor itself.
    case official = 1
    /// Trade press.
    case tradePress = 2
    /// Aggregators and everything of unknown standing.
    case aggregator = 3

    public static func < (a: SourceTier, b: SourceTier) -> Bool { a.rawValue < b.rawValue }
}
