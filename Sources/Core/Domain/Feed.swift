/// One configured source, as written in `feeds.yaml`.
public struct Feed: Sendable, Equatable, Codable {
    /// Unique, `[a-z0-9-]+`.
    public var id: String
    public var url: String
    public var tier: SourceTier
    public var tags: [String]
    /// Do not poll more often than this, in seconds.
    public var interval: Double
    /// Whether each item's own page is fetched for its full text.
    public var fullText: Bool
    /// A human title, when the configuration gives one.
    public var title: String?

    public init(id: String, url: String, tier: SourceTier = .aggregator, tags: [String] = [],
                interval: Double = 3600, fullText: Bool = false, title: String? = nil) {
        self.id = id
        self.url = url
        self.tier = tier
        self.tags = tags
        self.interval = interval
        self.fullText = fullText
        self.title = title
    }

    /// Whether `id` is a valid feed id: non-empty and only `[a-z0-9-]`.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
