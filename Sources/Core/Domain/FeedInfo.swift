import Foundation

/// The feed-level metadata.
public struct FeedInfo: Sendable, Equatable, Codable {
    public var title = ""
    public var link = ""
    public var subtitle = ""
    public var language = ""
    public var updated: FeedDate?
    public var authors: [Person] = []

    public init() {}
}
