import Foundation

/// What a signal says happened (see DESIGN.md, "Signals").
public enum EventKind: String, Sendable, Codable, CaseIterable, Comparable {
    case ship, slip, announce, cancel, restrict, relax

    /// Export-control events need no product; chip events do.
    public var isTrade: Bool { self == .restrict || self == .relax }

    /// Which kind wins when one sentence says several things about one product:
    /// "delayed the launch" is a slip, "announced the general availability" a ship.
    public var strength: Int {
        switch self {
        case .cancel: 4
        case .slip: 3
        case .ship: 2
        case .announce: 1
        case .restrict, .relax: 0
        }
    }

    public static func < (a: EventKind, b: EventKind) -> Bool { a.rawValue < b.rawValue }
}
