import Foundation

/// Where a milestone stands.
public enum MilestoneState: String, Sendable, Codable, CaseIterable {
    case pending, shipped, slipped, overdue, cancelled

    /// Shipped and cancelled milestones move no more.
    public var isFinal: Bool { self == .shipped || self == .cancelled }
}
