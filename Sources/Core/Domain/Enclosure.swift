import Foundation

/// A media attachment (RSS enclosure, Atom link rel="enclosure").
public struct Enclosure: Sendable, Equatable, Codable {
    public var url: String
    public var type: String
    public var length: Int?

    public init(url: String, type: String, length: Int?) {
        self.url = url
        self.type = type
        self.length = length
    }
}
