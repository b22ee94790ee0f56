import Foundation

/// One promise on the roadmap (`feeds/roadmap.yaml`).
public struct Milestone: Sendable, Equatable {
    public var id: String
    public var vendor: String
    /// The canonical product name, as in the dictionary.
    public var product: String
    /// The window as promised.
    public var window: DateWindow
    /// The event that fulfils it (ship unless said otherwise).
    public var event: EventKind
    public var graceDays: Int
    public var sourceURL: String?
    public var sourceDate: Day?

    public init(id: String, vendor: String, product: String, window: DateWindow, event: EventKind = .ship,
                graceDays: Int = 30, sourceURL: String? = nil, sourceDate: Day? = nil) {
        self.id = id
        self.vendor = vendor
        self.product = product
        self.window = window
        self.event = event
        self.graceDays = graceDays
        self.sourceURL = sourceURL
        self.sourceDate = sourceDate
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
