import Foundation

/// A date as the feed wrote it, and the instant it means when it could be read.
public struct FeedDate: Sendable, Equatable, Codable {
    public var text: String
    public var date: Date?

    public init(text: String, date: Date?) {
        self.text = text
        self.date = date
    }
}
