import Foundation

/// A number with its unit: compute (`PFLOPS` with a precision), memory (`GB`), bandwidth
/// (`TB/s`) or a process node (`nm`).
public struct Quantity: Sendable, Equatable, Codable {
    public var value: Double
    public var unit: String
    /// FP8, FP4, BF16, ... for compute; nil otherwise.
    public var precision: String?
    /// compute | memory | bandwidth | process
    public var kind: String

    public init(value: Double, unit: String, precision: String? = nil, kind: String) {
        self.value = value
        self.unit = unit
        self.precision = precision
        self.kind = kind
    }
}
