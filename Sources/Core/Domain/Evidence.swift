import Foundation

/// Where a claim was read: a sentence of the item's title or text, with offsets in
/// Unicode code points into that field (the indices Python and JavaScript strings use
/// for text without astral characters; Python's exactly).
public struct Evidence: Sendable, Equatable, Codable {
    public var text: String
    public var field: String
    public var start: Int
    public var end: Int

    public init(text: String, field: String, start: Int, end: Int) {
        self.text = text
        self.field = field
        self.start = start
        self.end = end
    }
}
