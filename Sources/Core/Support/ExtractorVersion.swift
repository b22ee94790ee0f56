import Foundation

/// Stamped on every signal, so `extract --all` after a change can be told apart.
public enum ExtractorVersion {
    public static let current = "extract-2"
}
