import Foundation

/// How loud an alert is.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, critical

    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
