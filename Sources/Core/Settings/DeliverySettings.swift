import Foundation

/// How hard deliveries try before they are dead letters.
public struct DeliverySettings: Sendable, Equatable {
    public var maxAttempts = 8
    public var maxAgeSeconds: Double = 2 * 86_400
    public var timeoutSeconds: Double = 30

    public init() {}
}
