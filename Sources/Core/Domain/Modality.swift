import Foundation

/// How the text asserts the event.
public enum Modality: String, Sendable, Codable, CaseIterable {
    case confirmed, reported, rumour, planned, denied, recap

    /// Denials, negations and recaps of old events never move anything.
    public var isEvent: Bool { self != .denied && self != .recap }
}
